#include "tests/unit/test_support.h"

#include <stdexcept>

#include <fmt/format.h>

namespace dmc::test {

size_t Compiled::count(DiagnosticCode code) const {
  size_t n = 0;
  for (const Diagnostic& d : diagnostics) n += d.code == code;
  return n;
}

const Diagnostic& Compiled::first(DiagnosticCode code) const {
  for (const Diagnostic& d : diagnostics)
    if (d.code == code) return d;
  throw std::runtime_error(fmt::format("no [{}] diagnostic; got:\n{}", diagnosticInfo(code).code, describe()));
}

std::string Compiled::describe() const {
  std::string out;
  for (const Diagnostic& d : diagnostics)
    out += fmt::format("{}:{}: {}: {}\n", d.location.line, d.location.column, diagnosticInfo(d.code).code, d.message);
  return out;
}

Compiled compileText(const std::string& text, CompileOptions options) {
  DiagnosticEngine engine;
  uint32_t file = engine.addFile(SourceFile("test.table", text));
  Compiled result{compileFile(engine, file, options), {}};
  result.diagnostics = engine.sorted();
  return result;
}

}  // namespace dmc::test
