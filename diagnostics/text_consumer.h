#pragma once
// Human output in the style of clang: "file:line:col: error: message [code]", the source
// line, and a caret under the exact token, then notes.

#include <string>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

struct TextStyle {
  bool color = false;
};

void writeText(DiagnosticEngine& engine, TextStyle style, const OutputSink& out);  // a diagnostic at a time
std::string renderText(DiagnosticEngine& engine, TextStyle style);

// Colour when writing to a terminal, unless NO_COLOR is set (https://no-color.org).
bool shouldUseColor(int fd, const std::string& choice /* auto|always|never */);

}  // namespace dmc
