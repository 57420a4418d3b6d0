// dmc deps FILE...: what booting with these tables needs, one "KIND NAME" a line:
//   device PATH   an underlying device to wait for (outside the files)
//   module NAME   a kernel module of a target type
//   crypto NAME   a crypto API algorithm or template of a cipher or hash (module alias crypto-NAME)
// The initramfs hooks and the systemd generator read it. A file with errors still lists what
// it can (the diagnostics go to stderr, exit 1): an initramfs must still be built, so that
// the boot stops at the mistake with the diagnostic on the console.
#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "compiler/boot_dependencies.h"

namespace dmc::cli {

namespace {

struct DepsOptions {
  std::vector<std::string> files;
  TableOptions table;
  DiagnosticOptions diagnostics;
};

void appendAll(std::vector<std::string>& to, const std::vector<std::string>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

int runDeps(const DepsOptions& options) {
  std::optional<CompileOptions> compile = makeCompileOptions(options.table);
  if (!compile) return kExitUsage;
  DiagnosticEngine engine;
  applyDiagnosticOptions(engine, options.diagnostics);
  BootDependencies all;
  const bool ioProblem = !compileEachFile(engine, options.files, *compile, [&all](CompileOutcome& outcome) {
    BootDependencies needs = bootDependencies(outcome.model, outcome.externalDevices);
    appendAll(all.devices, needs.devices);
    appendAll(all.modules, needs.modules);
    appendAll(all.crypto, needs.crypto);
  });
  std::string out;  // sorted and once each over all the files

  auto list = [&out](std::string_view kind, std::vector<std::string> names) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (const std::string& name : names) out += fmt::format("{} {}\n", kind, name);
  };
  list("device", all.devices);
  list("module", all.modules);
  list("crypto", all.crypto);
  std::fwrite(out.data(), 1, out.size(), stdout);
  printDiagnostics(engine, options.diagnostics, stderr);
  if (ioProblem) return kExitUsage;
  return engine.hasErrors() ? kExitInputErrors : kExitOk;
}

}  // namespace

void addDepsCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<DepsOptions>();
  CLI::App* command = app.add_subcommand(
      "deps", "List what booting with the tables needs: underlying devices, target modules, crypto algorithms");
  command->add_option("files", options->files, "Table files (or concise / dm-mod.create strings in files)")
      ->required();
  addTableOptions(*command, options->table);
  command->callback([options, &exitCode] { exitCode = runDeps(*options); });
}

}  // namespace dmc::cli
