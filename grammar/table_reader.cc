#include "grammar/table_reader.h"

#include <cstring>

#include <fmt/format.h>

#include "grammar/line_parser.h"
#include "grammar/target_line_fast_path.h"
#include "support/display_escape.h"

namespace dmc {

namespace {

// One pass over the whole file: does any byte need a closer look (non-ASCII or control)?
bool hasUnusualBytes(std::string_view text) {
  unsigned char unusual = 0;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    unusual |= static_cast<unsigned char>((c >= 0x80) | (c < 0x20 && c != '\t' && c != '\n' && c != '\r'));
  }
  return unusual != 0;
}

void reportUnusualBytes(DiagnosticEngine& engine, uint32_t fileId, uint32_t line, std::string_view text) {
  size_t bad = firstInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    engine.report(DiagnosticCode::InvalidUtf8, Location{fileId, line, static_cast<uint32_t>(bad) + 1, 1},
                  "this line contains bytes that are not valid UTF-8; they are shown as \\x escapes");
  }
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
      engine.report(DiagnosticCode::ControlCharacter, Location{fileId, line, static_cast<uint32_t>(i) + 1, 1},
                    fmt::format("control character \\x{:02x} in this line", c));
      break;
    }
  }
}

}  // namespace

bool readTable(DiagnosticEngine& engine, uint32_t fileId, LineSink& sink) {
  std::string_view text = engine.file(fileId).text();
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    size_t offset = static_cast<const char*>(nul) - text.data();
    std::string_view before = text.substr(0, offset);
    uint32_t line = 1;
    for (char c : before) line += c == '\n';
    size_t lineStart = before.rfind('\n');
    auto column = static_cast<uint32_t>(lineStart == std::string_view::npos ? offset + 1 : offset - lineStart);
    engine.report(DiagnosticCode::BinaryFile, Location{fileId, line, column, 1},
                  "NUL byte in the file: this is not a text table (dmsetup would silently cut the line here)");
    return false;
  }
  bool checkBytes = hasUnusualBytes(text);

  LineSyntax syntax;
  LineSyntaxError error;
  uint32_t lineNumber = 0;
  const char* cursor = text.data();
  const char* end = cursor + text.size();
  while (cursor < end) {
    const char* newline = static_cast<const char*>(std::memchr(cursor, '\n', end - cursor));
    const char* lineEnd = newline ? newline : end;
    std::string_view lineText(cursor, lineEnd - cursor);
    if (!lineText.empty() && lineText.back() == '\r') lineText.remove_suffix(1);
    ++lineNumber;
    if (checkBytes) reportUnusualBytes(engine, fileId, lineNumber, lineText);
    syntax.reset(lineNumber, lineText);
    // Most lines are plain target lines; the grammar reads the rest and words every error.
    if (parseTargetLineFast(syntax) || parseLine(syntax, error)) {
      sink.onLine(syntax);
    } else {
      engine.report(DiagnosticCode::Syntax, Location{fileId, lineNumber, error.column, 1}, error.message);
      sink.onBadLine(lineNumber);
    }
    cursor = newline ? newline + 1 : end;
  }
  return true;
}

}  // namespace dmc
