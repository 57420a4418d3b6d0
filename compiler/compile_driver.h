#pragma once
// The driver: reads a table file through the grammar, runs every check line by line, and
// builds the checked model. Used by every command (verify is compile without output). The
// checks live in validator/ (headers: device_header_rules, fields: size_fields, lines:
// structure_checker and targets/, whole tables: table_type_rules, block_alignment, areas:
// device_areas, area_overlaps); @name references in compiler/references, the plain-table rule
// in compiler/plain_table_policy. This file only walks the lines and builds the model.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "compiler/table_model.h"
#include "diagnostics/diagnostic_engine.h"
#include "validator/device_areas.h"
#include "validator/kernel_choice.h"

namespace dmc {

struct CompileOptions {
  std::string defaultDeviceName;                 // for a plain table; else the file's name
  std::vector<DeclaredDeviceSize> deviceSizes;   // --device-size PATH=SECTORS
  KernelChoice kernel;                           // --kernel, --kernel-config: the version and build
  // --allow-target NAME: out-of-tree target types accepted, their arguments unchecked.
  std::vector<std::string> allowedTargets;
  // --readonly: load read-only the devices whose input does not say how (a plain table,
  // dmsetup table output), as dmsetup --readonly does. Headers and boot strings say it.
  bool readOnly = false;
  bool keepTargets = true;                       // verify needs no model, only the checks
  // Where the sizes of underlying devices come from (--host-devices: this machine's devices);
  // nullptr: only deviceSizes.
  std::shared_ptr<const DeviceSizeSource> sizeSource;
};

struct CompileOutcome {
  TableModel model;
  bool ok = false;  // no errors in this file
  // Every device the targets open that is not a device of this file, as written (a path or
  // major:minor), once each in order of first use: what a boot must wait for.
  std::vector<std::string> externalDevices;
};

CompileOutcome compileFile(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options);

// The same checks over lines from another front door (a concise or dm-mod.create= string):
// `read` feeds the sink and returns false if the input is not readable at all.
class LineSink;
CompileOutcome compileLines(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options,
                            const std::function<bool(LineSink&)>& read);

// The name a plain table's device gets: the file name without directories and extension.
std::string deviceNameFromPath(const std::string& path);

}  // namespace dmc
