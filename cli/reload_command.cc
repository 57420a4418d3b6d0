// dmc reload FILE: new tables for live devices. Every table is loaded into its device's inactive
// slot first (lower devices first); then the devices are suspended (upper first) and resumed
// (lower first), so a stack switches over at once. If anything fails, new tables that did not go
// live are dropped, suspended devices are resumed, and devices already switched get their old
// table back: the old tables stay live.
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/loader_support.h"

namespace dmc::cli {

namespace {

int runReload(const TableFileCommandOptions& options) {
  CompiledInput input;
  if (auto code = compileForKernel("reload", options.file, options.table, options.diagnostics, options.kernel, input))
    return *code;
  const TableModel& model = input.outcome.model;
  Plan plan = planReload(model);
  if (printPlanIfDryRun(plan, options.kernel, options.diagnostics)) return kExitOk;
  std::unique_ptr<KernelInterface> kernel = openKernel("reload", options.kernel);
  if (!kernel) return kExitUsage;
  if (refusedBeforeKernel(input, checkBeforeReload(*kernel, model), options.diagnostics)) return kExitInputErrors;
  int code = executePlan(*kernel, plan, input, options.diagnostics, options.kernel);
  if (code == kExitOk)
    for (uint32_t index : model.loadOrder)
      std::printf("reloaded %s%s\n", model.devices[index].name.c_str(),
                  readOnlyForTargetsSuffix(model, model.devices[index]).c_str());
  return code;
}

}  // namespace

void addReloadCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<TableFileCommandOptions>();
  CLI::App* command = addTableFileCommand(app, "reload",
                                          "Replace the tables of live devices: load into the inactive slot, then "
                                          "suspend and resume; on failure the old tables stay live",
                                          *options);
  command->callback([options, &exitCode] { exitCode = runReload(*options); });
}

}  // namespace dmc::cli
