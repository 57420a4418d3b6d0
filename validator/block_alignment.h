#pragma once
// The kernel's logical block size rules, checked when it sets up the device's queue
// (dm_calculate_queue_limits in drivers/md/dm-table.c):
//   - each target's logical block size is the largest of its underlying devices' (a 4Kn disk:
//     4096), raised by the target's io_hints (crypt's sector_size, verity's data block size,
//     writecache) or replaced by them (ebs's emulated block);
//   - every device area a target maps must start and end on that size ("start=N not aligned
//     to h/w logical block size B of DEV", device_area_is_invalid);
//   - the table's logical block size is the largest of its targets', and a bio aligned to it
//     that crosses from one target into the next must leave the next a whole number of that
//     target's device blocks, and the table must end on a whole block
//     (validate_hardware_logical_block_alignment: "table line N (start S len L) not aligned
//     to h/w logical block size B", N the target's index from 0, which dmc shows beside the
//     file's line).
// Underlying devices have 512-byte logical blocks unless a fact says otherwise (a 'disk'
// line, --logical-block-size, --host-devices).

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "validator/device_areas.h"

namespace dmc {

struct AlignedTarget {
  std::string_view type;
  uint32_t logicalBlockSize = 512;  // bytes, after the target's io_hints
  uint32_t line = 0;
  uint64_t start = 0;
  uint64_t length = 0;
  Location typeLocation;
  Location lengthLocation;
  uint32_t index = 0;  // among the device's targets, from 0: the kernel's "table line N"
  bool replacesDeviceBlocks = false;  // io_hints sets the size whatever the devices' (ebs)
};

class BlockAlignmentChecker {
 public:
  explicit BlockAlignmentChecker(DiagnosticEngine& engine) : engine_(engine) {}

  // Where the logical block sizes of underlying devices come from (nullptr: all 512).
  void setDeviceFacts(const DeviceSizeSource* facts) { facts_ = facts; }
  // One target of the current device, with the device areas its check recorded.
  void addTarget(const AlignedTarget& target, std::span<const DeviceArea> areas);
  // The current device's logical block size so far: the largest of its targets'.
  uint32_t tableBlockSize() const { return tableBlockSize_; }
  // The end of a device's table: the whole-table rule.
  void endDevice();

 private:
  struct DeviceBlock {
    uint32_t bytes = 512;
    std::string_view device;  // the device that sets it; empty: none above 512
  };
  // A target as the whole-table rule sees it: its devices' block size, before io_hints.
  struct TableEntry {
    AlignedTarget target;
    uint32_t deviceBlockBytes = 512;
  };

  uint32_t deviceBlockSize(std::string_view device) const;
  DeviceBlock largestDeviceBlock(std::span<const DeviceArea> areas) const;
  void checkAreas(const AlignedTarget& target, uint32_t blockBytes, const DeviceBlock& deviceBlock,
                  std::span<const DeviceArea> areas);
  void reportTableMisaligned(const TableEntry& at, uint64_t end) const;

  DiagnosticEngine& engine_;
  const DeviceSizeSource* facts_ = nullptr;
  uint32_t tableBlockSize_ = 512;
  AlignedTarget largest_;  // the target that set the table's block size
  std::string_view largestDevice_;  // ... through this device's block size, if it did
  // The walk needs each target only from the first one on devices with blocks above 512
  // bytes: before it, only the sum of the lengths counts (block sizes are powers of two, so
  // the sum may wrap). A table on 512-byte devices keeps no entries at all.
  uint64_t lengthBeforeEntries_ = 0;
  std::vector<TableEntry> entries_;
  AlignedTarget last_;
  bool any_ = false;
  bool areaRefused_ = false;  // a misaligned area: the kernel stops there
};

}  // namespace dmc
