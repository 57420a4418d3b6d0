#pragma once
// Each subcommand registers itself on the app; its callback stores the process exit code:
// 0 success, 1 the input has errors, 2 usage or I/O problems.

#include <CLI/CLI.hpp>

namespace dmc::cli {

void addVerifyCommand(CLI::App& app, int& exitCode);
void addCompileCommand(CLI::App& app, int& exitCode);
void addFmtCommand(CLI::App& app, int& exitCode);

}  // namespace dmc::cli
