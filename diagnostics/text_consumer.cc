#include "diagnostics/text_consumer.h"

#include <cstdlib>
#include <unistd.h>

#include <fmt/format.h>

#include "support/display_escape.h"

namespace dmc {

namespace {

// Long lines (a 10 MB line is legal input) are shown as a window around the column.
constexpr uint32_t kShownWidth = 100;

const char* colorOf(Severity severity) {
  switch (severity) {
    case Severity::Error: return "\033[1;31m";
    case Severity::Warning: return "\033[1;35m";
    case Severity::Note: return "\033[1;36m";
  }
  return "";
}

class TextRenderer {
 public:
  TextRenderer(DiagnosticEngine& engine, TextStyle style) : engine_(engine), style_(style) {}

  void diagnostic(const Diagnostic& d) {
    header(d.location, d.severity, d.message, diagnosticInfo(d.code).code);
    sourceExcerpt(d.location);
    for (const Note& note : d.notes) {
      if (note.hasLocation) {
        header(note.location, Severity::Note, note.message, {});
        sourceExcerpt(note.location);
      } else {
        out_ += paint("\033[1;36m", "note: ") + escapeForDisplay(note.message) + "\n";
      }
    }
  }

  void summary() {
    size_t errors = engine_.errorCount(), warnings = engine_.warningCount();
    if (engine_.droppedCount() > 0)
      out_ += fmt::format("{} more diagnostics not shown (--max-errors 0 shows all)\n", engine_.droppedCount());
    if (errors == 0 && warnings == 0) return;
    out_ += fmt::format("{} error{} and {} warning{} generated.\n", errors, errors == 1 ? "" : "s", warnings,
                        warnings == 1 ? "" : "s");
  }

  std::string take() { return std::move(out_); }

 private:
  std::string paint(const char* code, std::string_view text) const {
    if (!style_.color) return std::string(text);
    return std::string(code) + std::string(text) + "\033[0m";
  }

  void header(const Location& at, Severity severity, const std::string& message, std::string_view code) {
    std::string place = escapeForDisplay(engine_.file(at.file).name());
    if (at.line > 0) place += fmt::format(":{}:{}", at.line, std::max<uint32_t>(at.column, 1));
    out_ += paint("\033[1m", place + ":") + " ";
    out_ += paint(colorOf(severity), std::string(severityName(severity)) + ":") + " ";
    out_ += paint("\033[1m", escapeForDisplay(message));
    if (!code.empty()) out_ += fmt::format(" [{}]", code);
    out_ += "\n";
  }

  void sourceExcerpt(const Location& at) {
    if (at.line == 0) return;
    std::string masked;
    std::string_view line = engine_.file(at.file).lineText(at.line);
    std::vector<Location> secrets = engine_.secretsOn(at.file, at.line);
    if (!secrets.empty()) {
      masked = maskSecrets(line, secrets);
      line = masked;
    }
    uint32_t column = std::max<uint32_t>(at.column, 1);
    // Pick the window of the line to show so the marked column is inside it.
    size_t from = 0;
    if (column > kShownWidth) from = column - kShownWidth / 2;
    if (from > line.size()) from = line.size();
    std::string_view shown = line.substr(from, kShownWidth);
    std::string prefix = from > 0 ? "..." : "";
    std::string suffix = from + shown.size() < line.size() ? "..." : "";
    std::string escaped = prefix + escapeForTab(shown) + suffix;
    out_ += escaped + "\n";
    // The marker counts display columns of the escaped text before the column.
    size_t offsetInShown = column - 1 >= from ? column - 1 - from : 0;
    if (offsetInShown > shown.size()) offsetInShown = shown.size();
    size_t pad = prefix.size() + escapeForTab(shown.substr(0, offsetInShown)).size();
    uint32_t length = at.length;
    size_t maxLength = shown.size() > offsetInShown ? shown.size() - offsetInShown : 1;
    size_t underline = length > 1 ? std::min<size_t>(length, maxLength) - 1 : 0;
    out_ += std::string(pad, ' ') + paint("\033[1;32m", "^" + std::string(underline, '~')) + "\n";
  }

  // Each byte of a secret becomes '*': the caret still lines up, the key is not shown.
  static std::string maskSecrets(std::string_view line, const std::vector<Location>& secrets) {
    std::string masked(line);
    for (const Location& secret : secrets) {
      const size_t begin = secret.column > 0 ? secret.column - 1 : 0;
      for (size_t i = begin; i < masked.size() && i < begin + secret.length; ++i) masked[i] = '*';
    }
    return masked;
  }

  // Tabs become one space so the caret lines up whatever the terminal's tab stops are.
  static std::string escapeForTab(std::string_view text) {
    std::string escaped = escapeForDisplay(text);
    for (char& c : escaped)
      if (c == '\t') c = ' ';
    return escaped;
  }

  DiagnosticEngine& engine_;
  TextStyle style_;
  std::string out_;
};

}  // namespace

void writeText(DiagnosticEngine& engine, TextStyle style, const OutputSink& out) {
  TextRenderer renderer(engine, style);
  engine.forEachSorted([&](const Diagnostic& d) {
    renderer.diagnostic(d);
    out(renderer.take());
  });
  renderer.summary();
  out(renderer.take());
}

std::string renderText(DiagnosticEngine& engine, TextStyle style) {
  std::string text;
  writeText(engine, style, [&](std::string_view piece) { text += piece; });
  return text;
}

bool shouldUseColor(int fd, const std::string& choice) {
  if (choice == "always") return true;
  if (choice == "never") return false;
  const char* noColor = std::getenv("NO_COLOR");
  if (noColor != nullptr && noColor[0] != '\0') return false;
  return ::isatty(fd) == 1;
}

}  // namespace dmc
