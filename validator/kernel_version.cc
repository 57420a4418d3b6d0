#include "validator/kernel_version.h"

#include <charconv>

#include <fmt/format.h>

namespace dmc {

namespace {

// A decimal field of at most five digits; returns where it stopped, or nullptr.
const char* readField(const char* first, const char* last, uint16_t& out) {
  unsigned value = 0;
  auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end == first || end - first > 5 || value > 0xffff) return nullptr;
  out = static_cast<uint16_t>(value);
  return end;
}

}  // namespace

std::optional<KernelVersion> parseKernelVersion(std::string_view text) {
  const char* first = text.data();
  const char* last = first + text.size();
  KernelVersion version;
  const char* dot = readField(first, last, version.major);
  if (dot == nullptr || dot == last || *dot != '.') return std::nullopt;
  const char* end = readField(dot + 1, last, version.minor);
  if (end == nullptr) return std::nullopt;
  // What follows the minor number: a patch level, a Debian ABI suffix, an -rc: all ignored.
  if (end != last && *end != '.' && *end != '-' && *end != '+' && *end != '_') return std::nullopt;
  if (version.major == 0) return std::nullopt;
  return version;
}

std::string kernelVersionName(KernelVersion version) { return fmt::format("{}.{}", version.major, version.minor); }

}  // namespace dmc
