#include "cli/loader_support.h"

#include <cctype>
#include <cstdio>

#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "compiler/compile_source.h"
#include "kernel/kernel_backend.h"
#include "support/display_escape.h"

namespace dmc::cli {

void addKernelOptions(CLI::App& command, KernelOptions& options, unsigned which) {
  command.add_option("--via", options.via,
                     "How to reach the kernel: ioctl (device-mapper, the default) or dmfs (dmc's own module, "
                     "docs/dmfs.md: one image a device, written to /sys/kernel/config/dmfs)")
      ->check(CLI::IsMember({"ioctl", "dmfs"}))
      ->capture_default_str();
  if (which & kDryRun)
    command.add_flag("-n,--dry-run", options.dryRun,
                     "Print the kernel operations (and the tables) in order, and do nothing; needs no root");
  if (which & kForce)
    command.add_flag("--force", options.force, "Go to the kernel even when dmc finds errors in the file");
  if (which & kVerbose) command.add_flag("-v,--verbose", options.verbose, "Print every kernel operation as it is done");
  if (which & kLocate)
    command.add_flag("--no-locate", options.noLocate,
                     "When the kernel's message fits several lines, do not load shorter prefixes of the refused "
                     "table to find the one");
  if (which & kUdev) {
    command.add_option("--udev", options.udev,
                       "Synchronise with udev: auto (when udev runs), yes, no (dmc makes the /dev/mapper nodes itself)")
        ->check(CLI::IsMember({"auto", "yes", "no"}))
        ->capture_default_str();
    command.add_option("--udev-timeout", options.udevTimeout, "Seconds to wait for udev before going on without it")
        ->capture_default_str();
  }
}

std::unique_ptr<KernelInterface> openKernel(const std::string& command, const KernelOptions& options) {
  KernelBackendOptions backend;
  backend.libdevmapper.udev =
      options.udev == "yes" ? UdevMode::Yes : options.udev == "no" ? UdevMode::No : UdevMode::Auto;
  backend.libdevmapper.udevTimeoutSeconds = options.udevTimeout;
  backend.route = options.via == "dmfs" ? KernelRoute::Dmfs : KernelRoute::Ioctl;
  std::string problem;
  std::unique_ptr<KernelInterface> kernel = dmc::openKernel(backend, problem);
  if (!kernel) printError(fmt::format("{}: {}", command, problem));
  return kernel;
}

void printWarnings(KernelInterface& kernel) {
  for (const std::string& warning : kernel.takeWarnings())
    std::fprintf(stderr, "dmc: warning: %s\n", escapeForDisplay(warning).c_str());
}

std::string readOnlyForTargetsSuffix(const TableModel& model, const DeviceEntry& device) {
  if (!device.readOnlyForTargets || device.targets.empty()) return "";
  return fmt::format(" read-only, as its {} table needs (--readonly or a 'device NAME ro' header says so)",
                     model.typeName(device.targets.front()));
}

void compileInput(const std::string& path, const TableOptions& table, const DiagnosticOptions& diagnostics,
                  CompiledInput& out) {
  std::optional<CompileOptions> compile = makeCompileOptions(table);
  if (!compile) return;
  applyDiagnosticOptions(out.engine, diagnostics);
  std::optional<uint32_t> file = loadFile(out.engine, path);
  if (!file) return;
  out.file = *file;
  out.outcome = compileSource(out.engine, *file, *compile);
  out.readable = true;
}

namespace {

// The type token of a target line in a table file, so the caret sits under the target type.
Location targetLocation(const CompiledInput& input, const TargetEntry& target) {
  std::string_view line = input.engine.file(input.file).lineText(target.line);
  size_t i = 0;
  for (int token = 0; token < 3; ++token) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    size_t begin = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (token == 2 && i > begin && line.find(',') == std::string_view::npos)
      return Location{input.file, target.line, static_cast<uint32_t>(begin + 1), static_cast<uint32_t>(i - begin)};
  }
  return Location{input.file, target.line, 1, 0};
}

Location deviceLocation(const CompiledInput& input, const DeviceEntry& device) {
  return Location{input.file, device.headerLine, device.headerLine ? 1u : 0u, 0};
}

std::string listLines(const DeviceEntry& device, const std::vector<size_t>& candidates) {
  std::string out;
  for (size_t i = 0; i < candidates.size() && i < 12; ++i)
    out += fmt::format("{}{}", i ? ", " : "", device.targets[candidates[i]].line);
  if (candidates.size() > 12) out += fmt::format(" and {} more", candidates.size() - 12);
  return out;
}

void reportInFile(const Failure& failure, const Operation& op, CompiledInput& input) {
  const TableModel& model = input.outcome.model;
  const DeviceEntry& device = model.devices[*op.device];
  const KernelReason& reason = failure.reason;
  DiagnosticEngine& engine = input.engine;
  std::string verb(operationName(op.kind));
  bool tableStep = op.kind == OperationKind::Load || op.kind == OperationKind::Resume;
  if (tableStep && reason.target && *reason.target < device.targets.size()) {
    const TargetEntry& target = device.targets[*reason.target];
    auto d = engine.report(DiagnosticCode::KernelRefused, targetLocation(input, target),
                           fmt::format("kernel refused this target: {}", escapeForDisplay(reason.message)));
    if (failure.located)
      d.note(fmt::format("the kernel names only the target type; loading shorter prefixes of the table showed it "
                         "is this line"));
    std::string hint = hintForKernelMessage(reason.message);
    if (!hint.empty()) d.note(hint);
    for (const std::string& line : reason.lines) d.note(fmt::format("kernel log: {}", escapeForDisplay(line)));
    return;
  }
  std::string what = reason.found ? fmt::format("the kernel refused device {} ({} failed): {}", quoteToken(device.name),
                                                verb, escapeForDisplay(reason.message))
                                  : fmt::format("{} of device {} failed: {}", verb, quoteToken(device.name),
                                                escapeForDisplay(failure.result.message));
  auto d = engine.report(reason.found && tableStep ? DiagnosticCode::KernelRefused : DiagnosticCode::KernelFailed,
                         deviceLocation(input, device), what);
  if (!reason.candidates.empty())
    d.note(fmt::format("the kernel's message fits {} lines of this device ({}); it does not say which",
                       reason.candidates.size(), listLines(device, reason.candidates)));
  std::string hint = hintForKernelMessage(reason.found ? reason.message : failure.result.message);
  if (!hint.empty()) d.note(hint);
  if (reason.found) d.note(fmt::format("ioctl: {}", escapeForDisplay(failure.result.message)));
  for (const std::string& line : reason.lines) d.note(fmt::format("kernel log: {}", escapeForDisplay(line)));
  if (!failure.logProblem.empty()) d.note(failure.logProblem);
}

}  // namespace

