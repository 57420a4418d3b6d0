#pragma once
// Machine output: {"diagnostics": [{"file", "line", "column", "severity", "code", "message",
// "end_column", "notes": [...]}, ...], "errors": N, "warnings": N}. See docs/diagnostics.md.

#include <nlohmann/json.hpp>
#include <string>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

nlohmann::json diagnosticsToJson(DiagnosticEngine& engine);
std::string renderJson(DiagnosticEngine& engine);

}  // namespace dmc
