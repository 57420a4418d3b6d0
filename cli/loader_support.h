#pragma once
// What load, reload, remove, status and diff share: their options, the check for root before
// anything is tried, compiling the input with every check, and turning a failed kernel step into
// diagnostics at the failing line, followed by what was undone.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/cli_options.h"
#include "emitters/kernel_loader.h"
#include "emitters/libdevmapper_kernel.h"

namespace dmc::cli {

struct KernelOptions {
  bool dryRun = false;
  bool force = false;
  bool verbose = false;
  bool noLocate = false;
  std::string udev = "auto";
  unsigned udevTimeout = 30;
};

// --show-keys is not here: it is DiagnosticOptions::showKeys (cli_options.h), one switch for every channel.
enum KernelOptionSet : unsigned { kDryRun = 1, kForce = 2, kVerbose = 8, kLocate = 16, kUdev = 32 };
void addKernelOptions(CLI::App& command, KernelOptions& options, unsigned which);

// Root (CAP_SYS_ADMIN) and a working device-mapper, or prints why not and returns nullptr.
std::unique_ptr<LibDevmapperKernel> openKernel(const std::string& command, const KernelOptions& options);

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

void printWarnings(LibDevmapperKernel& kernel);

}  // namespace dmc::cli
