#pragma once
// What lookup and whereis share: their sector arguments and their source.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli_options.h"
#include "emitters/image_reader.h"

namespace dmc::cli {

// Sector arguments, units allowed; prints why and returns nullopt at the first that is not one.
std::optional<std::vector<uint64_t>> parseSectorArguments(const std::vector<std::string>& texts);

// A table file (compiled) or a dmc image, ready for lookups; on failure prints the problem,
// sets exitCode and returns nullptr.
std::unique_ptr<ImageReader> openSourceOrReport(const std::string& path, const TableOptions& table,
                                                const DiagnosticOptions& diagnostics, int& exitCode);

}  // namespace dmc::cli
