#include "compiler/compile_source.h"

#include "grammar/concise_reader.h"
#include "grammar/dmsetup_table_reader.h"
#include "validator/target_secrets.h"

namespace dmc {

namespace {

// A boot string holds many targets on one line, and a refused one may stop the reader before
// they are typed: a line with diagnostics hides everything key-looking.
void hideKeysOfRefusedBootStrings(DiagnosticEngine& engine, uint32_t fileId) {
  uint32_t lastMarked = 0;
  for (const Diagnostic& d : engine.diagnostics())
    if (d.location.file == fileId && d.location.line != 0 && d.location.line != lastMarked) {
      markUntypedLineSecrets(engine, fileId, d.location.line);
      lastMarked = d.location.line;
    }
}

}  // namespace

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
  CompileOutcome outcome = compileLines(engine, fileId, options, [&](LineSink& sink) { return reader.read(sink); });
  hideKeysOfRefusedBootStrings(engine, fileId);
  return outcome;
}

}  // namespace dmc
