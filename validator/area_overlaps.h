#pragma once
// Finds targets of one file that map the same sectors of the same underlying device (same
// device text: a path, major:minor or @name). The kernel allows it, as several DM devices may
// share a disk, but two targets writing the same sectors destroy each other's data, so dmc
// warns, at the later of the two targets, with a note at the earlier one.
//
// Not reported: areas of one target line (delay's read and write classes may share a device);
// targets that share a device by design: snapshot, snapshot-origin and snapshot-merge (the
// origin), thin volumes (their pool), verity (read-only data).
//
// Sort and sweep: O(n log n) for n areas, at most one warning an area.

#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "validator/device_areas.h"

namespace dmc {

void checkAreaOverlaps(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas);

}  // namespace dmc
