// dmc verify FILE...: every problem in the tables, each at its line and column.
#include "cli/boot_string_support.h"
#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "compiler/compile_source.h"
#include "diagnostics/expectation_verifier.h"

namespace dmc::cli {

namespace {

struct VerifyOptions {
  std::vector<std::string> files;
  DiagnosticOptions diagnostics;
  TableOptions table;
  bool verifyExpectations = false;
  std::vector<std::string> concise, dmModCreate;  // strings given on the command line
};

// A run that could not start still writes its JSON or SARIF, which says so.
int refuseRun(DiagnosticEngine& engine, const DiagnosticOptions& options, const std::string& problem) {
  reportFailure(engine, ExecutionFailure::Kind::Usage, problem);
  if (isMachineFormat(options)) printDiagnostics(engine, options, stdout);
  return kExitUsage;
}

int runVerify(const VerifyOptions& options) {
  DiagnosticEngine engine;
  applyDiagnosticOptions(engine, options.diagnostics);
  std::optional<CompileOptions> compile = makeCompileOptions(options.table);
  if (!compile) {
    engine.recordFailure(ExecutionFailure::Kind::Usage, "a command-line option has a bad value (see the message above)");
    if (isMachineFormat(options.diagnostics)) printDiagnostics(engine, options.diagnostics, stdout);
    return kExitUsage;
  }
  if (options.files.empty() && options.concise.empty() && options.dmModCreate.empty())
    return refuseRun(engine, options.diagnostics,
                     "verify: name the table files to check (or give --concise / --dm-mod-create STRING)");
  compile->keepTargets = false;
  if (options.verifyExpectations) engine.setLimit(0);
  // verify only prints them: past a batch they may wait in a temporary file, not in memory.
  // (Expectations are matched against the whole list in memory.)
  else engine.enableSpilling();
  const bool ioProblem = !compileEachFile(engine, options.files, *compile, [](CompileOutcome&) {});
  for (const std::string& text : options.concise)
    compileSource(engine, addStringInput(engine, InputFormat::Concise, text), *compile, InputFormat::Concise);
  for (const std::string& text : options.dmModCreate)
    compileSource(engine, addStringInput(engine, InputFormat::DmModCreate, text), *compile, InputFormat::DmModCreate);
  if (options.verifyExpectations) verifyExpectations(engine);
  printDiagnostics(engine, options.diagnostics, stdout);
  if (ioProblem) return kExitUsage;
  return engine.exitCode();
}

}  // namespace

void addVerifyCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<VerifyOptions>();
  CLI::App* command = app.add_subcommand(
      "verify", "Check table files and report every problem (exit 0: no errors, 1: errors, 2: usage or I/O)");
  command->add_option("files", options->files,
                      "Input files in any form (docs/language.md): tables, concise strings, dm-mod.create values, kernel "
                      "command lines, dmsetup table output ('-' for standard input)");
  command->add_option("--concise", options->concise, "Check a dmsetup --concise string given here")->type_name("STRING");
  command->add_option("--dm-mod-create", options->dmModCreate, "Check a dm-mod.create= value given here")
      ->type_name("STRING");
  addDiagnosticOptions(*command, options->diagnostics, true);
  addTableOptions(*command, options->table, kAllTableOptions | kReadOnly);
  command->add_flag("--verify-expectations", options->verifyExpectations,
                    "Testing: match diagnostics against '# expected-error {{...}}' comments in the files");
  command->callback([options, &exitCode] { exitCode = runVerify(*options); });
}

}  // namespace dmc::cli
