#include "compiler/compile_source.h"

#include "grammar/concise_reader.h"
#include "grammar/dmsetup_table_reader.h"

namespace dmc {

CompileOutcome compileSource(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options,
                             std::optional<InputFormat> format) {
  const InputFormat chosen = format.value_or(detectInputFormat(engine.file(fileId).text()));
  if (chosen == InputFormat::Table) return compileFile(engine, fileId, options);
  if (chosen == InputFormat::DmsetupTable)
    return compileLines(engine, fileId, options,
                        [&](LineSink& sink) { return readDmsetupTable(engine, fileId, sink); });
  // Concise, dm-mod.create and kernel command lines. The reader owns the tokens it rewrote, so it
  // lives until compileLines returns.
  BootStringReader reader(engine, fileId, chosen);
  return compileLines(engine, fileId, options, [&](LineSink& sink) { return reader.read(sink); });
}

}  // namespace dmc