int reportExecution(const ExecutionReport& report, const Plan& plan, CompiledInput* input,
                    const DiagnosticOptions& diagnostics, const KernelOptions& options) {
  if (options.verbose)
    for (const std::string& step : report.done) std::fprintf(stderr, "dmc: %s\n", step.c_str());
  for (const std::string& warning : report.warnings) std::fprintf(stderr, "dmc: warning: %s\n", warning.c_str());
  if (report.ok) return kExitOk;
  const Failure& failure = *report.failure;
  const Operation& op = plan.operations[failure.operation];
  if (input && op.device) {
    input->engine.clearDiagnostics();
    reportInFile(failure, op, *input);
    printDiagnostics(input->engine, diagnostics, stderr);
  } else {
    std::string message = failure.reason.found ? fmt::format("{} {}: the kernel says: {}", operationName(op.kind),
                                                             op.name, failure.reason.message)
                                               : fmt::format("{} {} failed: {}", operationName(op.kind), op.name,
                                                             failure.result.message);
    printError(message);
  }
  if (!report.undone.empty() || !report.undoFailures.empty()) {
    std::fprintf(stderr, "dmc: rolled back:\n");
    for (const std::string& step : report.undone) std::fprintf(stderr, "  %s\n", escapeForDisplay(step).c_str());
    for (const std::string& step : report.undoFailures)
      std::fprintf(stderr, "  FAILED: %s\n", escapeForDisplay(step).c_str());
    if (!report.undoFailures.empty())
      std::fprintf(stderr, "dmc: the rollback was incomplete: check the devices above with dmc status\n");
  } else if (!report.done.empty()) {
    std::fprintf(stderr, "dmc: these steps were done and cannot be undone:\n");
    for (const std::string& step : report.done) std::fprintf(stderr, "  %s\n", escapeForDisplay(step).c_str());
  } else {
    std::fprintf(stderr, "dmc: nothing was changed\n");
  }
  return kExitInputErrors;
}

CLI::App* addTableFileCommand(CLI::App& app, const std::string& name, const std::string& description,
                              TableFileCommandOptions& options) {
  CLI::App* command = app.add_subcommand(name, description);
  command->add_option("file", options.file, "Table file, concise string file or dm-mod.create file ('-': stdin)")
      ->required();
  addKernelOptions(*command, options.kernel, kDryRun | kForce | kVerbose | kLocate | kUdev);
  addDiagnosticOptions(*command, options.diagnostics, true);
  addTableOptions(*command, options.table, kAllTableOptions | kReadOnly);
  return command;
}

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

bool printPlanIfDryRun(const Plan& plan, const KernelOptions& kernel, const DiagnosticOptions& diagnostics) {
  if (!kernel.dryRun) return false;
  std::string text = describePlan(plan, PlanTextOptions{diagnostics.showKeys, true});
  std::fwrite(text.data(), 1, text.size(), stdout);
  return true;
}

bool refusedBeforeKernel(CompiledInput& input, const std::vector<DeviceRefusal>& refusals,
                         const DiagnosticOptions& diagnostics) {
  input.engine.clearDiagnostics();
  for (const DeviceRefusal& refusal : refusals)
    input.engine.report(DiagnosticCode::KernelFailed, deviceLocation(input, input.outcome.model.devices[refusal.device]),
                        refusal.message);
  if (!input.engine.hasErrors()) return false;
  printDiagnostics(input.engine, diagnostics, stderr);
  std::fprintf(stderr, "dmc: nothing was changed\n");
  return true;
}

int executePlan(KernelInterface& kernel, const Plan& plan, CompiledInput& input, const DiagnosticOptions& diagnostics,
                const KernelOptions& options) {
  KernelLoader loader(kernel, LoaderOptions{!options.noLocate});
  ExecutionReport report = loader.execute(plan);
  printWarnings(kernel);
  return reportExecution(report, plan, &input, diagnostics, options);
}

}  // namespace dmc::cli
