#pragma once
// Options several commands share, and the plumbing between them and the core.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compiler/compile_driver.h"
#include "diagnostics/diagnostic_engine.h"

namespace dmc::cli {

struct DiagnosticOptions {
  std::string format = "text";  // text | json | sarif
  std::string color = "auto";   // auto | always | never
  size_t maxErrors = 200;       // 0: no limit
  std::vector<std::string> silencedWarnings;  // --no-warn CODE
  bool warningsAsErrors = false;              // --werror
  bool showKeys = false;                      // --show-keys: keys shown in every output (else masked)
  std::string sarifHelpUriBase;               // rules' helpUri = this + code; empty: no URIs
};

struct TableOptions {
  std::vector<std::string> deviceSizes;  // PATH=SECTORS, as typed
  std::vector<std::string> logicalBlockSizes;  // --logical-block-size PATH=BYTES, as typed
  std::string name;                      // device name for a plain table
  std::string kernel = "6.1";            // --kernel VERSION or live
  std::string kernelConfig;              // --kernel-config FILE: the build's config
  std::vector<std::string> allowedTargets;  // --allow-target NAME: out-of-tree types
  bool hostDevices = false;              // --host-devices
  bool readOnly = false;                 // --readonly: load a plain table read-only
};

// --format (text, json, sarif) only when `withFormat`; --show-keys only when `withShowKeys`.
void addDiagnosticOptions(CLI::App& command, DiagnosticOptions& options, bool withFormat, bool withShowKeys = true);
// --show-keys alone, for commands without diagnostics (status); addDiagnosticOptions adds it too.
void addShowKeysOption(CLI::App& command, DiagnosticOptions& options);
// The cap and the silenced warnings of the options, applied to an engine.
void applyDiagnosticOptions(DiagnosticEngine& engine, const DiagnosticOptions& options);
// The options that shape a compile; a command lists only those it uses.
// --readonly (kReadOnly) is for the commands that load, or check what would be loaded.
enum TableOptionSet : unsigned {
  kDeviceName = 1,
  kDeviceSizes = 2,
  kKernelProfile = 4,
  kAllTableOptions = 7,
  kReadOnly = 8,
};
void addTableOptions(CLI::App& command, TableOptions& options, unsigned which = kAllTableOptions);
// --kernel VERSION|live, for commands that take it without the other table options.
void addKernelProfileOption(CLI::App& command, std::string& kernel, const std::string& description);
// The kernel --kernel and --kernel-config describe; on a bad value prints why and returns nullopt.
// With live, the running kernel's registered types that no upstream kernel has are appended to
// `outOfTree` when given (they are accepted as --allow-target would).
std::optional<KernelChoice> resolveKernelChoice(const std::string& kernel, const std::string& configPath,
                                                std::vector<std::string>* outOfTree = nullptr);

// Turns typed options into compile options; on a bad value prints why and returns nullopt.
std::optional<CompileOptions> makeCompileOptions(const TableOptions& options);

// Reads a file into the engine, or prints the I/O problem to stderr, records it in the engine (a
// failed run, for JSON and SARIF) and returns nullopt.
std::optional<uint32_t> loadFile(DiagnosticEngine& engine, const std::string& path);

// Loads and compiles each file in any input form, handing each outcome to `each`; a file that
// cannot be read is reported (loadFile) and skipped, a dmc image is refused as one. False when
// any could not be read.
bool compileEachFile(DiagnosticEngine& engine, const std::vector<std::string>& paths, const CompileOptions& options,
                     const std::function<void(CompileOutcome&)>& each);

// Writes the engine's diagnostics in the chosen format to the given stream (stdout/stderr).
void printDiagnostics(DiagnosticEngine& engine, const DiagnosticOptions& options, FILE* stream);

void printError(const std::string& message);
// printError, and the engine records it so JSON and SARIF say the run failed.
void reportFailure(DiagnosticEngine& engine, ExecutionFailure::Kind kind, const std::string& message);
// The formats that are read by programs (json, sarif) must be written even for a failed run:
// they say it failed. Text needs nothing more, the failure was printed.
bool isMachineFormat(const DiagnosticOptions& options);

}  // namespace dmc::cli
