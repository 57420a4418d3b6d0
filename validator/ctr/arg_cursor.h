#pragma once
// The one way a target's check reads its constructor arguments: a cursor that walks them the
// way the kernel's argument set does (struct dm_arg_set with dm_shift_arg, dm_consume_args,
// dm_read_arg and dm_read_arg_group in dm-table.c), and reads numbers the way each
// constructor does (sscanf "%u%c"/"%llu%c", kstrtouint/kstrtoull; validator/ctr/number_field.h).
// It reports through the TargetCheckContext at the argument where the kernel's constructor
// would have stopped, with one explanation for each kind of failure:
//   missing:        "<what> is missing here" (at the end of the line, or of a nested set);
//   not a number:   "<what> '<text>' is not a decimal number", "... is negative; ...", "... '+' ...";
//   too large:      number_field.h's overflow wording (the kernel's -ERANGE, or its silent wrap);
//   out of [min, max] or past the group: the field's range, after the kernel's own text.
// Constructors that index argv directly (sscanf(argv[3], ...)) start a cursor there with at().

#include <cstdint>
#include <optional>
#include <string_view>

#include "validator/ctr/number_field.h"
#include "validator/target_check_context.h"

namespace dmc {

// A dm_read_arg() field: "%u", min <= value <= max; on failure the kernel logs `kernelText`.
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
  // The arguments from index `first` to the end of the line: argv + first.
  static ArgCursor at(TargetCheckContext& context, size_t first);

  size_t remaining() const { return end_ - next_; }
  size_t position() const { return next_; }  // index of the next argument in the line
  size_t end() const { return end_; }        // index just past this set

  // dm_shift_arg(): the index of the next argument, or nullopt when the set is used up.
  std::optional<size_t> shift();
  // dm_consume_args(): skips `count` arguments (never more than remain).
  void consume(size_t count);
  // A set over the next `count` arguments (at most those that remain); this one is unchanged.
  ArgCursor take(size_t count) const;

  // dm_read_arg(): a "%u" field in range; reports and returns nullopt on failure.
  std::optional<uint32_t> read(const ArgRange& range) { return readRange(range, false); }
  // dm_read_arg_group(): the same, and the value must not exceed the arguments left after it.
  std::optional<uint32_t> readGroup(const ArgRange& range) { return readRange(range, true); }

  // The next argument as a number of this form and width (bits 8, 16, 32 or 64). `what`
  // names the field in explanations ("the block size"); empty: the text alone is named.
  std::optional<uint64_t> scan(unsigned bits, std::string_view kernelText, std::string_view what = {}) {
    return number(NumberForm::Scan, bits, kernelText, what);
  }
  std::optional<uint64_t> kstrto(unsigned bits, std::string_view kernelText, std::string_view what = {}) {
    return number(NumberForm::Kstrto, bits, kernelText, what);
  }
  std::optional<uint64_t> number(NumberForm form, unsigned bits, std::string_view kernelText,
                                 std::string_view what = {});
  // The next argument as a "%llu" sector count, which in dmc may also be a size with a unit
  // ("1G"); the compiled table gets the number of sectors.
  std::optional<uint64_t> sector(std::string_view kernelText);

 private:
  std::optional<uint32_t> readRange(const ArgRange& range, bool grouped);
  // Reports "<what> is missing here<expected>"; always nullopt, for `return missing(...)`.
  std::nullopt_t missing(std::string_view kernelText, std::string_view what, std::string_view expected = {});

  TargetCheckContext& context_;
  size_t next_;
  size_t end_;
};

}  // namespace dmc
