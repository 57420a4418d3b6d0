#pragma once
// SARIF 2.1.0, the format GitHub code scanning uploads (github/codeql-action/upload-sarif).

#include <string>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

std::string renderSarif(DiagnosticEngine& engine);

}  // namespace dmc
