#pragma once
// Sizes of the block devices of the machine dmc runs on (--host-devices): a path is asked
// with BLKGETSIZE64, a major:minor through /sys/dev/block/MAJ:MIN/size. Sizes declared
// with --device-size come first. With host devices on, every device is "declared": one
// that does not exist here is an unknown device, as it is to the kernel.

#include <optional>
#include <string_view>
#include <vector>

#include "validator/device_areas.h"

namespace dmc {

class HostDeviceSizes final : public DeviceSizeSource {
 public:
  explicit HostDeviceSizes(std::vector<DeclaredDeviceSize> declared)
      : list_(std::move(declared)), declared_(list_) {}
  HostDeviceSizes(const HostDeviceSizes&) = delete;  // declared_ refers to list_
  HostDeviceSizes& operator=(const HostDeviceSizes&) = delete;
  std::optional<uint64_t> sizeOf(std::string_view device) const override;
  bool anyDeclared() const override { return true; }

 private:
  std::vector<DeclaredDeviceSize> list_;
  DeclaredSizes declared_;  // refers to list_
};

// The size in sectors of a block device node, or nullopt (no such node, not a block device,
// no permission).
std::optional<uint64_t> blockDeviceSectors(const std::string& path);
// The size in sectors of the block device MAJ:MIN from sysfs, or nullopt.
std::optional<uint64_t> sysfsDeviceSectors(std::string_view majorMinor);

}  // namespace dmc
