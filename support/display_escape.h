#pragma once
// Text from input files is shown to people and tools: control characters and invalid UTF-8
// are escaped (\t stays, others become \xNN) so a hostile file cannot drive the terminal.

#include <string>
#include <string_view>

namespace dmc {

std::string escapeForDisplay(std::string_view text);

// True when the text is valid UTF-8 (overlong forms and surrogates are invalid).
bool isValidUtf8(std::string_view text);

// Byte offset of the first invalid UTF-8 sequence, or npos.
size_t firstInvalidUtf8(std::string_view text);

}  // namespace dmc

namespace dmc {

// A token quoted for a message: 'text', or its first 40 bytes and its size when longer, so a
// 10 MB argument does not become a 10 MB message.
std::string quoteToken(std::string_view token);

}  // namespace dmc
