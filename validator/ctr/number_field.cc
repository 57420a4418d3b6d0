#include "validator/ctr/number_field.h"

#include <fmt/format.h>

#include "support/display_escape.h"

namespace dmc {

namespace {

// The sscanf conversion a Scan field of this width uses, for explanations.
std::string_view scanConversion(unsigned bits) {
  switch (bits) {
    case 8: return "%hhu";
    case 16: return "%hu";
    case 64: return "%llu";
    default: return "%u";
  }
}

}  // namespace

KernelNumber readNumber(std::string_view text, NumberForm form, unsigned bits) {
  return form == NumberForm::Scan ? scanUnsigned(text, bits) : kstrtoUnsigned(text, bits);
}

std::string overflowProblem(NumberForm form, unsigned bits) {
  if (form == NumberForm::Kstrto) return fmt::format("is out of range: it does not fit in {} bits", bits);
  return fmt::format("does not fit in {} bits (the kernel would silently wrap it; dmc refuses)", bits);
}

std::string numberProblem(std::string_view text, NumberStatus status, NumberForm form, unsigned bits) {
  std::string shown = quoteToken(text);
  if (status == NumberStatus::Overflow) return fmt::format("{} {}", shown, overflowProblem(form, bits));
  if (!text.empty() && text.front() == '+' && form == NumberForm::Scan)
    return fmt::format("{} starts with '+': the kernel reads it with sscanf {}, which takes digits only, no '+'",
                       shown, scanConversion(bits));
  if (!text.empty() && text.front() == '-') return fmt::format("{} is negative; this field is unsigned", shown);
  return fmt::format("{} is not a decimal number", shown);
}

std::optional<int32_t> readKstrtoInt(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 12) return std::nullopt;
  int64_t value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    value = value * 10 + (ch - '0');
  }
  if (negative) value = -value;
  if (value < INT32_MIN || value > INT32_MAX) return std::nullopt;
  return static_cast<int32_t>(value);
}

}  // namespace dmc
