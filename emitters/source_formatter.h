#pragma once
// dmc fmt: the same file, laid out canonically. Comments, blank lines, headers and dmc
// conveniences stay; fields are separated by single spaces and each device's target lines
// are aligned in columns (numbers to the right, names to the left). Idempotent.

#include <optional>
#include <string>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

// nullopt when the file has syntax errors (reported to the engine): never rewrite what
// could not be read.
std::optional<std::string> formatSource(DiagnosticEngine& engine, uint32_t fileId);

// The same text, given to `out` a piece at a time and never held whole: the file is read
// twice (the column widths first, then the lines). False, with nothing written, when the file
// has syntax errors.
bool writeFormattedSource(DiagnosticEngine& engine, uint32_t fileId, const OutputSink& out);

}  // namespace dmc
