// dmc: device-mapper table compiler and validator.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>
#include <unistd.h>

#include "cli/boot_string_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "support/sigbus_guard.h"

namespace {

// A report lost to a full disk or a closed pipe must not look like success: exit 2.
int checkStandardOutput(int exitCode) {
  errno = 0;
  std::cout.flush();  // through stdout's own buffer: its flush sets errno on failure
  if (std::fflush(stdout) == 0 && !std::ferror(stdout) && std::cout.good()) return exitCode;
  if (errno != 0)
    std::fprintf(stderr, "dmc: error: cannot write standard output: %s\n", std::strerror(errno));
  else
    std::fputs("dmc: error: cannot write standard output: a write failed\n", stderr);
  return dmc::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  dmc::installSigbusGuard();
  // Into a file or pipe, write in large blocks: fewer system calls, and a write error is
  // mostly seen by the final flush, with its reason (checkStandardOutput).
  static char outputBuffer[1 << 16];
  if (!::isatty(STDOUT_FILENO)) std::setvbuf(stdout, outputBuffer, _IOFBF, sizeof outputBuffer);
  CLI::App app{"dmc: check, compile and load device-mapper tables.\n"
               "Finds every problem in a table before the kernel does, at its line and column."};
  app.set_version_flag("--version", std::string("dmc ") + DMC_VERSION);
  app.require_subcommand(1);
  int exitCode = dmc::cli::kExitOk;
  dmc::cli::addVerifyCommand(app, exitCode);
  dmc::cli::addCompileCommand(app, exitCode);
  dmc::cli::addFmtCommand(app, exitCode);
  dmc::cli::addTargetsCommand(app, exitCode);
  dmc::cli::addLookupCommand(app, exitCode);
  dmc::cli::addWhereisCommand(app, exitCode);
  dmc::cli::addLoadCommand(app, exitCode);
  dmc::cli::addReloadCommand(app, exitCode);
  dmc::cli::addRemoveCommand(app, exitCode);
  dmc::cli::addStatusCommand(app, exitCode);
  dmc::cli::addDiffCommand(app, exitCode);
  dmc::cli::addDepsCommand(app, exitCode);
  dmc::cli::addCompletionCommand(app, exitCode);  // last: it lists the commands above
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return checkStandardOutput(code == 0 ? dmc::cli::kExitOk : dmc::cli::kExitUsage);
  } catch (const std::bad_alloc&) {
    std::fputs("dmc: error: out of memory\n", stderr);
    return dmc::cli::kExitUsage;
  }
  return checkStandardOutput(exitCode);
}
