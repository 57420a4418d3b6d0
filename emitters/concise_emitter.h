#pragma once
// The `dmsetup create --concise` form of a checked model: devices in load order, joined by ';',
// each "name,uuid,minor,ro|rw,<table line>[,<table line>...]", with ',' ';' and '\' in names and
// parameters escaped by a backslash, as `dmsetup table --concise` writes it.

#include <string>
#include <vector>

#include "compiler/table_model.h"
#include "diagnostics/diagnostic.h"

namespace dmc {

// Something that stops a model from being written as a boot string, at its source line.
struct BootStringProblem {
  DiagnosticCode code = DiagnosticCode::BootStringUnsafe;
  Severity severity = Severity::Error;
  uint32_t file = 0;
  uint32_t line = 0;  // 0: the whole file
  std::string message;
};

struct BootStringOutput {
  std::string text;  // empty when there are errors
  std::vector<BootStringProblem> problems;

  bool ok() const;
};

// Backslash-escapes ',', ';' and '\'.
std::string escapeConcise(std::string_view text);

BootStringOutput emitConcise(const TableModel& model);

}  // namespace dmc
