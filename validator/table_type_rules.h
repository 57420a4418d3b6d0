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

// The lines of one table that the rules can tell apart, and how many there are. A line of
// the same type as the line before it, past the second line, breaks a rule only where that
// earlier line already did: every rule looks for the first line of some type or kind, and
// the state they keep changes only at such a line. So a million-line linear table keeps two.
class TableLines {
 public:
  struct Kept {
    uint32_t position;  // 0-based, in the table
    TypedLine line;
  };

  void add(const TypedLine& line) {
    if (count_ < 2 || line.type != kept_.back().line.type) kept_.push_back(Kept{count_, line});
    ++count_;
  }
  const std::vector<Kept>& kept() const { return kept_; }
  uint32_t count() const { return count_; }

 private:
  std::vector<Kept> kept_;
  uint32_t count_ = 0;
};

// Checks one device's table (in file `file`). readOnly: the device is loaded read-only.
void checkTableTypeRules(DiagnosticEngine& engine, uint32_t file, const TableLines& lines, bool readOnly,
                         const KernelChoice& kernel);
// The same, over every line of the table, in order.
void checkTableTypeRules(DiagnosticEngine& engine, uint32_t file, const std::vector<TypedLine>& lines, bool readOnly,
                         const KernelChoice& kernel);

}  // namespace dmc
