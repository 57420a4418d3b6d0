// dmc load FILE: verify, then create, load and resume each device (lower devices first). If the
// kernel refuses anything, every device this command created is removed again, and the kernel's
// reason is shown at the failing line.
#include <cstdio>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/loader_support.h"

namespace dmc::cli {

namespace {

int runLoad(const TableFileCommandOptions& options) {
  CompiledInput input;
  if (auto code = compileForKernel("load", options.file, options.table, options.diagnostics, options.kernel, input))
    return *code;
  const TableModel& model = input.outcome.model;
  Plan plan = planLoad(model);
  if (printPlanIfDryRun(plan, options.kernel, options.diagnostics)) return kExitOk;
  std::unique_ptr<KernelInterface> kernel = openKernel("load", options.kernel);
  if (!kernel) return kExitUsage;
  if (refusedBeforeKernel(input, checkBeforeLoad(*kernel, model), options.diagnostics)) return kExitInputErrors;

  int code = executePlan(*kernel, plan, input, options.diagnostics, options.kernel);
  if (code == kExitOk) {
    for (uint32_t index : model.loadOrder) {
      const DeviceEntry& device = model.devices[index];
      std::optional<KernelDeviceInfo> info = kernel->info(device.name);
      std::printf("loaded %s (%s)%s\n", device.name.c_str(), info ? info->number.str().c_str() : "?",
                  readOnlyForTargetsSuffix(model, device).c_str());
    }
  }
  return code;
}

}  // namespace

void addLoadCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<TableFileCommandOptions>();
  CLI::App* command = addTableFileCommand(
      app, "load",
      "Check a table file, then create, load and resume its devices (lower devices first); on any failure "
      "remove what was created and show the kernel's reason at the failing line",
      *options);
  command->callback([options, &exitCode] { exitCode = runLoad(*options); });
}

}  // namespace dmc::cli
