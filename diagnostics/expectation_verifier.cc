#include "diagnostics/expectation_verifier.h"

#include <optional>
#include <regex>

#include <fmt/format.h>

namespace dmc {

namespace {

struct Expectation {
  Severity severity;
  uint32_t file;
  uint32_t line;
  std::optional<uint32_t> column;
  std::string text;
  Location directive;
  bool met = false;
};

std::optional<Severity> severityFromWord(std::string_view word) {
  if (word == "error") return Severity::Error;
  if (word == "warning") return Severity::Warning;
  if (word == "note") return Severity::Note;
  return std::nullopt;
}

void collectFromLine(uint32_t file, uint32_t line, std::string_view text, std::vector<Expectation>& out) {
  auto hash = text.find('#');
  if (hash == std::string_view::npos || text.find("expected-", hash) == std::string_view::npos) return;
  static const std::regex directive(R"(expected-(error|warning|note)(@([+-]?)(\d+))?(:(\d+))?\s*\{\{(.*?)\}\})");
  std::string comment(text.substr(hash));
  for (auto it = std::sregex_iterator(comment.begin(), comment.end(), directive); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    Expectation e{*severityFromWord(m[1].str()), file, line, std::nullopt, m[7].str(), {}, false};
    if (m[2].matched) {
      auto amount = static_cast<uint32_t>(std::stoul(m[4].str()));
      if (m[3].str() == "+") e.line = line + amount;
      else if (m[3].str() == "-") e.line = line > amount ? line - amount : 0;
      else e.line = amount;
    }
    if (m[5].matched) e.column = static_cast<uint32_t>(std::stoul(m[6].str()));
    auto offset = static_cast<uint32_t>(hash + static_cast<size_t>(m.position(0)));
    e.directive = Location{file, line, offset + 1, static_cast<uint32_t>(m.length(0))};
    out.push_back(std::move(e));
  }
}

std::vector<Expectation> collectExpectations(const DiagnosticEngine& engine) {
  std::vector<Expectation> expectations;
  for (uint32_t f = 0; f < engine.fileCount(); ++f) {
    const SourceFile& file = engine.file(f);
    if (file.text().find("expected-") == std::string_view::npos) continue;
    for (uint32_t line = 1; line <= file.lineCount(); ++line) collectFromLine(f, line, file.lineText(line), expectations);
  }
  return expectations;
}

bool matches(const Expectation& e, Severity severity, const Location& at, const std::string& fullText) {
  return !e.met && e.severity == severity && e.file == at.file && e.line == at.line &&
         (!e.column || *e.column == at.column) && fullText.find(e.text) != std::string::npos;
}

// Marks the first unmet expectation this finding satisfies. Returns whether there was one.
bool claim(std::vector<Expectation>& expectations, Severity severity, const Location& at, const std::string& text) {
  for (Expectation& e : expectations) {
    if (matches(e, severity, at, text)) {
      e.met = true;
      return true;
    }
  }
  return false;
}

}  // namespace

bool verifyExpectations(DiagnosticEngine& engine) {
  std::vector<Expectation> expectations = collectExpectations(engine);
  std::vector<Diagnostic> found = engine.sorted();
  std::vector<Diagnostic> unexpected;
  for (const Diagnostic& d : found) {
    std::string text = fmt::format("{} [{}]", d.message, diagnosticInfo(d.code).code);
    if (!claim(expectations, d.severity, d.location, text) && d.severity != Severity::Note) unexpected.push_back(d);
    for (const Note& note : d.notes)
      if (note.hasLocation) claim(expectations, Severity::Note, note.location, note.message);
  }
  engine.clearDiagnostics();
  for (const Expectation& e : expectations) {
    if (e.met) continue;
    engine.report(DiagnosticCode::UnmetExpectation, e.directive,
                  fmt::format("expected {} on line {} was not produced: {{{{{}}}}}", severityName(e.severity), e.line,
                              e.text));
  }
  for (const Diagnostic& d : unexpected) {
    engine.report(DiagnosticCode::UnexpectedDiagnostic, d.location,
                  fmt::format("unexpected {}: {} [{}]", severityName(d.severity), d.message,
                              diagnosticInfo(d.code).code));
  }
  return !engine.hasErrors();
}

}  // namespace dmc
