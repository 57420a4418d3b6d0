// dmc compile FILE: the checked tables in a form the kernel's tools load.
#include <sys/stat.h>

#include <functional>
#include <map>

#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "emitters/dmsetup_table_emitter.h"
#include "support/atomic_file.h"

namespace dmc::cli {

namespace {

struct CompileCommandOptions {
  std::string file;
  std::string output = "-";
  std::string emit = "table";
  DiagnosticOptions diagnostics;
  TableOptions table;
};

using Emitter = std::function<std::string(const TableModel&)>;

const std::map<std::string, Emitter>& emitters() {
  static const std::map<std::string, Emitter> all = {
      {"table", [](const TableModel& model) { return emitAllTables(model); }},
  };
  return all;
}

bool isDirectory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// With several devices and -o DIR, each device's table goes to DIR/NAME.table.
int writeTablesToDirectory(const TableModel& model, const std::string& directory) {
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    std::string problem = writeFileAtomically(directory + "/" + device.name + ".table", emitDeviceTable(model, device));
    if (!problem.empty()) {
      printError(problem);
      return kExitUsage;
    }
  }
  return kExitOk;
}

int runCompile(const CompileCommandOptions& options) {
  std::optional<CompileOptions> compile = makeCompileOptions(options.table);
  if (!compile) return kExitUsage;
  DiagnosticEngine engine;
  engine.setLimit(options.diagnostics.maxErrors);
  std::optional<uint32_t> file = loadFile(engine, options.file);
  if (!file) return kExitUsage;
  CompileOutcome outcome = compileFile(engine, *file, *compile);
  // Warnings are shown too; nothing is written when there is any error.
  if (engine.errorCount() + engine.warningCount() > 0) printDiagnostics(engine, options.diagnostics, stderr);
  if (!outcome.ok) return kExitInputErrors;
  if (options.emit == "table" && options.output != "-" && isDirectory(options.output))
    return writeTablesToDirectory(outcome.model, options.output);
  std::string problem = writeOutput(options.output, emitters().at(options.emit)(outcome.model));
  if (!problem.empty()) {
    printError(problem);
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void addCompileCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<CompileCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "compile", "Check a table file and write it in a loadable form; nothing is written if it has errors");
  command->add_option("file", options->file, "Table file ('-' for standard input)")->required();
  command->add_option("-o,--output", options->output,
                      "Output file, written atomically ('-': standard output; a directory: one NAME.table a device)")
      ->capture_default_str();
  std::vector<std::string> kinds;
  for (const auto& [name, emitter] : emitters()) kinds.push_back(name);
  command->add_option("--emit", options->emit, "What to write: table (canonical dmsetup tables)")
      ->check(CLI::IsMember(kinds))
      ->capture_default_str();
  addDiagnosticOptions(*command, options->diagnostics, true);
  addTableOptions(*command, options->table);
  command->callback([options, &exitCode] { exitCode = runCompile(*options); });
}

}  // namespace dmc::cli
