#pragma once
// The kernel parses target numbers in two ways, and a validator must copy which one each
// field uses (docs/kernel-rules.md):
//   sscanf("%llu%c") / "%u%c": decimal digits only, no sign; overflow silently wraps.
//   kstrtoul() and friends, base 10: an optional '+', decimal digits; overflow is an error.
// dmc refuses overflowing values in both styles: a silently wrapped number is never what
// the author meant (a documented, deliberate difference from the kernel).

#include <cstdint>
#include <string_view>

namespace dmc {

enum class NumberStatus : uint8_t { Ok, Invalid, Overflow };

struct KernelNumber {
  NumberStatus status = NumberStatus::Invalid;
  uint64_t value = 0;

  bool ok() const { return status == NumberStatus::Ok; }
};

// sscanf "%llu" (bits = 64) or "%u" (bits = 32): digits only.
KernelNumber scanUnsigned(std::string_view text, unsigned bits = 64);

// kstrtoull / kstrtouint (bits 64 / 32), base 10: optional '+', digits.
KernelNumber kstrtoUnsigned(std::string_view text, unsigned bits = 64);

}  // namespace dmc
