// dmc load FILE: verify, then create, load and resume each device (lower devices first). If the
// kernel refuses anything, every device this command created is removed again, and the kernel's
// reason is shown at the failing line.
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/loader_commands.h"
#include "cli/loader_support.h"

namespace dmc::cli {

namespace {

}  // namespace

// Shared by load and reload: compile, refuse on errors unless --force; nullopt means go on.
std::optional<int> compileForKernel(const std::string& command, const std::string& path, const TableOptions& table,
                                    const DiagnosticOptions& diagnostics, const KernelOptions& kernel,
                                    CompiledInput& input) {
  compileInput(path, table, diagnostics, input);
  if (!input.readable) {  // the reason is printed; JSON and SARIF say the run failed
    if (isMachineFormat(diagnostics)) printDiagnostics(input.engine, diagnostics, stderr);
    return kExitUsage;
  }
  if (input.engine.errorCount() + input.engine.warningCount() > 0) printDiagnostics(input.engine, diagnostics, stderr);
  if (!input.outcome.ok && !kernel.force) {
    printError(fmt::format("{}: the kernel was not touched: {} has {} error{} (--force goes to the kernel anyway)",
                           command, input.engine.file(input.file).name(), input.engine.errorCount(),
                           input.engine.errorCount() == 1 ? "" : "s"));
    return kExitInputErrors;
  }
  if (input.outcome.model.loadOrder.empty()) {
    printError(fmt::format("{}: no device to load", command));
    return kExitInputErrors;
  }
  return std::nullopt;
}

CLI::App* addTableFileCommand(CLI::App& app, const std::string& name, const std::string& description,
                              TableFileCommandOptions& options) {
  CLI::App* command = app.add_subcommand(name, description);
  command->add_option("file", options.file, "Table file, concise string file or dm-mod.create file ('-': stdin)")
      ->required();
  addKernelOptions(*command, options.kernel, kDryRun | kForce | kVerbose | kLocate | kUdev);
  addDiagnosticOptions(*command, options.diagnostics, true);
  addTableOptions(*command, options.table);
  return command;
}

bool printPlanIfDryRun(const Plan& plan, const KernelOptions& kernel, const DiagnosticOptions& diagnostics) {
  if (!kernel.dryRun) return false;
  std::string text = describePlan(plan, PlanTextOptions{diagnostics.showKeys, true});
  std::fwrite(text.data(), 1, text.size(), stdout);
  return true;
}

bool refusedBeforeKernel(CompiledInput& input, const DiagnosticOptions& diagnostics) {
  if (!input.engine.hasErrors()) return false;
  printDiagnostics(input.engine, diagnostics, stderr);
  std::fprintf(stderr, "dmc: nothing was changed\n");
  return true;
}

int executePlan(LibDevmapperKernel& kernel, const Plan& plan, CompiledInput& input,
                const DiagnosticOptions& diagnostics, const KernelOptions& options) {
  KernelLoader loader(kernel, LoaderOptions{!options.noLocate});
  ExecutionReport report = loader.execute(plan);
  printWarnings(kernel);
  return reportExecution(report, plan, &input, diagnostics, options);
}

namespace {

int runLoad(const TableFileCommandOptions& options) {
  CompiledInput input;
  if (auto code = compileForKernel("load", options.file, options.table, options.diagnostics, options.kernel, input))
    return *code;
  const TableModel& model = input.outcome.model;
  Plan plan = planLoad(model);
  if (printPlanIfDryRun(plan, options.kernel, options.diagnostics)) return kExitOk;
  std::unique_ptr<LibDevmapperKernel> kernel = openKernel("load", options.kernel);
  if (!kernel) return kExitUsage;

  // A device that exists already: say so at its header before anything is touched.
  input.engine.clearDiagnostics();
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    if (std::optional<KernelDeviceInfo> info = kernel->info(device.name))
      input.engine.report(DiagnosticCode::KernelFailed, Location{input.file, device.headerLine, device.headerLine ? 1u : 0u, 0},
                          fmt::format("device '{}' exists already ({}): dmc load makes new devices; use dmc reload to "
                                      "change its table, or dmc remove it first",
                                      device.name, info->number.str()));
  }
  if (refusedBeforeKernel(input, options.diagnostics)) return kExitInputErrors;

  int code = executePlan(*kernel, plan, input, options.diagnostics, options.kernel);
  if (code == kExitOk) {
    for (uint32_t index : model.loadOrder) {
      const std::string& name = model.devices[index].name;
      std::optional<KernelDeviceInfo> info = kernel->info(name);
      std::printf("loaded %s (%s)\n", name.c_str(), info ? info->number.str().c_str() : "?");
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
