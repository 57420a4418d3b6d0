#pragma once
// Collects diagnostics from every stage, keeps the source files they point into, counts
// errors and warnings, and stops storing past a cap so hostile input cannot exhaust memory.

#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostic.h"
#include "support/source_file.h"

namespace dmc {

class DiagnosticEngine;

// Returned by report(): add notes to the diagnostic just made. Harmless when the diagnostic
// was dropped by the cap.
class DiagnosticBuilder {
 public:
  explicit DiagnosticBuilder(Diagnostic* diagnostic) : diagnostic_(diagnostic) {}
  DiagnosticBuilder& note(Location location, std::string message);
  DiagnosticBuilder& note(std::string message);  // a note with no place of its own

 private:
  Diagnostic* diagnostic_;
};

class DiagnosticEngine {
 public:
  // 0 means no cap. The cap counts errors and warnings alike.
  void setLimit(size_t limit) { limit_ = limit; }
  // A silenced warning is neither stored nor counted (--no-warn). Errors cannot be silenced.
  void silenceWarning(DiagnosticCode code);

  // Secrets (crypt keys) in the sources: source excerpts show them masked, unless shown on
  // purpose (--show-keys). Marked in file order, so the spans of a line are adjacent.
  void markSecret(Location location) { secrets_.push_back(location); }
  void setShowSecrets(bool show) { showSecrets_ = show; }
  // The spans to mask on one line (none when secrets are shown).
  std::vector<Location> secretsOn(uint32_t file, uint32_t line) const;

  uint32_t addFile(SourceFile file);
  const SourceFile& file(uint32_t index) const { return *files_[index]; }
  size_t fileCount() const { return files_.size(); }

  DiagnosticBuilder report(DiagnosticCode code, Location location, std::string message);
  DiagnosticBuilder report(DiagnosticCode code, Severity severity, Location location, std::string message);

  size_t errorCount() const { return errors_; }
  size_t warningCount() const { return warnings_; }
  size_t droppedCount() const { return dropped_; }
  bool hasErrors() const { return errors_ > 0; }

  // In file order, then line and column; stable so a check's own order survives.
  const std::vector<Diagnostic>& sorted();
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  void clearDiagnostics();

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<bool> silenced_;  // by code
  std::vector<Location> secrets_;
  bool showSecrets_ = false;
  size_t limit_ = 0;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  size_t dropped_ = 0;
};

}  // namespace dmc
