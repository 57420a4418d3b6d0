#pragma once
// The driver: reads a table file through the grammar, runs every check line by line, and
// builds the checked model. Used by every command (verify is compile without output).

#include <string>
#include <vector>

#include "compiler/table_model.h"
#include "diagnostics/diagnostic_engine.h"
#include "validator/device_areas.h"
#include "validator/kernel_profile.h"

namespace dmc {

struct CompileOptions {
  std::string defaultDeviceName;                 // for a plain table; else the file's name
  std::vector<DeclaredDeviceSize> deviceSizes;   // --device-size PATH=SECTORS
  KernelProfile profile = KernelProfile::V6_1;
  bool keepTargets = true;                       // verify needs no model, only the checks
};

struct CompileOutcome {
  TableModel model;
  bool ok = false;  // no errors in this file
};

CompileOutcome compileFile(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options);

// The name a plain table's device gets: the file name without directories and extension.
std::string deviceNameFromPath(const std::string& path);

}  // namespace dmc
