#pragma once
// Facts of the block devices of the machine dmc runs on (--host-devices). A path is resolved
// with stat() to its device number; its size and logical block size come from the node
// (BLKGETSIZE64, BLKSSZGET) when dmc may open it, else from sysfs
// (/sys/dev/block/MAJ:MIN/size, queue/logical_block_size), so a non-root user or a container
// sees what the kernel will see. The zone model (queue/zoned) and an integrity profile
// (integrity/format, tag_size, protection_interval_bytes) always come from sysfs. Facts
// declared with --device-size and --logical-block-size come first. With host devices on,
// every device is "declared": one that does not exist here is an unknown device, as it is to
// the kernel. The superblocks of targets that keep one (dm-integrity) are read from the
// devices too, one sector each.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "validator/device_areas.h"

namespace dmc {

class HostDeviceSizes final : public DeviceSizeSource {
 public:
  // `sysfsRoot`: where sysfs is mounted (tests give a directory of their own).
  explicit HostDeviceSizes(std::vector<DeclaredDeviceSize> declared, std::string sysfsRoot = "/sys")
      : list_(std::move(declared)), declared_(list_), sysfsRoot_(std::move(sysfsRoot)) {}
  HostDeviceSizes(const HostDeviceSizes&) = delete;  // declared_ refers to list_
  HostDeviceSizes& operator=(const HostDeviceSizes&) = delete;
  std::optional<uint64_t> sizeOf(std::string_view device) const override;
  std::optional<DiskFacts> factsOf(std::string_view device) const override;
  bool anyDeclared() const override { return true; }
  // What is true of a device this machine has no facts of: no such path, not a block device...
  std::string unknownDeviceMessage(std::string_view device) const override;
  bool isThisMachine() const override { return true; }
  // One pread() of 512 bytes from a block device (or a regular file, as tests use); nothing
  // else is opened, so a FIFO or a character device never blocks dmc.
  std::optional<std::array<uint8_t, 512>> readSector(std::string_view device, uint64_t sector) const override;

 private:
  std::optional<DiskFacts> machineFactsOf(std::string_view device) const;
  std::optional<DiskFacts> sysfsFactsOf(const std::string& majorMinor) const;

  std::vector<DeclaredDeviceSize> list_;
  DeclaredSizes declared_;  // refers to list_
  std::string sysfsRoot_;
  // Each device is asked once a run: a table names few devices in many areas, and each
  // answer costs a stat(), an open() and several sysfs reads.
  mutable std::unordered_map<std::string, std::optional<DiskFacts>> machineFacts_;
};

// The device number of a block device node as "MAJ:MIN", or nullopt (no such node, not a
// block device). stat() needs no permission on the node itself.
std::optional<std::string> blockDeviceNumber(const std::string& path);
// Size in sectors and logical block size in bytes read from the open node, or nullopt when
// the node cannot be opened (no permission) or asked.
std::optional<DiskFacts> openDeviceFacts(const std::string& path);

}  // namespace dmc
