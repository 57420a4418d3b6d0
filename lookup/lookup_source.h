#pragma once
// What lookup and whereis read: a dmc image is mapped as it is; any other input is compiled and
// turned into an image in memory, so lookups have a single kind of source.

#include <memory>
#include <string>

#include "compiler/compile_driver.h"
#include "diagnostics/diagnostic_engine.h"
#include "emitters/image_reader.h"

namespace dmc {

enum class SourceProblem : uint8_t {
  None,
  Unreadable,  // missing file, no permission: error says so
  Invalid,     // a table with errors (diagnostics are in the engine) or a bad image (error)
};

struct LookupSource {
  std::unique_ptr<ImageReader> reader;  // set when problem is None
  SourceProblem problem = SourceProblem::None;
  std::string error;
};

LookupSource openLookupSource(DiagnosticEngine& engine, const std::string& path, const CompileOptions& options);

}  // namespace dmc
