#include "diagnostics/diagnostic.h"

#include <array>
#include <cctype>
#include <string>

namespace dmc {

namespace {

constexpr std::array kDiagnostics = {
#define DMC_DIAGNOSTIC(id, code, severity, summary, help) \
  DiagnosticInfo{DiagnosticCode::id, code, Severity::severity, summary, help},
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

const DiagnosticInfo* findDiagnostic(std::string_view code) {
  for (const DiagnosticInfo& info : kDiagnostics)
    if (info.code == code) return &info;
  return nullptr;
}

std::string fullDescription(const DiagnosticInfo& info) {
  std::string text(info.summary);
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  switch (info.severity) {
    case Severity::Error: return text + ". An error: the kernel would refuse the table, or dmc cannot carry it out as written.";
    case Severity::Warning: return text + ". A warning: the kernel accepts it, but it is most likely not what was meant.";
    case Severity::Note: return text + ". A note: information about the run.";
  }
  return text + ".";
}

}  // namespace dmc
