#include "kernel/load_prechecks.h"

#include <fmt/format.h>

namespace dmc {

namespace {

// A table the back end cannot take at all: said before the first device is made.
void checkTableSizes(const KernelInterface& kernel, const TableModel& model, std::vector<DeviceRefusal>& refusals) {
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    uint64_t parameterBytes = 0;
    for (const TargetEntry& target : device.targets) parameterBytes += model.params(target).size();
    if (std::optional<std::string> why = kernel.tableSizeRefusal(device.targets.size(), parameterBytes))
      refusals.push_back({index, fmt::format("device '{}' cannot be loaded this way: {}", device.name, *why)});
  }
}

}  // namespace

std::vector<DeviceRefusal> checkBeforeLoad(KernelInterface& kernel, const TableModel& model) {
  std::vector<DeviceRefusal> refusals;
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    if (std::optional<KernelDeviceInfo> info = kernel.info(device.name))
      refusals.push_back({index, fmt::format("device '{}' exists already ({}): dmc load makes new devices; use dmc "
                                             "reload to change its table, or dmc remove it first",
                                             device.name, info->number.str())});
  }
  checkTableSizes(kernel, model, refusals);
  return refusals;
}

std::vector<DeviceRefusal> checkBeforeReload(KernelInterface& kernel, const TableModel& model) {
  std::vector<DeviceRefusal> refusals;
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    std::optional<KernelDeviceInfo> info = kernel.info(device.name);
    if (!info)
      refusals.push_back(
          {index, fmt::format("device '{}' is not loaded: dmc reload changes live devices; use dmc load", device.name)});
    else if (!info->liveTable)
      refusals.push_back({index, fmt::format("device '{}' has no live table to replace; use dmc load for new devices",
                                             device.name)});
  }
  checkTableSizes(kernel, model, refusals);
  return refusals;
}

}  // namespace dmc
