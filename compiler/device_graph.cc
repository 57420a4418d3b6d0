#include "compiler/device_graph.h"

#include <algorithm>
#include <functional>
#include <queue>

namespace dmc {

namespace {

// Walks from a device left over by Kahn's algorithm (so on or behind a cycle) until a device
// repeats; the walk from its first visit is a cycle.
std::vector<uint32_t> findCycle(const std::vector<std::vector<uint32_t>>& uses, const std::vector<bool>& placed) {
  uint32_t startAt = 0;
  while (startAt < placed.size() && placed[startAt]) ++startAt;
  std::vector<int64_t> visitedAt(uses.size(), -1);
  std::vector<uint32_t> path;
  uint32_t current = startAt;
  while (visitedAt[current] < 0) {
    visitedAt[current] = static_cast<int64_t>(path.size());
    path.push_back(current);
    for (uint32_t next : uses[current]) {
      if (!placed[next]) {
        current = next;
        break;
      }
    }
  }
  return {path.begin() + visitedAt[current], path.end()};
}

}  // namespace

DeviceOrder orderDevices(const std::vector<std::vector<uint32_t>>& uses) {
  size_t n = uses.size();
  std::vector<uint32_t> pending(n, 0);                // how many devices each one still waits for
  std::vector<std::vector<uint32_t>> usedBy(n);
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t dependency : uses[i]) {
      ++pending[i];
      usedBy[dependency].push_back(i);
    }
  }
  std::priority_queue<uint32_t, std::vector<uint32_t>, std::greater<>> ready;
  for (uint32_t i = 0; i < n; ++i)
    if (pending[i] == 0) ready.push(i);

  DeviceOrder result;
  std::vector<bool> placed(n, false);
  while (!ready.empty()) {
    uint32_t device = ready.top();
    ready.pop();
    placed[device] = true;
    result.order.push_back(device);
    for (uint32_t user : usedBy[device])
      if (--pending[user] == 0) ready.push(user);
  }
  if (result.order.size() < n) result.cycle = findCycle(uses, placed);
  return result;
}

}  // namespace dmc
