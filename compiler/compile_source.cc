#include "compiler/compile_source.h"

#include "diagnostics/inline_suppressions.h"
#include "grammar/concise_reader.h"
#include "grammar/dmsetup_table_reader.h"
#include "validator/target_secrets.h"

namespace dmc {

namespace {

// The boot-string reader's own refusals: after one, targets of the string may never be typed,
// so nothing says where their keys are.
bool refusedByReader(DiagnosticCode code) {
  switch (code) {
    case DiagnosticCode::BootStringSyntax:
    case DiagnosticCode::BootStringLimit:
    case DiagnosticCode::BootStringTarget:
    case DiagnosticCode::BootStringBackslash:
    case DiagnosticCode::InvalidNumber:
    case DiagnosticCode::OctalNumber:
      return true;
    default:
      return false;
  }
}

// A boot string holds many targets on one line: a line the reader refused hides everything
// key-looking. (Typed targets have their keys marked already, and a verity digest on a line
// the reader read stays visible.)
void hideKeysOfRefusedBootStrings(DiagnosticEngine& engine, uint32_t fileId) {
  uint32_t lastMarked = 0;
  for (const Diagnostic& d : engine.diagnostics())
    if (d.location.file == fileId && d.location.line != 0 && d.location.line != lastMarked &&
        refusedByReader(d.code)) {
      markUntypedLineSecrets(engine, fileId, d.location.line);
      lastMarked = d.location.line;
    }
}

}  // namespace

CompileOutcome compileSource(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options,
                             std::optional<InputFormat> format) {
  const InputFormat chosen = format.value_or(detectInputFormat(engine.file(fileId).text()));
  readInlineSuppressions(engine, fileId);
  if (chosen == InputFormat::Table) return compileFile(engine, fileId, options);
  if (chosen == InputFormat::DmsetupTable)
    return compileLines(engine, fileId, options,
                        [&](LineSink& sink) { return readDmsetupTable(engine, fileId, sink); });
  // Concise, dm-mod.create and kernel command lines. The reader owns the tokens it rewrote, so it
  // lives until compileLines returns.
  // Their keys are marked only when the whole string has been read (below).
  engine.holdSecrets(fileId);
  BootStringReader reader(engine, fileId, chosen);
  CompileOutcome outcome = compileLines(engine, fileId, options, [&](LineSink& sink) { return reader.read(sink); });
  hideKeysOfRefusedBootStrings(engine, fileId);
  engine.releaseSecrets(fileId);
  return outcome;
}

}  // namespace dmc
