#pragma once
// Suppressions written in the table itself, so CI needs no flags (as compilers' NOLINT and
// pragmas do):
//   0 8 linear /dev/sdb 0   # dmc: no-warn shared-sectors       (this line)
//   # dmc: no-warn shared-sectors                              (the next table line)
//   # dmc: no-warn-file shared-sectors octal-number            (the whole file)
// Codes are separated by blanks or commas; another '#' ends the list. Only warnings can be
// silenced; a directive or code dmc does not know is itself a warning (invalid-suppression).

#include <cstdint>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

// Reads every `# dmc:` comment of a file into the engine, before the file is checked.
void readInlineSuppressions(DiagnosticEngine& engine, uint32_t file);

}  // namespace dmc
