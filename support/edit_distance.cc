#include "support/edit_distance.h"

#include <algorithm>
#include <vector>

namespace dmc {

size_t editDistance(std::string_view a, std::string_view b, size_t limit) {
  std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    size_t rowBest = current[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      rowBest = std::min(rowBest, current[j]);
    }
    if (rowBest > limit) return limit + 1;
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string closestMatch(std::string_view word, std::span<const std::string_view> candidates) {
  // One edit per three letters, at least one: "lienar" -> "linear", but "foo" suggests nothing far.
  size_t limit = std::max<size_t>(1, word.size() / 3);
  std::string_view best;
  size_t bestDistance = limit + 1;
  for (std::string_view candidate : candidates) {
    size_t distance = editDistance(word, candidate, limit);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return std::string(best);
}

}  // namespace dmc
