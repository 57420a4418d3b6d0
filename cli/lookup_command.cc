// dmc lookup SOURCE SECTOR...: which target of which device holds each sector (found with the
// kernel's btree walk), and where targets with a fixed mapping send it, following devices of
// the same file stacked on each other (lookup/sector_path).
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/lookup_support.h"
#include "lookup/sector_path.h"
#include "support/display_escape.h"

namespace dmc::cli {

namespace {

struct LookupOptions {
  std::string source;
  std::vector<std::string> sectors;
  std::string device;
  std::string format = "text";
  DiagnosticOptions diagnostics;
  TableOptions table;
};

std::string describeHop(const ImageReader& reader, const Hop& hop) {
  const ImageDevice& device = reader.devices()[hop.device];
  const TargetRecord& t = device.targets[hop.target];
  std::string text = fmt::format("{}: sector {}: line {}, target {} {} [{}, {}), offset {}",
                                 escapeForDisplay(device.name), hop.sector, t.line, hop.target,
                                 escapeForDisplay(reader.typeName(t.typeId)), t.start, t.start + t.length,
                                 hop.sector - t.start);
  if (hop.placement) {
    text += fmt::format(" -> {} sector {}", escapeForDisplay(hop.placement->device), hop.placement->sector);
    if (hop.placement->stripe) text += fmt::format(" (stripe {})", *hop.placement->stripe);
  }
  return text;
}

nlohmann::ordered_json hopJson(const ImageReader& reader, const Hop& hop) {
  const ImageDevice& device = reader.devices()[hop.device];
  const TargetRecord& t = device.targets[hop.target];
  nlohmann::ordered_json json = {{"device", device.name},          {"sector", hop.sector},
                         {"found", true},                  {"line", t.line},
                         {"target", hop.target},           {"type", reader.typeName(t.typeId)},
                         {"target_start", t.start},        {"target_length", t.length},
                         {"offset", hop.sector - t.start}};
  if (hop.placement) {
    json["underlying"] = {{"device", hop.placement->device}, {"sector", hop.placement->sector}};
    if (hop.placement->stripe) json["underlying"]["stripe"] = *hop.placement->stripe;
  }
  return json;
}

void printHops(const ImageReader& reader, const std::vector<Hop>& hops, bool json) {
  if (!json) {
    for (size_t i = 0; i < hops.size(); ++i)
      fmt::print("{:{}}{}\n", "", 2 * i, describeHop(reader, hops[i]));
    return;
  }
  // Stacked hops nest: {"device": "upper", ..., "then": {"device": "lower", ...}}.
  nlohmann::ordered_json chain;
  for (size_t i = hops.size(); i-- > 0;) {
    nlohmann::ordered_json hop = hopJson(reader, hops[i]);
    if (!chain.is_null()) hop["then"] = std::move(chain);
    chain = std::move(hop);
  }
  fmt::print("{}\n", chain.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

void printMiss(const ImageDevice* device, uint64_t sector, bool json) {
  if (json) {
    nlohmann::ordered_json miss = {{"sector", sector}, {"found", false}};
    if (device) {
      miss["device"] = device->name;
      miss["size"] = device->size;
    }
    fmt::print("{}\n", miss.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  } else if (device) {
    fmt::print("{}: sector {}: past the end (device size {} sectors)\n", escapeForDisplay(device->name), sector,
               device->size);
  } else {
    fmt::print("sector {}: past the end of every device\n", sector);
  }
}

// Looks one sector up in the chosen devices; false when no device holds it.
bool lookUp(const ImageReader& reader, const std::vector<size_t>& devices, uint64_t sector, bool json) {
  bool found = false;
  for (size_t device : devices) {
    const std::vector<Hop> hops = followSector(reader, device, sector);
    if (!hops.empty()) printHops(reader, hops, json);
    else if (devices.size() == 1) printMiss(&reader.devices()[device], sector, json);
    found = found || !hops.empty();
  }
  if (!found && devices.size() != 1) printMiss(nullptr, sector, json);
  return found;
}

std::optional<std::vector<size_t>> chooseDevices(const ImageReader& reader, const std::string& name) {
  std::vector<size_t> devices;
  if (name.empty()) {
    for (size_t i = 0; i < reader.devices().size(); ++i) devices.push_back(i);
    return devices;
  }
  if (std::optional<size_t> index = reader.findDevice(name)) return std::vector<size_t>{*index};
  std::string known;
  for (const ImageDevice& device : reader.devices()) known += (known.empty() ? "" : ", ") + std::string(device.name);
  printError(fmt::format("no device '{}' in this source (it has: {})", name, known));
  return std::nullopt;
}

int runLookup(const LookupOptions& options) {
  const std::optional<std::vector<uint64_t>> sectors = parseSectorArguments(options.sectors);
  if (!sectors) return kExitUsage;
  int exitCode = kExitOk;
  std::unique_ptr<ImageReader> reader = openSourceOrReport(options.source, options.table, options.diagnostics, exitCode);
  if (!reader) return exitCode;
  std::optional<std::vector<size_t>> devices = chooseDevices(*reader, options.device);
  if (!devices) return kExitUsage;
  bool allFound = true;
  for (uint64_t sector : *sectors) allFound = lookUp(*reader, *devices, sector, options.format == "json") && allFound;
  return allFound ? kExitOk : kExitInputErrors;
}

}  // namespace

void addLookupCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<LookupOptions>();
  CLI::App* command = app.add_subcommand(
      "lookup",
      "Find the target holding each sector (as the kernel's btree walk does) and, for targets with a fixed "
      "mapping (linear, striped, crypt, ...), the underlying device and sector (exit 0: all found, 1: a sector "
      "past the end or errors in SOURCE, 2: usage or I/O)");
  command->add_option("source", options->source, "A table file or a dmc image (told apart by its magic)")
      ->required();
  command->add_option("sectors", options->sectors, "Sectors to look up (units allowed: 4K, 1G)")->required();
  command->add_option("--device", options->device, "Look only in this device (default: every device)");
  command->add_option("--format", options->format, "Output: text, or json (one object a line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  addDiagnosticOptions(*command, options->diagnostics, false);
  addTableOptions(*command, options->table);
  command->callback([options, &exitCode] { exitCode = runLookup(*options); });
}

}  // namespace dmc::cli
