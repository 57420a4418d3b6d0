#pragma once
// Boot strings on the command line: any input file may be a table, a `dmsetup --concise` string
// or a dm-mod.create= value (detected from its text), and compile writes the two string forms.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compiler/compile_driver.h"
#include "emitters/concise_emitter.h"
#include "grammar/concise_reader.h"

namespace dmc::cli {

// Compiles the engine's file `fileId` in its own format: detected from the text, or `format`.
CompileOutcome compileAnyInput(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options,
                               std::optional<InputFormat> format = std::nullopt);

// A string given on the command line (--concise STRING), held as a file named "<concise>".
uint32_t addStringInput(DiagnosticEngine& engine, InputFormat format, const std::string& text);


}  // namespace dmc::cli
