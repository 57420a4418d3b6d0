#include "validator/ctr_args.h"

#include <algorithm>

#include <fmt/format.h>

#include "support/edit_distance.h"
#include "validator/kernel_number.h"
#include "validator/target_check_context.h"

namespace dmc {

namespace {

std::string_view mapperName(std::string_view device) {
  constexpr std::string_view kMapper = "/dev/mapper/";
  if (device.size() > 1 && device.front() == '@') return device.substr(1);
  if (device.size() > kMapper.size() && device.substr(0, kMapper.size()) == kMapper)
    return device.substr(kMapper.size());
  return {};
}

}  // namespace

bool sameDeviceText(std::string_view a, std::string_view b) {
  if (a == b) return true;
  std::string_view nameA = mapperName(a);
  return !nameA.empty() && nameA == mapperName(b);
}

std::string alternatives(std::span<const std::string_view> words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates) {
  std::string match = closestMatch(word, candidates);
  return match.empty() ? "" : fmt::format(" (did you mean '{}'?)", match);
}

std::string countOf(uint64_t n, std::string_view singular, std::string_view plural) {
  return fmt::format("{} {}", n, n == 1 ? singular : plural);
}

std::optional<uint32_t> readCount(TargetCheckContext& c, size_t index, uint32_t min, uint32_t max, bool group,
                                  std::string_view kernelText, std::string_view what) {
  size_t first = std::min(index, c.argCount());
  ArgCursor cursor(c, first, c.argCount() - first);
  ArgRange range{min, max, kernelText, what};
  return group ? cursor.readGroup(range) : cursor.read(range);
}

std::optional<int32_t> parseKstrtoInt(std::string_view text) {
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

std::optional<uint64_t> readKstrtoField(TargetCheckContext& c, size_t index, unsigned bits, std::string_view kernelText,
                                        std::string_view what) {
  if (index >= c.argCount()) {
    c.failAtEnd(kernelText, fmt::format("{} is missing here", what));
    return std::nullopt;
  }
  std::string_view text = c.arg(index);
  KernelNumber number = kstrtoUnsigned(text, bits);
  if (number.ok()) return number.value;
  std::string problem;
  if (number.status == NumberStatus::Overflow)
    problem = fmt::format("is out of range: the kernel reads it as a {}-bit unsigned number", bits);
  else if (text.front() == '-')
    problem = "is negative";
  else
    problem = "is not a decimal number";
  c.failAt(index, kernelText, fmt::format("{} '{}' {}", what, text, problem));
  return std::nullopt;
}

std::optional<uint64_t> readScanField(TargetCheckContext& c, size_t index, unsigned bits, std::string_view kernelText,
                                      std::string_view what) {
  if (index >= c.argCount()) {
    c.failAtEnd(kernelText, fmt::format("{} is missing here", what));
    return std::nullopt;
  }
  std::string_view text = c.arg(index);
  KernelNumber number = scanUnsigned(text, bits);
  if (number.ok()) return number.value;
  std::string problem;
  if (number.status == NumberStatus::Overflow)
    problem = fmt::format("does not fit in {} bits (the kernel would silently wrap it; dmc refuses)", bits);
  else if (text.front() == '+')
    problem = fmt::format("starts with '+': the kernel reads it with sscanf %{}u, which takes digits only",
                          bits == 64 ? "ll" : "");
  else if (text.front() == '-')
    problem = "is negative";
  else
    problem = "is not a decimal number";
  c.failAt(index, kernelText, fmt::format("{} '{}' {}", what, text, problem));
  return std::nullopt;
}

}  // namespace dmc
