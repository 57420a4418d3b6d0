#include "lookup/lookup_source.h"

#include <fmt/format.h>

#include "compiler/compile_source.h"
#include "emitters/image_writer.h"

namespace dmc {

LookupSource openLookupSource(DiagnosticEngine& engine, const std::string& path, const CompileOptions& options) {
  LookupSource source;
  if (fileHasImageMagic(path)) {
    source.reader = ImageReader::open(path, source.error);
    if (!source.reader) source.problem = SourceProblem::Invalid;
    return source;
  }
  ReadError readError;
  std::optional<SourceFile> file = readSourceFile(path, readError);
  if (!file) {
    source.problem = SourceProblem::Unreadable;
    source.error = readError.message;
    return source;
  }
  const uint32_t fileId = engine.addFile(std::move(*file));
  CompileOutcome outcome = compileSource(engine, fileId, options);
  if (!outcome.ok) {
    source.problem = SourceProblem::Invalid;  // the diagnostics say why
    return source;
  }
  std::optional<std::string> image = buildImage(outcome.model, kDefaultKeysPerNode, &source.error);
  if (image) source.reader = ImageReader::fromBuffer(std::move(*image), source.error);
  if (!source.reader) {
    source.problem = SourceProblem::Invalid;
    source.error = fmt::format("{}: {}", path, source.error);
  }
  return source;
}

}  // namespace dmc
