#pragma once
// Compares what the kernel has loaded with what a file says. The kernel prints a table in its
// own words: devices as major:minor, numbers in plain decimal, optional feature counts its own
// way, crypt features in its own order. Both sides are brought to one form first, so only real
// differences are shown. Keys are never printed: the diff says whether they differ.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/table_model.h"
#include "kernel/kernel_interface.h"

namespace dmc {

// "major:minor" of a device path (stat or a device-mapper name lookup), nullopt if unknown.
using DeviceResolver = std::function<std::optional<std::string>(std::string_view path)>;

// The parameters split into tokens and normalised for comparison.
std::vector<std::string> normalizeParams(std::string_view type, std::string_view params, const DeviceResolver& resolve);

struct DiffOptions {
  bool showKeys = false;
};

struct DeviceDiff {
  std::string name;
  bool equal = true;
  bool missing = false;  // not loaded at all
  std::string text;      // a unified-diff style description; empty when equal
};

// One device of the file against the kernel's live table (`info` nullopt: no such device).
DeviceDiff diffDevice(const TableModel& model, const DeviceEntry& device, const std::string& fileName,
                      const std::optional<KernelDeviceInfo>& info, const std::vector<KernelTarget>& live,
                      const DeviceResolver& resolve, const DiffOptions& options);

}  // namespace dmc
