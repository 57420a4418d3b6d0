#pragma once
// Finds targets of one file that map the same sectors of the same underlying device (same
// device text: a path, major:minor or @name). The kernel allows it, as several DM devices may
// share a disk; dmc warns, at the later of the two targets with a note at the earlier one,
// saying what is true of the pair, from each area's DeviceUse (its target type's own fact):
//   - both write: they destroy each other's data;
//   - one only reads (a snapshot's origin, verity's data): its data changes under it;
//   - both only read, or both carry one sharing tag (the snapshot targets on an origin): the
//     sharing is harmless or by design, and not reported.
// Areas of one target line are reported only when both write (one disk given twice to
// striped); a read class next to a write class is delay's design. Two lines claiming the same
// object of a device (a thin device id of one pool) are reported too.
//
// Sort and sweep: O(n log n) for n areas, at most one warning an area.

#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "validator/device_areas.h"

namespace dmc {

void checkAreaOverlaps(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas);

}  // namespace dmc
