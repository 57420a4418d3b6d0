#pragma once
// Each subcommand registers itself on the app; its callback stores the process exit code:
// 0 success, 1 the input has errors, 2 usage or I/O problems.

#include <CLI/CLI.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>
#include <string>

namespace dmc {
class ImageReader;
}

namespace dmc::cli {

void addVerifyCommand(CLI::App& app, int& exitCode);
void addCompileCommand(CLI::App& app, int& exitCode);
void addFmtCommand(CLI::App& app, int& exitCode);
void addTargetsCommand(CLI::App& app, int& exitCode);
void addLookupCommand(CLI::App& app, int& exitCode);
void addWhereisCommand(CLI::App& app, int& exitCode);
// Loading into the kernel (issue #5).
void addLoadCommand(CLI::App& app, int& exitCode);
void addReloadCommand(CLI::App& app, int& exitCode);
void addRemoveCommand(CLI::App& app, int& exitCode);
void addStatusCommand(CLI::App& app, int& exitCode);
void addDiffCommand(CLI::App& app, int& exitCode);
// What a boot needs for the tables (issue #13).
void addDepsCommand(CLI::App& app, int& exitCode);
// The shell completion script, made from the app itself (hidden command).
void addCompletionCommand(CLI::App& app, int& exitCode);

// Shared by lookup and whereis (defined in lookup_command.cc). Sector arguments, units
// allowed; prints why and returns nullopt at the first that is not one.
std::optional<std::vector<uint64_t>> parseSectorArguments(const std::vector<std::string>& texts);
// A table file (compiled) or a dmc image, ready for lookups; on failure prints the problem,
// sets exitCode and returns nullptr.
struct TableOptions;
struct DiagnosticOptions;
std::unique_ptr<ImageReader> openSourceOrReport(const std::string& path, const TableOptions& table,
                                                const DiagnosticOptions& diagnostics, int& exitCode);

}  // namespace dmc::cli
