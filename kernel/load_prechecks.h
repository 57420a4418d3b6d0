#pragma once
// What load and reload ask the kernel before they change anything: load makes new devices, so
// none of the file's devices may exist yet; reload replaces live tables, so each must have one.

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/table_model.h"
#include "kernel/kernel_interface.h"

namespace dmc {

struct DeviceRefusal {
  uint32_t device = 0;  // index into the model's devices
  std::string message;
};

std::vector<DeviceRefusal> checkBeforeLoad(KernelInterface& kernel, const TableModel& model);
std::vector<DeviceRefusal> checkBeforeReload(KernelInterface& kernel, const TableModel& model);

}  // namespace dmc
