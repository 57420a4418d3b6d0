#include "diagnostics/diagnostic_engine.h"

#include <algorithm>

namespace dmc {

DiagnosticBuilder& DiagnosticBuilder::note(Location location, std::string message) {
  if (diagnostic_) diagnostic_->notes.push_back(Note{location, std::move(message), true});
  return *this;
}

DiagnosticBuilder& DiagnosticBuilder::note(std::string message) {
  if (diagnostic_) diagnostic_->notes.push_back(Note{Location{}, std::move(message), false});
  return *this;
}

uint32_t DiagnosticEngine::addFile(SourceFile file) {
  files_.push_back(std::make_unique<SourceFile>(std::move(file)));
  return static_cast<uint32_t>(files_.size() - 1);
}

DiagnosticBuilder DiagnosticEngine::report(DiagnosticCode code, Location location, std::string message) {
  return report(code, diagnosticInfo(code).severity, location, std::move(message));
}

std::vector<Location> DiagnosticEngine::secretsOn(uint32_t file, uint32_t line) const {
  std::vector<Location> spans;
  if (showSecrets_) return spans;
  for (const Location& secret : secrets_)
    if (secret.file == file && secret.line == line) spans.push_back(secret);
  return spans;
}

void DiagnosticEngine::silenceWarning(DiagnosticCode code) {
  const auto index = static_cast<size_t>(code);
  if (silenced_.size() <= index) silenced_.resize(index + 1);
  silenced_[index] = true;
}

DiagnosticBuilder DiagnosticEngine::report(DiagnosticCode code, Severity severity, Location location,
                                           std::string message) {
  const auto index = static_cast<size_t>(code);
  if (severity == Severity::Warning && index < silenced_.size() && silenced_[index]) return DiagnosticBuilder(nullptr);
  if (severity == Severity::Error) ++errors_;
  if (severity == Severity::Warning) ++warnings_;
  size_t stored = diagnostics_.size();
  if (limit_ != 0 && stored >= limit_) {
    ++dropped_;
    return DiagnosticBuilder(nullptr);
  }
  diagnostics_.push_back(Diagnostic{code, severity, location, std::move(message), {}});
  return DiagnosticBuilder(&diagnostics_.back());
}

const std::vector<Diagnostic>& DiagnosticEngine::sorted() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const Location& x = a.location;
    const Location& y = b.location;
    if (x.file != y.file) return x.file < y.file;
    if (x.line != y.line) return x.line < y.line;
    return x.column < y.column;
  });
  return diagnostics_;
}

void DiagnosticEngine::clearDiagnostics() {
  diagnostics_.clear();
  errors_ = warnings_ = dropped_ = 0;
}

}  // namespace dmc
