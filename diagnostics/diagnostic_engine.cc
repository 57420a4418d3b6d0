#include "diagnostics/diagnostic_engine.h"

#include <algorithm>

namespace dmc {

DiagnosticBuilder& DiagnosticBuilder::note(Location location, std::string message) {
  add(Note{location, std::move(message), true});
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::note(std::string message) {
  add(Note{Location{}, std::move(message), false});
  return *this;
}

void DiagnosticBuilder::add(Note note) {
  if (!diagnostic_) return;
  std::vector<Note>& notes = diagnostic_->notes;
  if (lastNoteStaysLast_ && !notes.empty())
    notes.insert(notes.end() - 1, std::move(note));
  else
    notes.push_back(std::move(note));
}

uint32_t DiagnosticEngine::addFile(SourceFile file) {
  files_.push_back(std::make_unique<SourceFile>(std::move(file)));
  return static_cast<uint32_t>(files_.size() - 1);
}

DiagnosticBuilder DiagnosticEngine::report(DiagnosticCode code, Location location, std::string message) {
  return report(code, diagnosticInfo(code).severity, location, std::move(message));
}

void DiagnosticEngine::markSecret(Location location) {
  if (!secrets_.empty()) {
    const Location& last = secrets_.back();
    if (location.file < last.file || (location.file == last.file && location.line < last.line)) secretsUnordered_ = true;
  }
  secrets_.push_back(location);
}

std::vector<Location> DiagnosticEngine::secretsOn(uint32_t file, uint32_t line) const {
  std::vector<Location> spans;
  if (showSecrets_) return spans;
  if (secretsUnordered_) {
    for (const Location& secret : secrets_)
      if (secret.file == file && secret.line == line) spans.push_back(secret);
    return spans;
  }
  // Marked in file order (the compiler goes line by line): a binary search, so masking stays
  // cheap for a million keyed lines.
  auto before = [](const Location& a, const Location& b) { return a.file != b.file ? a.file < b.file : a.line < b.line; };
  auto [first, last] = std::equal_range(secrets_.begin(), secrets_.end(), Location{file, line, 0, 0}, before);
  spans.assign(first, last);
  return spans;
}

void DiagnosticEngine::silenceWarning(DiagnosticCode code) {
  const auto index = static_cast<size_t>(code);
  if (silenced_.size() <= index) silenced_.resize(index + 1);
  silenced_[index] = true;
}

void DiagnosticEngine::silenceWarningOnLine(uint32_t file, uint32_t line, DiagnosticCode code) {
  silencedInline_.emplace(file, line, code);
}

bool DiagnosticEngine::isSilencedInline(DiagnosticCode code, Location location) const {
  return silencedInline_.contains({location.file, 0, code}) ||
         (location.line != 0 && silencedInline_.contains({location.file, location.line, code}));
}

bool DiagnosticEngine::admit(DiagnosticCode code, Severity& severity, Location location) {
  if (isSilenced(code, severity, location)) return false;
  if (severity == Severity::Warning && warningsAsErrors_) severity = Severity::Error;
  if (severity == Severity::Error) ++errors_;
  if (severity == Severity::Warning) ++warnings_;
  if (limit_ != 0 && diagnostics_.size() >= limit_) {
    ++dropped_;
    return false;
  }
  return true;
}

DiagnosticBuilder DiagnosticEngine::report(DiagnosticCode code, Severity severity, Location location,
                                           std::string message) {
  const Severity asWritten = severity;
  if (!admit(code, severity, location)) return DiagnosticBuilder(nullptr);
  diagnostics_.push_back(Diagnostic{code, severity, location, std::move(message), {}});
  DiagnosticBuilder builder(&diagnostics_.back());
  if (severity != asWritten) {
    builder.note("a warning, made an error by --werror");
    builder.keepLastNoteLast();
  }
  return builder;
}

const std::vector<Diagnostic>& DiagnosticEngine::sorted() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const Location& x = a.location;
    const Location& y = b.location;
    if (x.file != y.file) return x.file < y.file;
    if (x.line != y.line) return x.line < y.line;
    return x.column < y.column;
  });
  maskSecretsInMessages();
  return diagnostics_;
}

namespace {

bool isHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

void star(std::string& text, size_t from, size_t length) {
  for (size_t i = from; i < from + length && i < text.size(); ++i) text[i] = '*';
}

}  // namespace

std::string DiagnosticEngine::maskSecretsIn(std::string_view text, const std::vector<Location>& secrets) const {
  std::string out(text);
  for (const Location& at : secrets) {
    std::string_view line = files_[at.file]->lineText(at.line);
    if (at.column == 0 || at.column - 1 >= line.size()) continue;
    std::string_view secret = line.substr(at.column - 1, at.length);
    if (secret.size() < 2) continue;  // a one-byte key would mask every such byte of the text
    for (size_t found = out.find(secret); found != std::string::npos; found = out.find(secret, found + secret.size()))
      star(out, found, secret.size());
    // A message may quote part of a key (a cipher built from it): runs of 8+ hex digits too.
    for (size_t i = 0; i < out.size();) {
      size_t end = i;
      while (end < out.size() && isHexDigit(out[end])) ++end;
      if (end - i >= 8 && secret.find(std::string_view(out).substr(i, end - i)) != std::string_view::npos)
        star(out, i, end - i);
      i = end > i ? end : i + 1;
    }
  }
  return out;
}

void DiagnosticEngine::maskSecretsInMessages() {
  if (showSecrets_ || secrets_.empty()) return;
  for (Diagnostic& d : diagnostics_) {
    std::vector<Location> secrets = secretsOn(d.location.file, d.location.line);
    for (const Note& note : d.notes)
      if (note.hasLocation && note.location.line != d.location.line) {
        std::vector<Location> more = secretsOn(note.location.file, note.location.line);
        secrets.insert(secrets.end(), more.begin(), more.end());
      }
    if (secrets.empty()) continue;
    d.message = maskSecretsIn(d.message, secrets);
    for (Note& note : d.notes) note.message = maskSecretsIn(note.message, secrets);
  }
}

void DiagnosticEngine::clearDiagnostics() {
  diagnostics_.clear();
  errors_ = warnings_ = dropped_ = 0;
}

}  // namespace dmc
