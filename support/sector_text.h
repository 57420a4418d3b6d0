#pragma once
// Sectors named as people say them: "1 sector", "8 sectors", "sector 7", "sectors 7 to 9".

#include <cstdint>
#include <string>

#include <fmt/format.h>

namespace dmc {

inline std::string sectorCount(uint64_t n) { return fmt::format("{} sector{}", n, n == 1 ? "" : "s"); }

// The sectors first..last (inclusive).
inline std::string sectorRange(uint64_t first, uint64_t last) {
  return first == last ? fmt::format("sector {}", first) : fmt::format("sectors {} to {}", first, last);
}

// "is" or "are", to follow sectorRange(first, last).
inline const char* sectorRangeVerb(uint64_t first, uint64_t last) { return first == last ? "is" : "are"; }

}  // namespace dmc
