#pragma once
// Reads a target's arguments in order, the way the kernel's argument set does (struct
// dm_arg_set with dm_shift_arg, dm_consume_args, dm_read_arg and dm_read_arg_group in
// dm-table.c), and reports through the TargetCheckContext at the argument where the
// kernel's constructor would have stopped.
//
// A "%u" field read this way must be decimal digits only and lie in [min, max]; a group
// count must also not exceed the number of arguments after it. On any failure the kernel
// logs the one message the table gives for that field, so ArgRange carries it.

#include <cstdint>
#include <optional>
#include <string_view>

#include "validator/target_check_context.h"

namespace dmc {

struct ArgRange {
  uint32_t min = 0;
  uint32_t max = UINT32_MAX;
  std::string_view kernelText;  // the kernel's message for this field
  std::string_view what;        // plain words for the explanation, e.g. "the feature count"
};

class ArgCursor {
 public:
  // All arguments of the line.
  explicit ArgCursor(TargetCheckContext& context);
  // `count` arguments starting at index `first` (a nested argument set, as multipath makes
  // for each path).
  ArgCursor(TargetCheckContext& context, size_t first, size_t count);

  size_t remaining() const { return end_ - next_; }
  size_t position() const { return next_; }  // index of the next argument in the line
  size_t end() const { return end_; }        // index just past this set

  // The index of the next argument, or nullopt when the set is used up.
  std::optional<size_t> shift();
  // Skips `count` arguments (never more than remain).
  void consume(size_t count);
  // A set over the next `count` arguments (at most those that remain); this one is unchanged.
  ArgCursor take(size_t count) const;

  // A "%u" field in range; reports and returns nullopt on failure.
  std::optional<uint32_t> read(const ArgRange& range) { return readNext(range, false); }
  // The same, and the value must not exceed the arguments left after it.
  std::optional<uint32_t> readGroup(const ArgRange& range) { return readNext(range, true); }

 private:
  std::optional<uint32_t> readNext(const ArgRange& range, bool grouped);

  TargetCheckContext& context_;
  size_t next_;
  size_t end_;
};

// The kernel compares feature names with strcasecmp: ASCII case does not matter.
bool equalsIgnoringCase(std::string_view a, std::string_view b);

}  // namespace dmc
