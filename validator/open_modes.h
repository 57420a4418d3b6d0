#pragma once
// One table (one DM device) that opens a device read-only in one target (a snapshot's
// origin, a thin device's external origin) and read-write in a later one. dm-table then
// reopens the device with the wider mode and releases the handle the first target still
// holds (upgrade_mode); Debian's 6.1 kernel oopses loading such a table (found by the kernel
// differential suite, tests/kernel/README.md). The other order is safe: the read-write open
// already covers the read-only one.

#include <span>

#include "diagnostics/diagnostic_engine.h"
#include "validator/device_areas.h"

namespace dmc {

// `tableAreas`: the areas of one table's lines, in table order.
void checkOpenModes(DiagnosticEngine& engine, std::span<const DeviceArea> tableAreas, bool readOnlyTable);

}  // namespace dmc
