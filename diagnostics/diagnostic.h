#pragma once
// One finding about one place in one file, as every consumer (text, JSON, SARIF) sees it.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dmc {

enum class Severity : uint8_t { Note, Warning, Error };

std::string_view severityName(Severity severity);

enum class DiagnosticCode : uint16_t {
#define DMC_DIAGNOSTIC(id, code, severity, summary, help) id,
#include "diagnostics/diagnostic_codes.def"
#undef DMC_DIAGNOSTIC
};

struct DiagnosticInfo {
  DiagnosticCode id;
  std::string_view code;
  Severity severity;
  std::string_view summary;  // one line: what was found
  std::string_view help;     // one line: what to do about it
};

// The longer description SARIF and docs give: the summary, then what the severity means.
std::string fullDescription(const DiagnosticInfo& info);

const DiagnosticInfo& diagnosticInfo(DiagnosticCode code);
// The diagnostic with this code (`shared-sectors`), or nullptr when none has it.
const DiagnosticInfo* findDiagnostic(std::string_view code);
std::span<const DiagnosticInfo> allDiagnostics();

// A place in a source file. Line and column are 1-based; column counts bytes. length 0 means
// "the place only" (caret); a positive length underlines that many bytes. line 0: the whole file.
struct Location {
  uint32_t file = 0;  // index into the engine's file list
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t length = 0;
};

struct Note {
  Location location;
  std::string message;
  bool hasLocation = true;
};

struct Diagnostic {
  DiagnosticCode code;
  Severity severity;
  Location location;
  std::string message;
  std::vector<Note> notes;
};

}  // namespace dmc
