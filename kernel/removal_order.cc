#include "kernel/removal_order.h"

#include <algorithm>

#include <fmt/format.h>

#include "compiler/device_graph.h"

namespace dmc {

namespace {

// heldBy[i]: the listed devices whose tables use listed device i.
bool findHolders(KernelInterface& kernel, const std::vector<KernelDeviceInfo>& infos,
                 std::vector<std::vector<uint32_t>>& heldBy, std::vector<std::string>& problems) {
  heldBy.assign(infos.size(), {});
  for (uint32_t user = 0; user < infos.size(); ++user) {
    std::vector<DeviceNumber> uses;
    KernelResult r = kernel.dependencies(infos[user].name, uses);
    if (!r.ok) {
      problems.push_back(r.message);
      return false;
    }
    for (uint32_t used = 0; used < infos.size(); ++used)
      if (used != user && std::find(uses.begin(), uses.end(), infos[used].number) != uses.end())
        heldBy[used].push_back(user);
  }
  return true;
}

void refuseOpenDevices(const std::vector<KernelDeviceInfo>& infos, const std::vector<std::vector<uint32_t>>& heldBy,
                       std::vector<std::string>& problems) {
  for (size_t i = 0; i < infos.size(); ++i) {
    const int32_t holders = static_cast<int32_t>(heldBy[i].size());
    if (infos[i].openCount <= holders) continue;
    problems.push_back(fmt::format(
        "'{}' is in use (open count {}{}): unmount or close it, or remove what uses it too; nothing was removed",
        infos[i].name, infos[i].openCount,
        holders ? fmt::format(", {} of them by devices being removed", holders) : ""));
  }
}

}  // namespace

RemovalOrder orderForRemoval(KernelInterface& kernel, const std::vector<std::string>& names) {
  RemovalOrder result;
  std::vector<KernelDeviceInfo> infos;
  for (const std::string& name : names) {
    if (std::optional<KernelDeviceInfo> info = kernel.info(name)) infos.push_back(*info);
    else result.problems.push_back(fmt::format("there is no device named '{}'", name));
  }
  if (!result.problems.empty()) return result;
  std::vector<std::vector<uint32_t>> heldBy;
  if (!findHolders(kernel, infos, heldBy, result.problems)) return result;
  refuseOpenDevices(infos, heldBy, result.problems);
  if (!result.problems.empty()) return result;
  // Creation order over "held by" instead of "uses": every device after its holders.
  DeviceOrder order = orderDevices(heldBy);
  std::vector<bool> placed(infos.size(), false);
  for (uint32_t i : order.order) {
    placed[i] = true;
    result.order.push_back(infos[i].name);
  }
  for (size_t i = 0; i < infos.size(); ++i)  // a cycle the kernel cannot have built: stay safe
    if (!placed[i]) result.order.push_back(infos[i].name);
  return result;
}

}  // namespace dmc
