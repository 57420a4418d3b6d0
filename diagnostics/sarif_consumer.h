#pragma once
// SARIF 2.1.0, the format GitHub code scanning uploads (github/codeql-action/upload-sarif).
// The log says whether the run worked (invocations[0].executionSuccessful, with the I/O and
// usage problems as tool execution notifications), so an empty result list means "checked and
// clean", never "could not check". Files are relative URI references against %SRCROOT% (the
// working directory), absolute paths are file:/// URIs, and inputs that are no file (standard
// input, strings given on the command line) are artifacts with a description and no URI.

#include <string>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

struct SarifOptions {
  // Each rule's helpUri is this followed by the rule id; empty: no URIs at all (none invented).
  std::string helpUriBase;
  std::string workingDirectory;  // %SRCROOT%; empty: the process's working directory
};

// The log is written as its results come (they may be merged back from a spill file), never
// held whole; renderSarif collects it into a string.
void writeSarif(DiagnosticEngine& engine, const SarifOptions& options, const OutputSink& out);
std::string renderSarif(DiagnosticEngine& engine, const SarifOptions& options = {});

// RFC 3986 percent-encoding of a path: every byte but unreserved characters and '/'.
std::string percentEncodePath(std::string_view path);

}  // namespace dmc
