// dmc remove NAME... | --file FILE: remove devices, devices that use others first. Before
// anything is removed, every device is checked to exist and to be open only by devices that are
// being removed with it, so the command does all of its work or none.
#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/loader_support.h"

namespace dmc::cli {

namespace {

struct RemoveCommandOptions {
  std::vector<std::string> names;
  std::string file;
  DiagnosticOptions diagnostics;
  TableOptions table;
  KernelOptions kernel;
};

// Holders first: a device goes after every listed device whose table uses it. Returns the
// order, or prints why not and returns nullopt.
std::optional<std::vector<std::string>> orderForRemoval(KernelInterface& kernel, const std::vector<std::string>& names) {
  std::vector<KernelDeviceInfo> infos;
  bool ok = true;
  for (const std::string& name : names) {
    std::optional<KernelDeviceInfo> info = kernel.info(name);
    if (!info) {
      printError(fmt::format("remove: there is no device named '{}'", name));
      ok = false;
      continue;
    }
    infos.push_back(*info);
  }
  if (!ok) return std::nullopt;
  size_t n = infos.size();
  std::vector<std::vector<size_t>> uses(n);  // uses[i]: listed devices device i's table uses
  std::vector<int> holders(n, 0);
  for (size_t i = 0; i < n; ++i) {
    std::vector<DeviceNumber> deps;
    KernelResult r = kernel.dependencies(infos[i].name, deps);
    if (!r.ok) {
      printError("remove: " + r.message);
      return std::nullopt;
    }
    for (size_t j = 0; j < n; ++j)
      if (j != i && std::find(deps.begin(), deps.end(), infos[j].number) != deps.end()) {
        uses[i].push_back(j);
        ++holders[j];
      }
  }
  for (size_t i = 0; i < n; ++i)
    if (infos[i].openCount > holders[i]) {
      printError(fmt::format("remove: '{}' is in use (open count {}{}): unmount or close it, or remove what uses it "
                             "too; nothing was removed",
                             infos[i].name, infos[i].openCount,
                             holders[i] ? fmt::format(", {} of them by devices being removed", holders[i]) : ""));
      ok = false;
    }
  if (!ok) return std::nullopt;
  std::vector<std::string> order;
  std::vector<bool> done(n, false);
  std::vector<int> remaining = holders;
  while (order.size() < n) {
    bool progress = false;
    for (size_t i = 0; i < n; ++i) {
      if (done[i] || remaining[i] > 0) continue;
      done[i] = true;
      progress = true;
      order.push_back(infos[i].name);
      for (size_t j : uses[i]) --remaining[j];
    }
    if (!progress) {  // a cycle cannot be built in the kernel; stay safe
      for (size_t i = 0; i < n; ++i)
        if (!done[i]) order.push_back(infos[i].name);
      break;
    }
  }
  return order;
}

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
  std::optional<std::vector<std::string>> order = orderForRemoval(*kernel, names);
  if (!order) return kExitInputErrors;
  Plan plan = planRemove(*order);
  KernelLoader loader(*kernel);
  ExecutionReport report = loader.execute(plan);
  printWarnings(*kernel);
  int code = reportExecution(report, plan, nullptr, options.diagnostics, options.kernel);
  if (code == kExitOk)
    for (const std::string& name : *order) std::printf("removed %s\n", name.c_str());
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
  addDiagnosticOptions(*command, options->diagnostics, true);
  addTableOptions(*command, options->table);
  command->callback([options, &exitCode] { exitCode = runRemove(*options); });
}

}  // namespace dmc::cli
