#pragma once
// Small pieces several target constructors share when they read their arguments, on top of
// validator/arg_cursor.h: a dm_read_arg(_group) count at a known index, signed kstrtoint()
// fields, kstrtou*() fields with a named explanation, power-of-two tests, and the "same
// device text" comparison some constructors make with strcmp() before opening anything.
// Each reports through the TargetCheckContext, so the first failure of a line is the one
// shown, as in the kernel.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "support/bit_math.h"
#include "validator/arg_cursor.h"

namespace dmc {

class TargetCheckContext;


// Whether two device arguments reach the kernel as the same text: dmc writes an @name
// reference as /dev/mapper/name, so "@pool" and "/dev/mapper/pool" compare equal.
bool sameDeviceText(std::string_view a, std::string_view b);

// "a", "b or c", "a, b or c": for lists of accepted words in explanations.
std::string alternatives(std::span<const std::string_view> words);

// " (did you mean 'x'?)" when a close candidate exists, else "".
std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates);

// dm_read_arg() (group = false) or dm_read_arg_group() (group = true) on argument `index`
// (an ArgCursor over the rest of the line): "%u", min <= value <= max, and for a group
// value <= the number of arguments after it. `what` names the field in explanations ("the
// feature count"). A missing argument fails at the end of the line.
std::optional<uint32_t> readCount(TargetCheckContext& c, size_t index, uint32_t min, uint32_t max, bool group,
                                  std::string_view kernelText, std::string_view what);

// kstrtoint(arg, 10): an optional '+' or '-', decimal digits, within a signed 32-bit int.
std::optional<int32_t> parseKstrtoInt(std::string_view text);

// kstrtouint / kstrtoul / kstrtoull (bits 32 or 64) with an explanation naming the field:
// unlike the sscanf fields, an out-of-range number is an error in the kernel too.
std::optional<uint64_t> readKstrtoField(TargetCheckContext& c, size_t index, unsigned bits, std::string_view kernelText,
                                        std::string_view what);

// A sscanf "%u" / "%llu" field (bits 32 or 64) with an explanation naming the field: digits
// only; a number the kernel would silently wrap is refused, as the context helpers do.
std::optional<uint64_t> readScanField(TargetCheckContext& c, size_t index, unsigned bits, std::string_view kernelText,
                                      std::string_view what);

// "1 argument", "3 arguments".
std::string countOf(uint64_t n, std::string_view singular, std::string_view plural);

}  // namespace dmc
