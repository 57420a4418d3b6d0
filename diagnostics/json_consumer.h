#pragma once
// Machine output: {"diagnostics": [{"file", "line", "column", "severity", "code", "message",
// "end_column", "notes": [...]}, ...], "errors": N, "warnings": N, "not_shown": N, "failures":
// [{"kind": "io"|"usage", "message"}], "exit_code": 0|1|2}. See docs/diagnostics.md.

#include <nlohmann/json.hpp>
#include <string>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

nlohmann::json diagnosticsToJson(DiagnosticEngine& engine);
// Written one diagnostic at a time (nlohmann's layout, byte for byte), never held whole.
void writeJson(DiagnosticEngine& engine, const OutputSink& out);
std::string renderJson(DiagnosticEngine& engine);

}  // namespace dmc
