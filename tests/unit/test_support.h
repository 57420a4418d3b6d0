#pragma once
// Compiles table text in memory and exposes what came out, for unit tests.

#include <string>
#include <vector>

#include "compiler/compile_driver.h"
#include "diagnostics/diagnostic_engine.h"

namespace dmc::test {

struct Compiled {
  CompileOutcome outcome;
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return outcome.ok; }
  size_t count(DiagnosticCode code) const;
  // The first diagnostic with that code; fails the test (throws) if there is none.
  const Diagnostic& first(DiagnosticCode code) const;
  // All messages, one a line, "line:column: code: message", for failure output.
  std::string describe() const;
};

Compiled compileText(const std::string& text, CompileOptions options = {});

}  // namespace dmc::test
