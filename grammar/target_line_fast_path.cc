#include "grammar/target_line_fast_path.h"

#include <array>

namespace dmc {

namespace {

// The grammar's byte classes (table_grammar.h): blanks are isspace() minus the line break,
// '#' starts a comment, every other byte belongs to a word.
enum ByteClass : uint8_t { kWordByte, kBlank, kCommentStart };

constexpr std::array<uint8_t, 256> kByteClasses = [] {
  std::array<uint8_t, 256> classes{};
  for (unsigned char c : {' ', '\t', '\r', '\v', '\f'}) classes[c] = kBlank;
  classes['#'] = kCommentStart;
  return classes;
}();

ByteClass classOf(char c) { return static_cast<ByteClass>(kByteClasses[static_cast<unsigned char>(c)]); }

bool giveUp(LineSyntax& out) {
  out.target.start = out.target.length = out.target.type = Token{};  // as reset, for the grammar
  out.target.args.clear();  // keeping its capacity
  return false;
}

}  // namespace

bool parseTargetLineFast(LineSyntax& out) {
  const char* const begin = out.text.data();
  const char* const end = begin + out.text.size();
  Token* const fixed[] = {&out.target.start, &out.target.length, &out.target.type};
  size_t words = 0;
  const char* p = begin;
  for (;;) {
    while (p != end && classOf(*p) == kBlank) ++p;
    if (p == end) break;
    const char* word = p;
    while (p != end && classOf(*p) == kWordByte) ++p;
    if (p != end && classOf(*p) == kCommentStart) return giveUp(out);
    const Token token{std::string_view(word, static_cast<size_t>(p - word)), static_cast<uint32_t>(word - begin) + 1};
    if (words < 3) *fixed[words] = token;
    else out.target.args.push_back(token);  // reuses the capacity of earlier lines
    // "device" or "disk" first is a header or declaration (or a broken one): the grammar's to read.
    if (++words == 1 && (token.text == "device" || token.text == "disk")) return giveUp(out);
  }
  if (words < 3) return giveUp(out);
  out.kind = LineKind::Target;
  return true;
}

}  // namespace dmc
