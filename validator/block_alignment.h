#pragma once
// The kernel's logical block size rules, checked when it sets up the device's queue
// (dm_calculate_queue_limits in drivers/md/dm-table.c):
//   - a target whose logical block size is above 512 bytes (crypt's sector_size, verity's
//     data block size, ebs, integrity, writecache) needs every device area it maps to start
//     and end on that size ("start=N not aligned to h/w logical block size B of DEV");
//   - the table's logical block size is the largest of its targets', and the table must end
//     on it ("table line N (start S len L) not aligned to h/w logical block size B", N the
//     target's index from 0, which dmc shows beside the file's line).
// dmc assumes underlying devices have 512-byte logical blocks (loop devices and most disks);
// a 4Kn disk raises the bar further, which only the running kernel knows.

#include <cstdint>
#include <span>
#include <string_view>

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
};

class BlockAlignmentChecker {
 public:
  explicit BlockAlignmentChecker(DiagnosticEngine& engine) : engine_(engine) {}

  // One target of the current device, with the device areas its check recorded.
  void addTarget(const AlignedTarget& target, std::span<const DeviceArea> areas);
  // The end of a device's table: the whole-table rule.
  void endDevice();

 private:
  void checkAreas(const AlignedTarget& target, std::span<const DeviceArea> areas);

  DiagnosticEngine& engine_;
  uint32_t tableBlockSize_ = 512;
  AlignedTarget largest_;  // the target that set the table's block size
  AlignedTarget last_;
  bool any_ = false;
};

}  // namespace dmc
