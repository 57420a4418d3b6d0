// dmc remove NAME... | --file FILE: remove devices, devices that use others first. Before
// anything is removed, every device is checked to exist and to be open only by devices that are
// being removed with it (kernel/removal_order), so the command does all of its work or none.
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/loader_support.h"
#include "kernel/removal_order.h"

namespace dmc::cli {

namespace {

struct RemoveCommandOptions {
  std::vector<std::string> names;
  std::string file;
  DiagnosticOptions diagnostics;
  TableOptions table;
  KernelOptions kernel;
};

int runRemove(const RemoveCommandOptions& options) {
  std::vector<std::string> names = options.names;
  if (!options.file.empty()) {
    if (!names.empty()) {
      printError("remove: give device names or --file, not both");
      return kExitUsage;
    }
    CompiledInput input;
    compileInput(options.file, options.table, options.diagnostics, input);
    if (!input.readable) return kExitUsage;
    if (!input.outcome.ok) {
      printDiagnostics(input.engine, options.diagnostics, stderr);
      printError("remove: the file has errors; nothing was removed");
      return kExitInputErrors;
    }
    Plan fromFile = planRemove(input.outcome.model);
    for (const Operation& op : fromFile.operations) names.push_back(op.name);
  }
  if (names.empty()) {
    printError("remove: name the devices to remove, or give --file FILE");
    return kExitUsage;
  }
  if (options.kernel.dryRun) {
    std::string text = describePlan(planRemove(names), PlanTextOptions{});
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  std::unique_ptr<KernelInterface> kernel = openKernel("remove", options.kernel);
  if (!kernel) return kExitUsage;
  RemovalOrder removal = orderForRemoval(*kernel, names);
  for (const std::string& problem : removal.problems) printError("remove: " + problem);
  if (!removal.problems.empty()) return kExitInputErrors;
  const std::vector<std::string>& order = removal.order;
  Plan plan = planRemove(order);
  KernelLoader loader(*kernel);
  ExecutionReport report = loader.execute(plan);
  printWarnings(*kernel);
  int code = reportExecution(report, plan, nullptr, options.diagnostics, options.kernel);
  if (code == kExitOk)
    for (const std::string& name : order) std::printf("removed %s\n", name.c_str());
  return code;
}

}  // namespace

void addRemoveCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<RemoveCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "remove", "Remove devices (those that use others first); checks first that none is in use");
  command->add_option("names", options->names, "Device names");
  command->add_option("--file", options->file, "Remove the devices of this table file, upper devices first");
  addKernelOptions(*command, options->kernel, kDryRun | kVerbose | kUdev);
  // Diagnostics only when --file has errors; the file is read for its device names.
  addDiagnosticOptions(*command, options->diagnostics, false, false);
  addTableOptions(*command, options->table, kDeviceName);
  command->callback([options, &exitCode] { exitCode = runRemove(*options); });
}

}  // namespace dmc::cli
