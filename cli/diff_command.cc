// dmc diff FILE: does the kernel have what the file says? Both sides are normalised first
// (device paths to major:minor, number forms, the kernel's way of printing features; keys are
// compared but never shown). Exit 0 when they match, 1 with a diff when not.
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/loader_support.h"
#include "kernel/live_diff.h"

namespace dmc::cli {

namespace {

struct DiffCommandOptions {
  std::string file;
  DiagnosticOptions diagnostics;
  TableOptions table;
  KernelOptions kernel;
};

int runDiff(const DiffCommandOptions& options) {
  CompiledInput input;
  compileInput(options.file, options.table, options.diagnostics, input);
  if (!input.readable) return kExitUsage;
  if (!input.outcome.ok) {
    printDiagnostics(input.engine, options.diagnostics, stderr);
    printError("diff: the file has errors; fix them first");
    return kExitUsage;
  }
  std::unique_ptr<KernelInterface> kernel = openKernel("diff", options.kernel);
  if (!kernel) return kExitUsage;
  const TableModel& model = input.outcome.model;
  const std::string& fileName = input.engine.file(input.file).name();
  LiveDiff diff = diffWithKernel(*kernel, model, fileName, DiffOptions{options.diagnostics.showKeys});
  if (!diff.error.empty()) {
    printError("diff: " + diff.error);
    return kExitUsage;
  }
  std::fwrite(diff.text.data(), 1, diff.text.size(), stdout);
  if (diff.equal) {
    std::fprintf(stderr, "dmc: the kernel has what %s says (%zu device%s)\n", fileName.c_str(), model.loadOrder.size(),
                 model.loadOrder.size() == 1 ? "" : "s");
    return kExitOk;
  }
  return kExitInputErrors;
}

}  // namespace

void addDiffCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<DiffCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "diff", "Compare the kernel's live tables with a file (exit 0: the same, 1: different, 2: usage or I/O)");
  command->add_option("file", options->file, "Table file, concise string file or dm-mod.create file ('-': stdin)")
      ->required();
  addDiagnosticOptions(*command, options->diagnostics, true);
  addTableOptions(*command, options->table, kAllTableOptions | kReadOnly);
  addKernelOptions(*command, options->kernel, 0);  // --via: which kernel route to compare with
  command->callback([options, &exitCode] { exitCode = runDiff(*options); });
}

}  // namespace dmc::cli
