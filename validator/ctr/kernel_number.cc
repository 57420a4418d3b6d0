#include "validator/ctr/kernel_number.h"

namespace dmc {

namespace {

KernelNumber parseDigits(std::string_view text, unsigned bits) {
  KernelNumber result;
  if (text.empty()) return result;
  uint64_t limit = bits >= 64 ? UINT64_MAX : (1ull << bits) - 1;
  uint64_t value = 0;
  bool overflow = false;
  for (char c : text) {
    if (c < '0' || c > '9') return result;
    auto digit = static_cast<uint64_t>(c - '0');
    if (value > (limit - digit) / 10) overflow = true;
    else value = value * 10 + digit;
  }
  result.status = overflow ? NumberStatus::Overflow : NumberStatus::Ok;
  result.value = overflow ? 0 : value;
  return result;
}

}  // namespace

KernelNumber scanUnsigned(std::string_view text, unsigned bits) { return parseDigits(text, bits); }

KernelNumber kstrtoUnsigned(std::string_view text, unsigned bits) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  return parseDigits(text, bits);
}

}  // namespace dmc
