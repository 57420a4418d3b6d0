#include "diagnostics/diagnostic.h"

#include <array>

namespace dmc {

namespace {

constexpr std::array kDiagnostics = {
#define DMC_DIAGNOSTIC(id, code, severity, summary) \
  DiagnosticInfo{DiagnosticCode::id, code, Severity::severity, summary},
#include "diagnostics/diagnostic_codes.def"
#undef DMC_DIAGNOSTIC
};

}  // namespace

std::string_view severityName(Severity severity) {
  switch (severity) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

const DiagnosticInfo& diagnosticInfo(DiagnosticCode code) { return kDiagnostics[static_cast<size_t>(code)]; }

std::span<const DiagnosticInfo> allDiagnostics() { return kDiagnostics; }

}  // namespace dmc
