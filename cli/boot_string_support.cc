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

}  // namespace dmc::cli
