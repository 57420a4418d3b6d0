#include "compiler/boot_dependencies.h"

#include <algorithm>

#include "support/major_minor.h"
#include "support/split_tokens.h"
#include "validator/target_availability.h"
#include "validator/target_registry.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void sortUnique(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool isDeviceOfModel(const TableModel& model, std::string_view path) {
  if (!startsWith(path, "/dev/mapper/")) return false;
  const std::string_view name = path.substr(12);
  return std::any_of(model.devices.begin(), model.devices.end(), [&](const DeviceEntry& d) { return d.name == name; });
}

// Device arguments the checks record no area for (verity's hash device with a one-block
// tree, a FEC device): any argument that names a device, a /dev path or MAJ:MIN.
void addDeviceWords(const TableModel& model, const std::vector<std::string>& args, std::vector<std::string>& devices) {
  for (const std::string& arg : args)
    if ((startsWith(arg, "/dev/") || isMajorMinor(arg)) && !isDeviceOfModel(model, arg)) devices.push_back(arg);
}

}  // namespace

std::string moduleForTarget(std::string_view targetType) {
  // Which module registers the type: a fact of the target's, kept with its config option.
  const TargetAvailability* target = availabilityOf(targetType);
  return target == nullptr ? std::string() : std::string(target->module);
}

BootDependencies bootDependencies(const TableModel& model, const std::vector<std::string>& externalDevices) {
  BootDependencies needs;
  needs.devices = externalDevices;
  for (const DeviceEntry& device : model.devices) {
    for (const TargetEntry& target : device.targets) {
      const std::string_view type = model.typeName(target);
      std::string module = moduleForTarget(type);
      if (!module.empty()) needs.modules.push_back(std::move(module));
      const std::vector<std::string> args = splitTokens(model.params(target));
      if (const TargetType* known = findTargetType(type); known != nullptr && known->cryptoNames != nullptr)
        known->cryptoNames(args, needs.crypto);
      addDeviceWords(model, args, needs.devices);
    }
  }
  sortUnique(needs.devices);
  sortUnique(needs.modules);
  sortUnique(needs.crypto);
  return needs;
}

}  // namespace dmc
