#include "emitters/dmsetup_script_emitter.h"

#include <fmt/format.h>

#include "emitters/secret_redaction.h"

namespace dmc {

namespace {

// Ends each device's here-document; no table line can be this, as each starts with a number.
constexpr std::string_view kEndOfTable = "DMC_TABLE";

bool anyMaskedKeys(const TableModel& model) {
  for (const DeviceEntry& device : model.devices)
    for (const TargetEntry& t : device.targets)
      if (redactSecrets(model.typeName(t), model.params(t)) != model.params(t)) return true;
  return false;
}

std::string createCommand(const DeviceEntry& device) {
  std::string options;
  if (device.readOnly) options += " --readonly";
  if (!device.uuid.empty()) options += " --uuid " + shellQuote(device.uuid);
  if (device.minor) options += fmt::format(" --minor {}", *device.minor);
  // A name starting with '-' would be read as an option: "--" ends the options first.
  if (!device.name.empty() && device.name.front() == '-')
    return fmt::format("dmsetup create{} -- {}", options, shellQuote(device.name));
  return fmt::format("dmsetup create {}{}", shellQuote(device.name), options);
}

void appendTable(std::string& out, const TableModel& model, const DeviceEntry& device, bool showKeys) {
  for (const TargetEntry& t : device.targets) {
    std::string_view type = model.typeName(t);
    std::string params = showKeys ? std::string(model.params(t)) : redactSecrets(type, model.params(t));
    if (params.empty()) out += fmt::format("{} {} {}\n", t.start, t.length, type);
    else out += fmt::format("{} {} {} {}\n", t.start, t.length, type, params);
  }
}

}  // namespace

std::string shellQuote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

std::string emitDmsetupScript(const TableModel& model, bool showKeys) {
  std::string out = "#!/bin/sh\n# dmsetup create for each device, lower devices first (written by dmc compile).\n";
  if (!showKeys && anyMaskedKeys(model))
    out += "# The keys are masked: this script cannot load the devices that take keys "
           "(dmc compile --show-keys writes them).\n";
  out += "set -e\n";
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    out += fmt::format("{} <<'{}'\n", createCommand(device), kEndOfTable);
    appendTable(out, model, device, showKeys);
    out += fmt::format("{}\n", kEndOfTable);
  }
  return out;
}

}  // namespace dmc
