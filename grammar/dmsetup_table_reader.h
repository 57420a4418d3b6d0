#pragma once
// Reads `dmsetup table` output, as sosreports keep it: one target a line, each line starting
// with its device's name and ": ", the lines of one device together:
//   vg-root: 0 41943040 linear 8:2 2048
// Each new name starts a device (a device-header line for the compile driver); the rest of the
// line is read with the table grammar, so tokens keep their columns in the file.

#include "diagnostics/diagnostic_engine.h"
#include "grammar/table_reader.h"

namespace dmc {

// Returns false when the file is not text at all (NUL bytes); nothing is read then.
bool readDmsetupTable(DiagnosticEngine& engine, uint32_t fileId, LineSink& sink);

}  // namespace dmc
