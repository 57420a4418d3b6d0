#pragma once
// Collects diagnostics from every stage, keeps the source files they point into, counts
// errors and warnings, and stops storing past a cap so hostile input cannot exhaust memory.

#include <memory>
#include <set>
#include <string>
#include <tuple>
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
  // --werror's note reads last, after the notes the check itself adds.
  void keepLastNoteLast() { lastNoteStaysLast_ = true; }

 private:
  void add(Note note);

  Diagnostic* diagnostic_;
  bool lastNoteStaysLast_ = false;
};

// A problem that stopped dmc from checking something, rather than a finding about a table: a
// file it could not read, an output it could not write, a usage mistake. Any of them makes the
// run fail (exit 2); SARIF reports them as tool execution notifications, JSON as "failures".
struct ExecutionFailure {
  enum class Kind : uint8_t { Io, Usage };
  Kind kind;
  std::string message;
};

class DiagnosticEngine {
 public:
  // 0 means no cap. The cap counts errors and warnings alike.
  void setLimit(size_t limit) { limit_ = limit; }
  // A silenced warning is neither stored nor counted (--no-warn). Errors cannot be silenced.
  void silenceWarning(DiagnosticCode code);
  // Inline suppressions (`# dmc: no-warn CODE` in a table): one warning code on one line of a
  // file, or anywhere in it. Like --no-warn, the warning is neither stored nor counted.
  void silenceWarningOnLine(uint32_t file, uint32_t line, DiagnosticCode code);
  void silenceWarningInFile(uint32_t file, DiagnosticCode code) { silenceWarningOnLine(file, 0, code); }
  // --werror: every warning that is not silenced is reported, and counted, as an error.
  void setWarningsAsErrors(bool on) { warningsAsErrors_ = on; }

  // Secrets (keys, as each target type declares them) in the sources: source excerpts show them
  // masked and messages and notes never contain them, unless shown on purpose (--show-keys).
  void markSecret(Location location);
  void setShowSecrets(bool show) { showSecrets_ = show; }
  // The spans to mask on one line (none when secrets are shown).
  std::vector<Location> secretsOn(uint32_t file, uint32_t line) const;
  // `text` with every secret of these lines, and any long hex run taken from one, as '*'s.
  std::string maskSecretsIn(std::string_view text, const std::vector<Location>& secrets) const;

  uint32_t addFile(SourceFile file);
  const SourceFile& file(uint32_t index) const { return *files_[index]; }
  size_t fileCount() const { return files_.size(); }

  DiagnosticBuilder report(DiagnosticCode code, Location location, std::string message);
  DiagnosticBuilder report(DiagnosticCode code, Severity severity, Location location, std::string message);

  // Whether report() would store a diagnostic of this code and severity now (not silenced,
  // below the cap). A check whose message is costly to build asks first and, when the answer
  // is no, calls count() instead: past the cap a diagnostic is counted, never built.
  bool wouldKeep(DiagnosticCode code, Severity severity, Location location) const {
    return !isSilenced(code, severity, location) && (limit_ == 0 || diagnostics_.size() < limit_);
  }
  // Counts a diagnostic report() would drop, exactly as report() counts it.
  void count(DiagnosticCode code, Severity severity, Location location) { (void)admit(code, severity, location); }

  void recordFailure(ExecutionFailure::Kind kind, std::string message) {
    failures_.push_back(ExecutionFailure{kind, std::move(message)});
  }
  const std::vector<ExecutionFailure>& failures() const { return failures_; }
  // The exit code the counts call for: 2 on a failure, 1 on an error, else 0.
  int exitCode() const { return !failures_.empty() ? 2 : errors_ > 0 ? 1 : 0; }

  size_t errorCount() const { return errors_; }
  size_t warningCount() const { return warnings_; }
  size_t droppedCount() const { return dropped_; }
  bool hasErrors() const { return errors_ > 0; }

  // In file order, then line and column; stable so a check's own order survives. Messages and
  // notes that quote a secret of their lines come out masked (every consumer reads these).
  const std::vector<Diagnostic>& sorted();
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  void clearDiagnostics();

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<bool> silenced_;  // by code
  std::set<std::tuple<uint32_t, uint32_t, DiagnosticCode>> silencedInline_;  // file, line (0: all), code
  bool warningsAsErrors_ = false;
  void maskSecretsInMessages();
  bool isSilenced(DiagnosticCode code, Severity severity, Location location) const {
    if (severity != Severity::Warning) return false;
    const auto index = static_cast<size_t>(code);
    if (index < silenced_.size() && silenced_[index]) return true;
    return !silencedInline_.empty() && isSilencedInline(code, location);
  }
  bool isSilencedInline(DiagnosticCode code, Location location) const;
  // Counts a diagnostic (as an error when --werror promotes it); returns whether it is to be stored.
  bool admit(DiagnosticCode code, Severity& severity, Location location);

  std::vector<Location> secrets_;  // in (file, line) order unless secretsUnordered_
  bool secretsUnordered_ = false;
  std::vector<ExecutionFailure> failures_;
  bool showSecrets_ = false;
  size_t limit_ = 0;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  size_t dropped_ = 0;
};

}  // namespace dmc
