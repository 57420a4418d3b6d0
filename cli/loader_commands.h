#pragma once
// What load and reload share (defined in load_command.cc).

#include <optional>
#include <string>

#include "cli/loader_support.h"

namespace dmc::cli {

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

// --dry-run: prints the plan and returns true; the kernel is not touched.
bool printPlanIfDryRun(const Plan& plan, const KernelOptions& kernel, const DiagnosticOptions& diagnostics);

// Problems found before touching the kernel (a device that exists, or is missing) are in the
// engine: prints them and returns true when there are any.
bool refusedBeforeKernel(CompiledInput& input, const DiagnosticOptions& diagnostics);

// Runs the plan; the kernel's warnings, and a failure at its line with what was undone.
// Returns the exit code.
int executePlan(LibDevmapperKernel& kernel, const Plan& plan, CompiledInput& input,
                const DiagnosticOptions& diagnostics, const KernelOptions& options);

// Compiles for load or reload: prints diagnostics; refuses (returns the exit code) when the file
// has errors and --force is not given, or has no device. nullopt: go on.
std::optional<int> compileForKernel(const std::string& command, const std::string& path, const TableOptions& table,
                                    const DiagnosticOptions& diagnostics, const KernelOptions& kernel,
                                    CompiledInput& input);

}  // namespace dmc::cli
