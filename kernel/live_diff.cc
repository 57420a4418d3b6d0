#include "kernel/live_diff.h"

namespace dmc {

LiveDiff diffWithKernel(KernelInterface& kernel, const TableModel& model, const std::string& fileName,
                        const DiffOptions& options) {
  DeviceResolver resolve = [&](std::string_view path) -> std::optional<std::string> {
    std::optional<DeviceNumber> number = kernel.resolveDevice(std::string(path));
    if (!number) return std::nullopt;
    return number->str();
  };
  LiveDiff result;
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    std::optional<KernelDeviceInfo> info = kernel.info(device.name);
    std::vector<KernelTarget> live;
    if (info && info->liveTable) {
      KernelResult r = kernel.table(device.name, false, live);
      if (!r.ok) return LiveDiff{false, {}, r.message};
    }
    DeviceDiff diff = diffDevice(model, device, fileName, info, live, resolve, options);
    if (diff.equal) continue;
    result.equal = false;
    result.text += diff.text;
  }
  return result;
}

}  // namespace dmc
