#include "diagnostics/inline_suppressions.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "support/display_escape.h"

namespace dmc {

namespace {

constexpr std::string_view kPrefix = "dmc:";

bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
bool endsWord(char c) { return isBlank(c) || c == ',' || c == '#'; }

// One line of the file being read, and where in it the reader is.
struct Cursor {
  std::string_view text;
  size_t lineStart = 0;
  size_t lineEnd = 0;  // the '\n', or the end of the text
  size_t at = 0;
  uint32_t line = 0;

  void skipBlanks() {
    while (at < lineEnd && isBlank(text[at])) ++at;
  }
  std::string_view word() {
    size_t begin = at;
    while (at < lineEnd && !endsWord(text[at])) ++at;
    return text.substr(begin, at - begin);
  }
  Location where(size_t offset, size_t length) const {
    return Location{0, line, static_cast<uint32_t>(offset - lineStart + 1), static_cast<uint32_t>(length)};
  }
};

// The line a `# dmc: no-warn` comment on a line of its own applies to: the next one that is
// neither blank nor a comment. 0 when there is none.
uint32_t nextTableLine(std::string_view text, size_t from, uint32_t line) {
  while (from < text.size()) {
    ++line;
    size_t end = std::min(text.find('\n', from), text.size());
    size_t first = from;
    while (first < end && isBlank(text[first])) ++first;
    if (first < end && text[first] != '#') return line;
    from = end + 1;
  }
  return 0;
}

class SuppressionReader {
 public:
  SuppressionReader(DiagnosticEngine& engine, uint32_t file) : engine_(engine), file_(file) {}

  // Reads the comment the cursor is in (just after its '#'); false when it is no `dmc:` directive.
  bool readDirective(Cursor& c) {
    c.skipBlanks();
    if (c.text.substr(c.at, kPrefix.size()) != kPrefix) return false;
    c.at += kPrefix.size();
    c.skipBlanks();
    const size_t directiveAt = c.at;
    const std::string_view directive = c.word();
    if (directive != "no-warn" && directive != "no-warn-file") {
      warn(c.where(directiveAt, directive.size()),
           fmt::format("unknown dmc directive {}: dmc knows no-warn (its line) and no-warn-file (the whole file)",
                       quoteToken(directive)));
      return true;
    }
    const uint32_t scope = directive == "no-warn-file" ? 0 : scopeOf(c);
    if (directive == "no-warn" && scope == 0) {
      warn(c.where(directiveAt, directive.size()), "no table line follows this no-warn comment: it silences nothing");
      return true;
    }
    readCodes(c, directiveAt, directive, scope);
    return true;
  }

 private:
  // A comment after a table line is for that line; a comment alone on its line, for the next.
  uint32_t scopeOf(const Cursor& c) const {
    std::string_view before = c.text.substr(c.lineStart, c.at - c.lineStart);
    before = before.substr(0, before.find('#'));
    bool alone = std::all_of(before.begin(), before.end(), isBlank);
    return alone ? nextTableLine(c.text, c.lineEnd + 1, c.line) : c.line;
  }

  void readCodes(Cursor& c, size_t directiveAt, std::string_view directive, uint32_t scope) {
    bool any = false;
    while (true) {
      while (c.at < c.lineEnd && (isBlank(c.text[c.at]) || c.text[c.at] == ',')) ++c.at;
      if (c.at >= c.lineEnd || c.text[c.at] == '#') break;
      const size_t codeAt = c.at;
      const std::string_view code = c.word();
      any = true;
      const DiagnosticInfo* info = findDiagnostic(code);
      if (info == nullptr)
        warn(c.where(codeAt, code.size()),
             fmt::format("no diagnostic has the code {} (see docs/diagnostics.md)", quoteToken(code)));
      else if (info->severity != Severity::Warning)
        warn(c.where(codeAt, code.size()), fmt::format("{} is not a warning; errors cannot be silenced", quoteToken(code)));
      else
        engine_.silenceWarningOnLine(file_, scope, info->id);
    }
    if (!any)
      warn(c.where(directiveAt, directive.size()), fmt::format("{} names no warning code", directive));
  }

  void warn(Location location, std::string message) {
    location.file = file_;
    engine_.report(DiagnosticCode::InvalidSuppression, location, std::move(message));
  }

  DiagnosticEngine& engine_;
  uint32_t file_;
};

}  // namespace

void readInlineSuppressions(DiagnosticEngine& engine, uint32_t file) {
  const std::string_view text = engine.file(file).text();
  SuppressionReader reader(engine, file);
  Cursor c{text};
  c.line = 1;
  size_t counted = 0;  // newlines before `counted` are in c.line
  size_t from = 0;
  while (from < text.size()) {
    const void* found = std::memchr(text.data() + from, '#', text.size() - from);
    if (found == nullptr) break;
    const size_t hash = static_cast<const char*>(found) - text.data();
    c.line += static_cast<uint32_t>(std::count(text.begin() + counted, text.begin() + hash, '\n'));
    counted = hash;
    const size_t previousBreak = text.rfind('\n', hash);
    c.lineStart = previousBreak == std::string_view::npos ? 0 : previousBreak + 1;
    c.lineEnd = std::min(text.find('\n', hash), text.size());
    c.at = hash + 1;
    // One directive a line; any other comment is read on from its own '#'.
    from = reader.readDirective(c) ? c.lineEnd : hash + 1;
  }
}

}  // namespace dmc
