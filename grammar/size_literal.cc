#include "grammar/size_literal.h"

#include <array>

namespace dmc {

namespace {

struct Unit {
  std::string_view name;
  uint64_t bytes;
};

constexpr uint64_t kSectorBytes = 512;
constexpr uint64_t kKiB = 1024;

constexpr std::array kUnits = {
    Unit{"", kSectorBytes},        Unit{"s", kSectorBytes},
    Unit{"B", 1},                  Unit{"K", kKiB},
    Unit{"KiB", kKiB},             Unit{"M", kKiB * kKiB},
    Unit{"MiB", kKiB * kKiB},      Unit{"G", kKiB * kKiB * kKiB},
    Unit{"GiB", kKiB * kKiB * kKiB}, Unit{"T", kKiB * kKiB * kKiB * kKiB},
    Unit{"TiB", kKiB * kKiB * kKiB * kKiB}, Unit{"P", kKiB * kKiB * kKiB * kKiB * kKiB},
    Unit{"PiB", kKiB * kKiB * kKiB * kKiB * kKiB},
};

const Unit* findUnit(std::string_view name) {
  for (const Unit& unit : kUnits)
    if (unit.name == name) return &unit;
  return nullptr;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

__extension__ using u128 = unsigned __int128;  // exact size arithmetic without overflow checks at every step
// 2^74 bytes or more is past 2^64 sectors whatever the unit, and 2^74 * 2^50 still fits u128.
constexpr u128 kTooBig = static_cast<u128>(1) << 74;
constexpr u128 kFractionScaleLimit = 10000000000000000000ull;  // 10^19

// The common case, plain sectors: up to 19 digits always fit 64 bits.
bool parsePlainSectors(std::string_view text, SizeLiteral& result) {
  if (text.empty() || text.size() > 19) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (!isDigit(c)) return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  result.status = SizeStatus::Ok;
  result.sectors = value;
  return true;
}

}  // namespace

SizeLiteral parseSizeLiteral(std::string_view text) {
  SizeLiteral result;
  if (parsePlainSectors(text, result)) return result;
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    if (text[i] == '-') {
      const bool allZeros = text.size() > 1 && text.find_first_not_of('0', 1) == std::string_view::npos;
      result.status = allZeros ? SizeStatus::Ok : SizeStatus::Negative;
      result.minusZero = allZeros;
      return result;
    }
    result.hasPlus = true;
    ++i;
  }
  // Whole part, saturating so 10,000 digits cost nothing but a scan.
  size_t wholeBegin = i;
  u128 whole = 0;
  for (; i < text.size() && isDigit(text[i]); ++i)
    if (whole < kTooBig) whole = whole * 10 + static_cast<unsigned>(text[i] - '0');
  if (i == wholeBegin) return result;
  u128 fraction = 0, fractionScale = 1;
  bool hasFraction = false;
  bool droppedNonZero = false;
  if (i < text.size() && text[i] == '.') {
    hasFraction = true;
    size_t fractionBegin = ++i;
    for (; i < text.size() && isDigit(text[i]); ++i) {
      // Past 19 digits a non-zero digit is below a byte for every unit: never whole sectors.
      if (fractionScale >= kFractionScaleLimit) {
        droppedNonZero = droppedNonZero || text[i] != '0';
        continue;
      }
      fraction = fraction * 10 + static_cast<unsigned>(text[i] - '0');
      fractionScale *= 10;
    }
    if (i == fractionBegin) return result;
  }
  const Unit* unit = findUnit(text.substr(i));
  if (unit == nullptr || (hasFraction && unit->name.empty())) return result;
  result.hasUnit = !unit->name.empty();

  if (whole >= kTooBig) {
    result.status = SizeStatus::TooLarge;
    return result;
  }
  // bytes = (whole + fraction/scale) * unit; exact when fraction*unit divides by scale.
  u128 bytes = whole * unit->bytes;
  u128 fractionBytes = fraction * unit->bytes;
  if (droppedNonZero || fractionBytes % fractionScale != 0) {
    result.status = SizeStatus::PartialSector;
    return result;
  }
  bytes += fractionBytes / fractionScale;
  if (bytes % kSectorBytes != 0) {
    result.status = SizeStatus::PartialSector;
    return result;
  }
  u128 sectors = bytes / kSectorBytes;
  if (sectors > UINT64_MAX) {
    result.status = SizeStatus::TooLarge;
    return result;
  }
  result.sectors = static_cast<uint64_t>(sectors);
  result.status = SizeStatus::Ok;
  return result;
}

}  // namespace dmc
