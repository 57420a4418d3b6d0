#pragma once
// Stacking order: a device must be created after every device its table uses. Kahn's
// algorithm, iterative (a chain of a thousand devices must not exhaust the stack), taking
// devices in file order whenever several are ready, so the order is predictable.

#include <cstdint>
#include <vector>

namespace dmc {

struct DeviceOrder {
  std::vector<uint32_t> order;  // every device after those it uses; devices in cycles omitted
  std::vector<uint32_t> cycle;  // one cycle found (a -> b -> ... -> a), empty if none
};

// uses[i] lists the devices device i stacks on.
DeviceOrder orderDevices(const std::vector<std::vector<uint32_t>>& uses);

}  // namespace dmc
