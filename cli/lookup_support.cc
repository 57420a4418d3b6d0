#include "cli/lookup_support.h"

#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "grammar/size_literal.h"
#include "lookup/lookup_source.h"

namespace dmc::cli {

std::optional<std::vector<uint64_t>> parseSectorArguments(const std::vector<std::string>& texts) {
  std::vector<uint64_t> sectors;
  for (const std::string& text : texts) {
    const SizeLiteral size = parseSizeLiteral(text);
    if (size.status != SizeStatus::Ok) {
      printError(
          fmt::format("'{}' is not a sector number (a number of sectors, or a size with a unit: 4K, 1.5G)", text));
      return std::nullopt;
    }
    sectors.push_back(size.sectors);
  }
  return sectors;
}

std::unique_ptr<ImageReader> openSourceOrReport(const std::string& path, const TableOptions& table,
                                                const DiagnosticOptions& diagnostics, int& exitCode) {
  std::optional<CompileOptions> compile = makeCompileOptions(table);
  if (!compile) {
    exitCode = kExitUsage;
    return nullptr;
  }
  DiagnosticEngine engine;
  applyDiagnosticOptions(engine, diagnostics);
  LookupSource source = openLookupSource(engine, path, *compile);
  if (engine.errorCount() + engine.warningCount() > 0) printDiagnostics(engine, diagnostics, stderr);
  if (!source.error.empty()) printError(source.error);
  exitCode = source.problem == SourceProblem::Unreadable ? kExitUsage
             : source.problem == SourceProblem::Invalid  ? kExitInputErrors
                                                         : kExitOk;
  return std::move(source.reader);
}

}  // namespace dmc::cli
