#pragma once
// Boot strings on the command line: strings given as options (--concise STRING), and the
// problems of compile's two string outputs.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "diagnostics/diagnostic_engine.h"
#include "emitters/concise_emitter.h"
#include "grammar/input_format.h"

namespace dmc::cli {

// A string given on the command line (--concise STRING), held as a file named "<concise>".
uint32_t addStringInput(DiagnosticEngine& engine, InputFormat format, const std::string& text);


}  // namespace dmc::cli
