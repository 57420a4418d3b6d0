#include "cli/boot_string_support.h"

#include <cstdio>

#include "cli/cli_options.h"
#include "cli/exit_codes.h"
#include "diagnostics/text_consumer.h"
#include "grammar/table_reader.h"

namespace dmc::cli {

CompileOutcome compileAnyInput(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options,
                               std::optional<InputFormat> format) {
  InputFormat chosen = format.value_or(detectInputFormat(engine.file(fileId).text()));
  if (chosen == InputFormat::Table) return compileFile(engine, fileId, options);
  BootStringReader reader(engine, fileId, chosen);  // owns rewritten tokens until compileLines returns
  CompileOptions named = options;
  return compileLines(engine, fileId, named, [&](LineSink& sink) { return reader.read(sink); });
}

uint32_t addStringInput(DiagnosticEngine& engine, InputFormat format, const std::string& text) {
  std::string name = format == InputFormat::Concise ? "<concise>" : "<dm-mod.create>";
  return engine.addFile(SourceFile(name, text));
}

}  // namespace dmc::cli
