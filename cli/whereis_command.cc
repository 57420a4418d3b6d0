// dmc whereis SOURCE DEVICE SECTOR...: the reverse of lookup. Which logical sectors of which
// mapped devices land on a sector of an underlying device, through every target with a fixed
// mapping, and further up through devices of the same file stacked on those.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/lookup_support.h"
#include "compiler/reverse_lookup.h"
#include "support/display_escape.h"
#include "support/edit_distance.h"

namespace dmc::cli {

namespace {

struct WhereisOptions {
  std::string source;
  std::string device;
  std::vector<std::string> sectors;
  std::string format = "text";
  bool direct = false;
  DiagnosticOptions diagnostics;
  TableOptions table;
};

ReverseIndex buildReverseIndex(const ImageReader& reader) {
  ReverseIndex index;
  for (const ImageDevice& device : reader.devices()) {
    const uint32_t d = index.addDevice(device.name);
    for (uint32_t t = 0; t < device.targets.size(); ++t) {
      const TargetRecord& r = device.targets[t];
      index.addTarget(d, t, r.start, r.length, reader.typeName(r.typeId), reader.params(r));
    }
  }
  index.finish();
  return index;
}

std::string describeHit(const ImageReader& reader, const std::vector<ReverseHit>& hits, const ReverseHit& hit) {
  const ImageDevice& device = reader.devices()[hit.device];
  const TargetRecord& t = device.targets[hit.target];
  std::string text = fmt::format("{} sector {} (line {}, target {} {}", escapeForDisplay(device.name), hit.sector,
                                 t.line, hit.target, escapeForDisplay(reader.typeName(t.typeId)));
  if (hit.stripe) text += fmt::format(", stripe {}", *hit.stripe);
  if (hit.via >= 0) {
    const ReverseHit& below = hits[static_cast<size_t>(hit.via)];
    text += fmt::format(", on {} sector {}", escapeForDisplay(reader.devices()[below.device].name), below.sector);
  }
  return text + ")";
}

nlohmann::ordered_json hitJson(const ImageReader& reader, const std::vector<ReverseHit>& hits, const ReverseHit& hit) {
  const ImageDevice& device = reader.devices()[hit.device];
  const TargetRecord& t = device.targets[hit.target];
  nlohmann::ordered_json json = {{"device", device.name}, {"sector", hit.sector},  {"line", t.line},
                         {"target", hit.target},  {"type", reader.typeName(t.typeId)}};
  if (hit.stripe) json["stripe"] = *hit.stripe;
  if (hit.via >= 0) {
    const ReverseHit& below = hits[static_cast<size_t>(hit.via)];
    json["via"] = {{"device", reader.devices()[below.device].name}, {"sector", below.sector}};
  }
  return json;
}

void printHits(const ImageReader& reader, const std::string& underlying, uint64_t sector,
               const std::vector<ReverseHit>& hits, bool json) {
  if (json) {
    nlohmann::ordered_json out = {{"underlying", underlying}, {"sector", sector}, {"hits", nlohmann::ordered_json::array()}};
    for (const ReverseHit& hit : hits) out["hits"].push_back(hitJson(reader, hits, hit));
    fmt::print("{}\n", out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    return;
  }
  const std::string place = fmt::format("{} sector {}", escapeForDisplay(underlying), sector);
  if (hits.empty()) fmt::print("{}: used by no target of this file\n", place);
  for (const ReverseHit& hit : hits) fmt::print("{} <- {}\n", place, describeHit(reader, hits, hit));
}

// A device no target maps: say which devices the file does use, and the nearest name.
void printNotInSource(const std::string& underlying, const std::vector<std::string>& used) {
  std::string list;
  for (const std::string& device : used) list += (list.empty() ? "" : ", ") + escapeForDisplay(device);
  std::string nearest = closestMatch(underlying, std::vector<std::string_view>(used.begin(), used.end()));
  fmt::print("{}: not in this file; it maps {}{}\n", escapeForDisplay(underlying),
             used.empty() ? "no device" : list,
             nearest.empty() ? "" : fmt::format(" (did you mean {}?)", escapeForDisplay(nearest)));
}

int runWhereis(const WhereisOptions& options) {
  const std::optional<std::vector<uint64_t>> sectors = parseSectorArguments(options.sectors);
  if (!sectors) return kExitUsage;
  int exitCode = kExitOk;
  std::unique_ptr<ImageReader> reader = openSourceOrReport(options.source, options.table, options.diagnostics, exitCode);
  if (!reader) return exitCode;
  const ReverseIndex index = buildReverseIndex(*reader);
  const std::string underlying = normalizeDevicePath(options.device);
  if (!index.uses(underlying)) {
    printNotInSource(underlying, index.usedDevices());
    return kExitInputErrors;
  }
  bool allUsed = true;
  for (uint64_t sector : *sectors) {
    const std::vector<ReverseHit> hits = index.find(underlying, sector, !options.direct);
    printHits(*reader, underlying, sector, hits, options.format == "json");
    allUsed = allUsed && !hits.empty();
  }
  return allUsed ? kExitOk : kExitInputErrors;
}

}  // namespace

void addWhereisCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<WhereisOptions>();
  CLI::App* command = app.add_subcommand(
      "whereis",
      "Reverse lookup: which sectors of which mapped devices land on the given sectors of an underlying "
      "device, through every target with a fixed mapping (exit 0: every sector is used, 1: some sector is "
      "not, the device is not in SOURCE, or SOURCE has errors, 2: usage or I/O)");
  command->add_option("source", options->source, "A table file or a dmc image")->required();
  command->add_option("device", options->device,
                      "Underlying device as the tables name it (/dev/sdb, 8:16; @NAME for a device of SOURCE)")
      ->required();
  command->add_option("sectors", options->sectors, "Sectors of that device (units allowed: 4K, 1G)")->required();
  command->add_option("--format", options->format, "Output: text, or json (one object a line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_flag("--direct", options->direct, "Only devices mapping DEVICE directly, not those stacked on them");
  addDiagnosticOptions(*command, options->diagnostics, false);
  addTableOptions(*command, options->table);
  command->callback([options, &exitCode] { exitCode = runWhereis(*options); });
}

}  // namespace dmc::cli
