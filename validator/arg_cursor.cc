#include "validator/arg_cursor.h"

#include <algorithm>

#include <fmt/format.h>

namespace dmc {

ArgCursor::ArgCursor(TargetCheckContext& context) : context_(context), next_(0), end_(context.argCount()) {}

ArgCursor::ArgCursor(TargetCheckContext& context, size_t first, size_t count)
    : context_(context),
      next_(std::min(first, context.argCount())),
      end_(std::min(context.argCount(), next_ + count)) {}

std::optional<size_t> ArgCursor::shift() {
  if (next_ >= end_) return std::nullopt;
  return next_++;
}

void ArgCursor::consume(size_t count) { next_ += std::min(count, remaining()); }

ArgCursor ArgCursor::take(size_t count) const {
  return ArgCursor(context_, next_, std::min(count, remaining()));
}

std::optional<uint32_t> ArgCursor::readNext(const ArgRange& range, bool grouped) {
  std::optional<size_t> index = shift();
  if (!index) {
    context_.failAt(next_, range.kernelText,
                    fmt::format("{} is missing here (a number from {} to {})", range.what, range.min, range.max));
    return std::nullopt;
  }
  std::optional<uint64_t> value = context_.scanArg(*index, 32, range.kernelText);
  if (!value) return std::nullopt;
  if (*value < range.min || *value > range.max) {
    context_.failAt(*index, range.kernelText,
                    fmt::format("{} is {}; it must be from {} to {}", range.what, *value, range.min, range.max));
    return std::nullopt;
  }
  if (grouped && *value > remaining()) {
    context_.failAt(*index, range.kernelText,
                    fmt::format("{} is {}, but only {} argument{} follow{}", range.what, *value, remaining(),
                                remaining() == 1 ? "" : "s", remaining() == 1 ? "s" : ""));
    return std::nullopt;
  }
  return static_cast<uint32_t>(*value);
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace dmc
