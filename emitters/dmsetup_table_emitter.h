#pragma once
// The canonical plain table dmsetup reads: "<start> <length> <type> <params>" a line,
// single spaces, every dmc convenience resolved.

#include <string>

#include "compiler/table_model.h"

namespace dmc {

std::string emitDeviceTable(const TableModel& model, const DeviceEntry& device);

// All devices in load order; with more than one, or one with attributes, each table follows a
// comment line naming its device ("# device NAME uuid=... minor=N ro"), which dmsetup skips:
// the attributes stay in the output, for the reader who loads it (dmsetup create --readonly...).
std::string emitAllTables(const TableModel& model);

// Whether the device has what a table file cannot say: read-only, a uuid, a minor.
bool hasAttributes(const DeviceEntry& device);

// The devices as a dmc multi-device file, in file order: each table under its header line
// ("device NAME uuid=... minor=N ro").
std::string emitDeviceFile(const TableModel& model);

// The header comment above, for one device.
std::string deviceComment(const DeviceEntry& device);

// The first target whose parameters hold a '#', or nullptr. A table file reads the rest of such
// a line as a comment, so its table cannot be written faithfully; it can only come from a
// concise or dm-mod.create string, where '#' is an ordinary character. Writers must refuse it.
const TargetEntry* targetWithCommentCharacter(const TableModel& model, const DeviceEntry& device);

}  // namespace dmc
