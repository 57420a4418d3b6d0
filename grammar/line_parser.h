#pragma once
// Parses one line (no line break inside) with the table grammar.

#include <string>

#include "grammar/line_syntax.h"

namespace dmc {

struct LineSyntaxError {
  const char* message = nullptr;
  uint32_t column = 0;  // 1-based
};

// Fills `out` (already reset for this line). Returns false and sets `error` on a syntax error.
bool parseLine(LineSyntax& out, LineSyntaxError& error);

}  // namespace dmc
