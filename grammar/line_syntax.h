#pragma once
// What the grammar makes of one line. Tokens are views into the source buffer, so a
// million-line table is read without copying its text.

#include <cstdint>
#include <string_view>
#include <vector>

namespace dmc {

struct Token {
  std::string_view text;
  uint32_t column = 0;  // 1-based byte column in its line

  uint32_t length() const { return static_cast<uint32_t>(text.size()); }
};

// DiskDeclaration: "disk PATH [key=value...]", read into `header` (keyword, path as name,
// key=value words as attributes).
enum class LineKind : uint8_t { Blank, Comment, DeviceHeader, Target, DiskDeclaration };

// <start> <length> <type> [<args>...]
struct TargetSyntax {
  Token start;
  Token length;
  Token type;
  std::vector<Token> args;
};

// Where a device header comes from, which decides whether the input says how to load it.
enum class HeaderOrigin : uint8_t {
  DmcHeader,      // "device NAME ... [ro|rw]": says it (rw unless ro)
  BootString,     // a concise or dm-mod.create device: its flags field says it
  DmsetupOutput,  // "NAME: 0 8 ...": dmsetup table output does not show it
};

// device <name> [uuid=...] [minor=N] [ro|rw]
struct HeaderSyntax {
  Token keyword;
  Token name;
  std::vector<Token> attributes;
  HeaderOrigin origin = HeaderOrigin::DmcHeader;
};

struct LineSyntax {
  LineKind kind = LineKind::Blank;
  uint32_t line = 0;
  std::string_view text;  // the whole line, without its line break
  TargetSyntax target;
  HeaderSyntax header;
  Token comment;  // text from '#' to the end of the line, if any

  void reset(uint32_t lineNumber, std::string_view lineText) {
    kind = LineKind::Blank;
    line = lineNumber;
    text = lineText;
    target.args.clear();
    header.attributes.clear();
    header.origin = HeaderOrigin::DmcHeader;
    comment = {};
  }
};

}  // namespace dmc
