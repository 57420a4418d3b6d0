#pragma once
// clang -verify for tables: test files say in comments which diagnostics they expect,
//   0 8 linear /dev/sda 0      # expected-error {{gap of 8 sectors}}
//   # expected-warning@+1 {{leading '+'}}
//   # expected-error@-2:3 {{...}}        (line relative to the comment's line, then column)
//   # expected-error@12 {{...}}          (absolute line)
// and the verifier replaces the engine's findings with what did not match: expectations
// nobody met and errors or warnings nobody expected. Notes need matching only when expected.
// The text must appear in "MESSAGE [CODE]" of a diagnostic of that severity on that line.

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

// Returns true when every expectation was met and nothing unexpected was found.
bool verifyExpectations(DiagnosticEngine& engine);

}  // namespace dmc
