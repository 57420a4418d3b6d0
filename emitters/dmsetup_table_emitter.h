#pragma once
// The canonical plain table dmsetup reads: "<start> <length> <type> <params>" a line,
// single spaces, every dmc convenience resolved.

#include <string>

#include "compiler/table_model.h"

namespace dmc {

std::string emitDeviceTable(const TableModel& model, const DeviceEntry& device);

// All devices in load order; with more than one, each table follows a comment line naming
// its device ("# device NAME uuid=... minor=N ro"), which dmsetup skips.
std::string emitAllTables(const TableModel& model);

// The devices as a dmc multi-device file, in file order: each table under its header line
// ("device NAME uuid=... minor=N ro").
std::string emitDeviceFile(const TableModel& model);

// The header comment above, for one device.
std::string deviceComment(const DeviceEntry& device);

}  // namespace dmc
