#pragma once
// What load, reload, remove, status and diff share: their options, opening the kernel (root is
// checked before anything is tried), compiling the input with every check, and turning a failed
// kernel step into diagnostics at the failing line, followed by what was undone.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/cli_options.h"
#include "kernel/kernel_interface.h"
#include "kernel/kernel_loader.h"
#include "kernel/load_prechecks.h"

namespace dmc::cli {

struct KernelOptions {
  bool dryRun = false;
  bool force = false;
  bool verbose = false;
  bool noLocate = false;
  std::string udev = "auto";
  std::string via = "ioctl";  // ioctl: device-mapper through libdevmapper; dmfs: the dmfs module
  unsigned udevTimeout = 30;
};

// --show-keys is not here: it is DiagnosticOptions::showKeys (cli_options.h), one switch for every channel.
enum KernelOptionSet : unsigned { kDryRun = 1, kForce = 2, kVerbose = 8, kLocate = 16, kUdev = 32 };
void addKernelOptions(CLI::App& command, KernelOptions& options, unsigned which);

// Root (CAP_SYS_ADMIN) and a working device-mapper, or prints why not and returns nullptr.
std::unique_ptr<KernelInterface> openKernel(const std::string& command, const KernelOptions& options);

// The input compiled with every check; diagnostics (errors and warnings) go to stderr.
struct CompiledInput {
  DiagnosticEngine engine;
  uint32_t file = 0;
  CompileOutcome outcome;
  bool readable = false;  // false: I/O problem (already printed)
};
void compileInput(const std::string& path, const TableOptions& table, const DiagnosticOptions& diagnostics,
                  CompiledInput& out);

// Reports a failed plan at the file's lines (when the plan came from a file), then what was
// undone. Returns the exit code.
int reportExecution(const ExecutionReport& report, const Plan& plan, CompiledInput* input,
                    const DiagnosticOptions& diagnostics, const KernelOptions& options);

void printWarnings(KernelInterface& kernel);

// " read-only: ..." for a device dmc made read-only because its targets need it (the input did
// not say), so load and reload say what they did; empty otherwise.
std::string readOnlyForTargetsSuffix(const TableModel& model, const DeviceEntry& device);

// load and reload: a table file, and the same options.
struct TableFileCommandOptions {
  std::string file;
  DiagnosticOptions diagnostics;
  TableOptions table;
  KernelOptions kernel;
};
// The subcommand with its file argument and every option load and reload take.
CLI::App* addTableFileCommand(CLI::App& app, const std::string& name, const std::string& description,
                              TableFileCommandOptions& options);

// Compiles for load or reload: prints diagnostics; refuses (returns the exit code) when the file
// has errors and --force is not given, or has no device. nullopt: go on.
std::optional<int> compileForKernel(const std::string& command, const std::string& path, const TableOptions& table,
                                    const DiagnosticOptions& diagnostics, const KernelOptions& kernel,
                                    CompiledInput& input);

// --dry-run: prints the plan and returns true; the kernel is not touched.
bool printPlanIfDryRun(const Plan& plan, const KernelOptions& kernel, const DiagnosticOptions& diagnostics);

// Devices the kernel's state refuses before anything is changed (checkBeforeLoad, ...): prints
// them at their headers and returns true when there are any.
bool refusedBeforeKernel(CompiledInput& input, const std::vector<DeviceRefusal>& refusals,
                         const DiagnosticOptions& diagnostics);

// Runs the plan; the kernel's warnings, and a failure at its line with what was undone.
// Returns the exit code.
int executePlan(KernelInterface& kernel, const Plan& plan, CompiledInput& input, const DiagnosticOptions& diagnostics,
                const KernelOptions& options);

}  // namespace dmc::cli
