// dmc fmt FILE...: rewrite tables in canonical, column-aligned form. Other input forms (a concise
// string, a kernel command line, dmsetup table output...) are checked and printed as a dmc
// multi-device file, never rewritten in place.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "compiler/compile_source.h"
#include "emitters/dmsetup_table_emitter.h"
#include "emitters/source_formatter.h"
#include "support/atomic_file.h"

namespace dmc::cli {

namespace {

struct FmtOptions {
  std::vector<std::string> files;
  bool inPlace = false;
  bool check = false;
  DiagnosticOptions diagnostics;
};

// A form that is not a table file, checked and written as a dmc multi-device file; nullopt
// (after printing why) when it has errors or the options ask to rewrite it.
std::optional<std::string> deviceFileOf(DiagnosticEngine& engine, uint32_t file, InputFormat format,
                                        const FmtOptions& options) {
  if (options.inPlace || options.check) {
    printError(fmt::format("{}: -i and --check lay out table files, and this is {} input (dmc fmt FILE prints it "
                           "as a dmc file)",
                           engine.file(file).name(), inputFormatName(format)));
    return std::nullopt;
  }
  CompileOutcome outcome = compileSource(engine, file, CompileOptions{}, format);
  if (engine.errorCount() + engine.warningCount() > 0) printDiagnostics(engine, options.diagnostics, stderr);
  if (!outcome.ok) return std::nullopt;
  return emitDeviceFile(outcome.model);
}

int runFmt(const FmtOptions& options) {
  if (!options.inPlace && !options.check && options.files.size() > 1) {
    printError("several files need -i (rewrite in place) or --check");
    return kExitUsage;
  }
  int result = kExitOk;
  for (const std::string& path : options.files) {
    DiagnosticEngine engine;
    std::optional<uint32_t> file = loadFile(engine, path);
    if (!file) return kExitUsage;
    const InputFormat format = detectInputFormat(engine.file(*file).text());
    if (format != InputFormat::Table) {
      std::optional<std::string> converted = deviceFileOf(engine, *file, format, options);
      if (!converted) return engine.hasErrors() ? kExitInputErrors : kExitUsage;
      std::string problem = writeOutput("-", *converted);
      if (!problem.empty()) {
        printError(problem);
        return kExitUsage;
      }
      continue;
    }
    if (options.inPlace) {
      // Replaced atomically, so the whole new text is made first.
      std::optional<std::string> formatted = formatSource(engine, *file);
      if (!formatted) {
        printDiagnostics(engine, options.diagnostics, stderr);
        result = kExitInputErrors;
        continue;
      }
      if (*formatted == engine.file(*file).text()) continue;
      std::string problem = writeFileAtomically(path, *formatted);
      if (!problem.empty()) {
        printError(problem);
        return kExitUsage;
      }
      continue;
    }
    // --check and printing stream the text: a large table is never held twice.
    const std::string_view original = engine.file(*file).text();
    size_t compared = 0;
    bool changed = false;
    const OutputSink out = options.check ? OutputSink([&](std::string_view piece) {
      changed = changed || original.substr(compared, piece.size()) != piece;
      compared += piece.size();
    })
                                         : OutputSink([](std::string_view piece) {
                                             std::fwrite(piece.data(), 1, piece.size(), stdout);
                                           });
    if (!writeFormattedSource(engine, *file, out)) {
      printDiagnostics(engine, options.diagnostics, stderr);
      result = kExitInputErrors;
      continue;
    }
    if (options.check) {
      if (changed || compared != original.size()) {
        std::printf("%s: not formatted\n", path.c_str());
        result = kExitInputErrors;
      }
    } else if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
      printError(fmt::format("<stdout>: cannot write: {}", std::strerror(errno)));
      return kExitUsage;
    }
  }
  return result;
}

}  // namespace

void addFmtCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* command = app.add_subcommand(
      "fmt", "Lay out table files canonically (aligned columns, single spaces; comments kept)");
  command->add_option("files", options->files, "Table files (other input forms are printed as a dmc file)")->required();
  command->add_flag("-i,--in-place", options->inPlace, "Rewrite the files (atomically) instead of printing");
  command->add_flag("--check", options->check, "Only report files that are not formatted (exit 1 if any)");
  addDiagnosticOptions(*command, options->diagnostics, false);
  command->callback([options, &exitCode] { exitCode = runFmt(*options); });
}

}  // namespace dmc::cli
