#pragma once
// Splits text at runs of white space, as the kernel's dm_split_args does for a table line
// (without its backslash escapes, which table status output never needs).

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace dmc {

inline std::vector<std::string> splitTokens(std::string_view text) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    const size_t begin = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > begin) tokens.emplace_back(text.substr(begin, i - begin));
  }
  return tokens;
}

}  // namespace dmc
