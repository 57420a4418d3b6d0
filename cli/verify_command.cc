// dmc verify FILE...: every problem in the tables, each at its line and column.
#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "diagnostics/expectation_verifier.h"

namespace dmc::cli {

namespace {

struct VerifyOptions {
  std::vector<std::string> files;
  DiagnosticOptions diagnostics;
  TableOptions table;
  bool verifyExpectations = false;
};

int runVerify(const VerifyOptions& options) {
  std::optional<CompileOptions> compile = makeCompileOptions(options.table);
  if (!compile) return kExitUsage;
  compile->keepTargets = false;
  DiagnosticEngine engine;
  engine.setLimit(options.verifyExpectations ? 0 : options.diagnostics.maxErrors);
  bool ioProblem = false;
  for (const std::string& path : options.files) {
    std::optional<uint32_t> file = loadFile(engine, path);
    if (!file) {
      ioProblem = true;
      continue;
    }
    compileFile(engine, *file, *compile);
  }
  if (options.verifyExpectations) verifyExpectations(engine);
  printDiagnostics(engine, options.diagnostics, stdout);
  if (ioProblem) return kExitUsage;
  return engine.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace

void addVerifyCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* command = app.add_subcommand(
      "verify", "Check table files and report every problem (exit 0: no errors, 1: errors, 2: usage or I/O)");
  command->add_option("files", options->files, "Table files ('-' for standard input)")->required();
  addDiagnosticOptions(*command, options->diagnostics, true);
  addTableOptions(*command, options->table);
  command->add_flag("--verify-expectations", options->verifyExpectations,
                    "Testing: match diagnostics against '# expected-error {{...}}' comments in the files");
  command->callback([options, &exitCode] { exitCode = runVerify(*options); });
}

}  // namespace dmc::cli
