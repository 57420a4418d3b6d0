#pragma once
// "Did you mean ...?" suggestions for misspelt names.

#include <span>
#include <string>
#include <string_view>

namespace dmc {

// Levenshtein distance, giving up (returning limit + 1) once it exceeds limit.
size_t editDistance(std::string_view a, std::string_view b, size_t limit);

// The closest candidate within a distance that scales with the word's length, or "".
std::string closestMatch(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace dmc
