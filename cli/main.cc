// dmc: device-mapper table compiler and validator.
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "support/sigbus_guard.h"

int main(int argc, char** argv) {
  dmc::installSigbusGuard();
  CLI::App app{"dmc: check, compile and load device-mapper tables.\n"
               "Finds every problem in a table before the kernel does, at its line and column."};
  app.set_version_flag("--version", std::string("dmc ") + DMC_VERSION);
  app.require_subcommand(1);
  int exitCode = dmc::cli::kExitOk;
  dmc::cli::addVerifyCommand(app, exitCode);
  dmc::cli::addCompileCommand(app, exitCode);
  dmc::cli::addFmtCommand(app, exitCode);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? dmc::cli::kExitOk : dmc::cli::kExitUsage;
  }
  return exitCode;
}
