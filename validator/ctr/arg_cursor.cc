#include "validator/ctr/arg_cursor.h"

#include <algorithm>

#include <fmt/format.h>

#include "grammar/size_literal.h"
#include "support/display_escape.h"

namespace dmc {

ArgCursor::ArgCursor(TargetCheckContext& context) : context_(context), next_(0), end_(context.argCount()) {}

ArgCursor::ArgCursor(TargetCheckContext& context, size_t first, size_t count)
    : context_(context),
      next_(std::min(first, context.argCount())),
      end_(std::min(context.argCount(), next_ + count)) {}

ArgCursor ArgCursor::at(TargetCheckContext& context, size_t first) {
  return ArgCursor(context, first, context.argCount());
}

std::optional<size_t> ArgCursor::shift() {
  if (next_ >= end_) return std::nullopt;
  return next_++;
}

void ArgCursor::consume(size_t count) { next_ += std::min(count, remaining()); }

ArgCursor ArgCursor::take(size_t count) const {
  return ArgCursor(context_, next_, std::min(count, remaining()));
}

std::nullopt_t ArgCursor::missing(std::string_view kernelText, std::string_view what, std::string_view expected) {
  context_.failAt(next_, kernelText, fmt::format("{} is missing here{}", what, expected));
  return std::nullopt;
}

std::optional<uint64_t> ArgCursor::number(NumberForm form, unsigned bits, std::string_view kernelText,
                                          std::string_view what) {
  std::optional<size_t> index = shift();
  if (!index) return missing(kernelText, what.empty() ? "a number" : what);
  std::string_view text = context_.arg(*index);
  KernelNumber value = readNumber(text, form, bits);
  if (value.ok()) return value.value;
  std::string problem = numberProblem(text, value.status, form, bits);
  context_.failAt(*index, kernelText, what.empty() ? problem : fmt::format("{} {}", what, problem));
  return std::nullopt;
}

std::optional<uint64_t> ArgCursor::sector(std::string_view kernelText) {
  std::optional<size_t> index = shift();
  if (!index) return missing(kernelText, "a sector number");
  std::string_view text = context_.arg(*index);
  KernelNumber value = scanUnsigned(text, 64);
  if (value.ok()) return value.value;
  SizeLiteral size = parseSizeLiteral(text);
  if (size.hasUnit && size.status == SizeStatus::Ok) {
    context_.resolveArg(*index, size.sectors);
    return size.sectors;
  }
  if (size.hasUnit && size.status == SizeStatus::PartialSector) {
    context_.failAt(*index, kernelText, fmt::format("{} is not a whole number of 512-byte sectors", quoteToken(text)));
    return std::nullopt;
  }
  context_.failAt(*index, kernelText, numberProblem(text, value.status, NumberForm::Scan, 64));
  return std::nullopt;
}

std::optional<uint32_t> ArgCursor::readRange(const ArgRange& range, bool grouped) {
  if (remaining() == 0)
    return missing(range.kernelText, range.what, fmt::format(" (a number from {} to {})", range.min, range.max));
  size_t index = next_;
  std::optional<uint64_t> value = scan(32, range.kernelText);
  if (!value) return std::nullopt;
  if (*value < range.min || *value > range.max) {
    context_.failAt(index, range.kernelText,
                    fmt::format("{} is {}; it must be from {} to {}", range.what, *value, range.min, range.max));
    return std::nullopt;
  }
  if (grouped && *value > remaining()) {
    context_.failAt(index, range.kernelText,
                    fmt::format("{} is {}, but only {} argument{} follow{}", range.what, *value, remaining(),
                                remaining() == 1 ? "" : "s", remaining() == 1 ? "s" : ""));
    return std::nullopt;
  }
  return static_cast<uint32_t>(*value);
}

}  // namespace dmc
