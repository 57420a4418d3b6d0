#pragma once
// A device given by number, as tables may name one: "MAJ:MIN", decimal digits on both sides.

#include <string_view>

namespace dmc {

inline bool isMajorMinor(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (i != colon && (text[i] < '0' || text[i] > '9')) return false;
  return true;
}

}  // namespace dmc
