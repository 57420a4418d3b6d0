#include "validator/block_alignment.h"

#include <algorithm>

#include <fmt/format.h>

namespace dmc {

namespace {

constexpr uint32_t kSectorBytes = 512;

}  // namespace

uint32_t BlockAlignmentChecker::deviceBlockSize(std::string_view device) const {
  if (facts_ == nullptr || device.empty()) return kSectorBytes;  // @name: the file's own facts
  std::optional<DiskFacts> facts = facts_->factsOf(device);
  if (!facts || facts->traits.logicalBlockSize == 0) return kSectorBytes;
  return facts->traits.logicalBlockSize;
}

// dm_set_device_limits over the target's devices: the largest logical block wins.
BlockAlignmentChecker::DeviceBlock BlockAlignmentChecker::largestDeviceBlock(std::span<const DeviceArea> areas) const {
  DeviceBlock largest;
  for (const DeviceArea& area : areas) {
    if (!area.mapped || !area.hasRange) continue;  // what iterate_devices walks
    const uint32_t bytes = deviceBlockSize(area.device());
    if (bytes > largest.bytes) largest = DeviceBlock{bytes, area.device()};
  }
  return largest;
}

void BlockAlignmentChecker::addTarget(const AlignedTarget& target, std::span<const DeviceArea> areas) {
  const DeviceBlock deviceBlock = largestDeviceBlock(areas);
  const uint32_t blockBytes =
      target.replacesDeviceBlocks ? target.logicalBlockSize : std::max(target.logicalBlockSize, deviceBlock.bytes);
  if (blockBytes > kSectorBytes) checkAreas(target, blockBytes, deviceBlock, areas);
  if (blockBytes > tableBlockSize_) {
    tableBlockSize_ = blockBytes;
    largest_ = target;
    largestDevice_ = blockBytes == target.logicalBlockSize ? std::string_view() : deviceBlock.device;
  }
  if (deviceBlock.bytes > kSectorBytes || !entries_.empty()) entries_.push_back(TableEntry{target, deviceBlock.bytes});
  else lengthBeforeEntries_ += target.length;
  last_ = target;
  any_ = true;
}

// device_area_is_invalid: the kernel stops at the first misaligned area of a target.
void BlockAlignmentChecker::checkAreas(const AlignedTarget& target, uint32_t blockBytes,
                                       const DeviceBlock& deviceBlock, std::span<const DeviceArea> areas) {
  const uint64_t sectors = blockBytes / kSectorBytes;
  for (const DeviceArea& area : areas) {
    if (!area.hasRange || !area.mapped) continue;
    const bool startBad = area.start % sectors != 0;
    if (!startBad && area.length % sectors == 0) continue;
    const std::string what = startBad ? fmt::format("start={}", area.start) : fmt::format("len={}", area.length);
    const bool fromDevice = !target.replacesDeviceBlocks && deviceBlock.bytes == blockBytes &&
                            target.logicalBlockSize < blockBytes;
    const std::string why = fromDevice ? fmt::format("{} has {}-byte logical blocks", deviceBlock.device,
                                                     deviceBlock.bytes)
                                       : fmt::format("with {}-byte logical blocks", blockBytes);
    engine_.report(DiagnosticCode::BlockAlignment, startBad ? area.startLocation : target.lengthLocation,
                   fmt::format("{}: {} not aligned to h/w logical block size {} of {}: {}, so the {} on {} must be a "
                               "multiple of {} sectors",
                               target.type, what, blockBytes, area.device(), why, startBad ? "offset" : "length",
                               area.device(), sectors));
    areaRefused_ = true;
    return;
  }
}

void BlockAlignmentChecker::reportTableMisaligned(const TableEntry& at, uint64_t end) const {
  const AlignedTarget& last = at.target;
  const uint64_t sectors = tableBlockSize_ / kSectorBytes;
  engine_
      .report(DiagnosticCode::BlockAlignment, last.lengthLocation,
              fmt::format("table line {} (start sect {} len {}) not aligned to h/w logical block size {}: {} (the "
                          "kernel counts the table's lines from 0: this is line {} of the file)",
                          last.index, last.start, last.length, tableBlockSize_,
                          end % sectors != 0
                              ? fmt::format("the table ends at sector {}, not on a block of {} sectors", end, sectors)
                              : fmt::format("a {}-sector block that starts in the line before leaves this line a "
                                            "part that is not a whole {}-byte block of its device",
                                            sectors, at.deviceBlockBytes),
                          last.line))
      .note(largest_.typeLocation,
            largestDevice_.empty()
                ? fmt::format("this {} target makes the table's logical block size {} bytes", largest_.type,
                              tableBlockSize_)
                : fmt::format("{} under this {} target has {}-byte logical blocks, the table's logical block size",
                              largestDevice_, largest_.type, tableBlockSize_));
}

// validate_hardware_logical_block_alignment: walk the table modulo its block size; a block
// that crosses into a target must leave it whole blocks of that target's devices, and no
// block may hang over the table's end.
void BlockAlignmentChecker::endDevice() {
  const uint64_t sectors = tableBlockSize_ / kSectorBytes;
  // dm_calculate_queue_limits returns at the first misaligned area, before the table walk.
  if (any_ && sectors > 1 && !areaRefused_) {
    uint64_t nextStart = lengthBeforeEntries_ % sectors;
    uint64_t remaining = nextStart != 0 ? sectors - nextStart : 0;
    const TableEntry* stop = nullptr;
    for (const TableEntry& entry : entries_) {
      const uint64_t deviceSectors = entry.deviceBlockBytes / kSectorBytes;
      if (remaining < entry.target.length && remaining % deviceSectors != 0) {
        stop = &entry;
        break;
      }
      nextStart = (nextStart + entry.target.length) % sectors;
      remaining = nextStart != 0 ? sectors - nextStart : 0;
    }
    if (remaining != 0) reportTableMisaligned(stop ? *stop : TableEntry{last_, kSectorBytes},
                                              stop ? 0 : last_.start + last_.length);
  }
  tableBlockSize_ = kSectorBytes;
  largestDevice_ = {};
  lengthBeforeEntries_ = 0;
  entries_.clear();
  any_ = false;
  areaRefused_ = false;
}

}  // namespace dmc
