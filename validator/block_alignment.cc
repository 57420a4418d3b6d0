#include "validator/block_alignment.h"

#include <fmt/format.h>

namespace dmc {

namespace {

constexpr uint32_t kSectorBytes = 512;

}  // namespace

void BlockAlignmentChecker::addTarget(const AlignedTarget& target, std::span<const DeviceArea> areas) {
  if (target.logicalBlockSize > kSectorBytes) checkAreas(target, areas);
  if (target.logicalBlockSize > tableBlockSize_) {
    tableBlockSize_ = target.logicalBlockSize;
    largest_ = target;
  }
  last_ = target;
  any_ = true;
}

// device_area_is_invalid: the kernel stops at the first misaligned area of a target.
void BlockAlignmentChecker::checkAreas(const AlignedTarget& target, std::span<const DeviceArea> areas) {
  const uint64_t sectors = target.logicalBlockSize / kSectorBytes;
  for (const DeviceArea& area : areas) {
    if (!area.hasRange || !area.mapped) continue;
    const bool startBad = area.start % sectors != 0;
    if (!startBad && area.length % sectors == 0) continue;
    const std::string what = startBad ? fmt::format("start={}", area.start) : fmt::format("len={}", area.length);
    engine_.report(DiagnosticCode::BlockAlignment, startBad ? area.startLocation : target.lengthLocation,
                   fmt::format("{}: {} not aligned to h/w logical block size {} of {}: with {}-byte logical blocks "
                               "the {} on {} must be a multiple of {} sectors",
                               target.type, what, target.logicalBlockSize, area.device(), target.logicalBlockSize,
                               startBad ? "offset" : "length", area.device(), sectors));
    return;
  }
}

// validate_hardware_logical_block_alignment: with 512-byte blocks below every target, what
// remains of the rule is that the table ends on a whole block of the table's size.
void BlockAlignmentChecker::endDevice() {
  const uint64_t sectors = tableBlockSize_ / kSectorBytes;
  const uint64_t end = last_.start + last_.length;
  if (any_ && sectors > 1 && end % sectors != 0) {
    engine_
        .report(DiagnosticCode::BlockAlignment, last_.lengthLocation,
                fmt::format("table line {} (start sect {} len {}) not aligned to h/w logical block size {}: the table "
                            "ends at sector {}, not on a block of {} sectors (the kernel counts the table's lines "
                            "from 0: this is line {} of the file)",
                            last_.index, last_.start, last_.length, tableBlockSize_, end, sectors, last_.line))
        .note(largest_.typeLocation, fmt::format("this {} target makes the table's logical block size {} bytes",
                                                 largest_.type, tableBlockSize_));
  }
  tableBlockSize_ = kSectorBytes;
  any_ = false;
}

}  // namespace dmc
