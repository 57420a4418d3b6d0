#pragma once
// Each subcommand registers itself on the app; its callback stores the process exit code:
// 0 success, 1 the input has errors, 2 usage or I/O problems.

#include <CLI/CLI.hpp>

namespace dmc::cli {

void addVerifyCommand(CLI::App& app, int& exitCode);
void addCompileCommand(CLI::App& app, int& exitCode);
void addFmtCommand(CLI::App& app, int& exitCode);
void addTargetsCommand(CLI::App& app, int& exitCode);
void addLookupCommand(CLI::App& app, int& exitCode);
void addWhereisCommand(CLI::App& app, int& exitCode);
void addLoadCommand(CLI::App& app, int& exitCode);
void addReloadCommand(CLI::App& app, int& exitCode);
void addRemoveCommand(CLI::App& app, int& exitCode);
void addStatusCommand(CLI::App& app, int& exitCode);
void addDiffCommand(CLI::App& app, int& exitCode);
// What a boot needs for the tables: devices, target modules, crypto algorithms.
void addDepsCommand(CLI::App& app, int& exitCode);
// The shell completion script, made from the app itself (hidden command).
void addCompletionCommand(CLI::App& app, int& exitCode);

}  // namespace dmc::cli
