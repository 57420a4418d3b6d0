#include "support/display_escape.h"

#include <cstdint>

namespace dmc {

namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 if it is invalid.
size_t utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(text[k]); };
  uint8_t lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length;
  uint32_t minimum;
  if ((lead & 0xE0) == 0xC0) { length = 2; minimum = 0x80; }
  else if ((lead & 0xF0) == 0xE0) { length = 3; minimum = 0x800; }
  else if ((lead & 0xF8) == 0xF0) { length = 4; minimum = 0x10000; }
  else return 0;
  if (i + length > text.size()) return 0;
  uint32_t code = lead & (0x7F >> length);
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

size_t firstInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8SequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

bool isValidUtf8(std::string_view text) { return firstInvalidUtf8(text) == std::string_view::npos; }

std::string escapeForDisplay(std::string_view text) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<uint8_t>(text[i]);
    size_t length = utf8SequenceLength(text, i);
    bool printable = length > 1 || (length == 1 && (c >= 0x20 || c == '\t') && c != 0x7F);
    if (printable) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      ++i;
    }
  }
  return out;
}

}  // namespace dmc

namespace dmc {

std::string quoteToken(std::string_view token) {
  constexpr size_t kShown = 40;
  if (token.size() <= kShown) return "'" + std::string(token) + "'";
  return "'" + std::string(token.substr(0, kShown)) + "...' (" + std::to_string(token.size()) + " bytes)";
}

}  // namespace dmc
