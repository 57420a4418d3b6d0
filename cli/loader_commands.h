#pragma once
// Helpers the kernel commands share (defined in load_command.cc).

#include <optional>
#include <string>

#include "cli/loader_support.h"

namespace dmc::cli {

// Compiles for load or reload: prints diagnostics; refuses (returns the exit code) when the file
// has errors and --force is not given, or has no device. nullopt: go on.
std::optional<int> compileForKernel(const std::string& command, const std::string& path, const TableOptions& table,
                                    const DiagnosticOptions& diagnostics, const KernelOptions& kernel,
                                    CompiledInput& input);

}  // namespace dmc::cli
