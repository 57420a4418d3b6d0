#pragma once
// The kernel's rules about which target types may share one table (dm_table_add_target and
// dm_table_determine_type in drivers/md/dm-table.c):
//   - a singleton type (multipath, thin-pool, integrity, zoned, 7.2 verity...) is the only line;
//   - an immutable type (thin-pool, multipath, verity) is not mixed with other types;
//   - an always-writeable type (thin-pool) is not in a read-only table;
//   - bio-based and request-based targets are not mixed, and a request-based table has one line.
// The kernel stops at the first broken rule, so at most one error is reported per table.

#include <cstdint>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "validator/kernel_choice.h"
#include "validator/target_type.h"

namespace dmc {

// One line of a table as these rules see it: 16 bytes, as a table may have a million.
struct TypedLine {
  uint32_t line = 0;
  uint32_t typeColumn = 0;           // where errors point
  const TargetType* type = nullptr;  // nullptr when the type is unknown (already reported)
};

// Checks one device's table (in file `file`), its lines in order. readOnly: the device is
// loaded read-only.
void checkTableTypeRules(DiagnosticEngine& engine, uint32_t file, const std::vector<TypedLine>& lines, bool readOnly,
                         const KernelChoice& kernel);

}  // namespace dmc
