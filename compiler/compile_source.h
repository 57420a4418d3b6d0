#pragma once
// One front door for every kind of input (grammar/input_format.h): the kind is told from the
// text, or named by the caller, and the matching reader feeds the same checks. Every command
// that reads a table reads it through here.

#include <optional>

#include "compiler/compile_driver.h"
#include "grammar/input_format.h"

namespace dmc {

CompileOutcome compileSource(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options,
                             std::optional<InputFormat> format = std::nullopt);

}  // namespace dmc
