#include "cli/boot_string_support.h"

#include <cstdio>

#include "cli/cli_options.h"
#include "cli/exit_codes.h"
#include "diagnostics/text_consumer.h"
#include "grammar/table_reader.h"

namespace dmc::cli {

uint32_t addStringInput(DiagnosticEngine& engine, InputFormat format, const std::string& text) {
  std::string name = format == InputFormat::Concise ? "<concise>" : "<dm-mod.create>";
  return engine.addFile(SourceFile(name, text));
}

std::string bootStringOrThrow(const BootStringOutput& output) {
  if (!output.ok()) throw EmitRefused(output.problems);
  for (const BootStringProblem& p : output.problems)
    std::fprintf(stderr, "dmc: warning: %s\n", p.message.c_str());
  return output.text;
}

// The emitter knows lines, not the file: take the file name from the compile command line and
// show the problems as diagnostics of that file.
int reportEmitRefused(CLI::App& app, const EmitRefused& refused) {
  std::string path = "-";
  try {
    if (CLI::App* compile = app.get_subcommand("compile")) path = compile->get_option("file")->as<std::string>();
  } catch (const CLI::Error&) {
  }
  DiagnosticEngine engine;
  ReadError error;
  std::optional<SourceFile> file = path == "-" ? std::nullopt : readSourceFile(path, error);
  uint32_t id = engine.addFile(file ? std::move(*file) : SourceFile(path == "-" ? "<stdin>" : path, ""));
  for (const BootStringProblem& p : refused.problems)
    engine.report(p.code, p.severity, Location{id, p.line, p.line ? 1u : 0u, 0}, p.message);
  DiagnosticOptions options;
  printDiagnostics(engine, options, stderr);
  return kExitInputErrors;
}

}  // namespace dmc::cli
