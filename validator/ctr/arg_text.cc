#include "validator/ctr/arg_text.h"

#include <fmt/format.h>

#include "support/edit_distance.h"

namespace dmc {

std::string_view mapperName(std::string_view device) {
  constexpr std::string_view kMapper = "/dev/mapper/";
  if (device.size() > 1 && device.front() == '@') return device.substr(1);
  if (device.size() > kMapper.size() && device.substr(0, kMapper.size()) == kMapper)
    return device.substr(kMapper.size());
  return {};
}

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
