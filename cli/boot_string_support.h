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

// Thrown by the compile emitters for concise and dm-mod.create when the model cannot be written;
// main() reports the problems at their lines (reportEmitRefused) and exits 1. Nothing is written.
struct EmitRefused : std::runtime_error {
  explicit EmitRefused(std::vector<BootStringProblem> p)
      : std::runtime_error("boot string refused"), problems(std::move(p)) {}
  std::vector<BootStringProblem> problems;
};

// The text of a boot-string emitter, or throws EmitRefused. Warnings go to stderr.
std::string bootStringOrThrow(const BootStringOutput& output);
int reportEmitRefused(CLI::App& app, const EmitRefused& refused);

}  // namespace dmc::cli
