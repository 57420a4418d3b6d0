#include "validator/structure_checker.h"

#include <fmt/format.h>

#include "support/sector_text.h"
#include "validator/kernel_limits.h"

namespace dmc {

void StructureChecker::beginDevice() {
  expectedStart_ = 0;
  previousStart_.reset();
  previousLine_ = 0;
  count_ = 0;
  reportedTooLarge_ = false;
  sawBadLine_ = false;
}

void StructureChecker::notePrevious(DiagnosticBuilder& builder) const {
  if (previousLine_ == 0 || !expectedStart_) return;
  builder.note(previousStartLocation_,
               fmt::format("the previous target (line {}) covers {}", previousLine_,
                           sectorRange(*previousStart_, *expectedStart_ - 1)));
}

// A start that misses the previous target's end by a telling factor: its length was written
// as an end sector, in bytes, or in 1 KiB or 4 KiB blocks (as other tools print sizes).
void StructureChecker::noteLengthUnit(DiagnosticBuilder& builder, uint64_t start) const {
  if (!previousStart_ || !expectedStart_ || start <= *previousStart_) return;
  const uint64_t written = *expectedStart_ - *previousStart_;
  const uint64_t meant = start - *previousStart_;
  std::string why;
  if (*previousStart_ > 0 && written == start)
    why = "it is this target's start: was it written as an end sector?";
  else if (written == meant * 512)
    why = "it is 512 times the sectors between the two starts: was it written in bytes?";
  else if (meant == written * 2)
    why = "it is half the sectors between the two starts: was it written in 1 KiB blocks?";
  else if (meant == written * 8)
    why = "it is an eighth of the sectors between the two starts: was it written in 4 KiB blocks?";
  if (why.empty()) return;
  builder.note(previousLengthLocation_,
               fmt::format("the previous target's length is {}; {} A length of {} would end it where this "
                           "target starts",
                           written, why, meant));
}

void StructureChecker::checkStart(const TargetPlacement& t, uint64_t start) {
  if (!expectedStart_) return;
  uint64_t expected = *expectedStart_;
  if (start == expected) return;
  if (count_ == 1) {  // add() has counted this target already
    engine_
        .report(DiagnosticCode::StartNotZero, t.startLocation,
                fmt::format("the first target must start at sector 0, not {}", start))
        .note(fmt::format("{} would not be mapped", sectorRange(0, start - 1)));
    return;
  }
  if (start > expected) {
    auto builder = engine_.report(
        DiagnosticCode::Gap, t.startLocation,
        fmt::format("gap of {} before this target: it starts at {} but the previous target ends at {}",
                    sectorCount(start - expected), start, expected));
    notePrevious(builder);
    noteLengthUnit(builder, start);
    builder.note(fmt::format("{} {} not mapped; start this target at {}", sectorRange(expected, start - 1),
                             sectorRangeVerb(expected, start - 1), expected));
    return;
  }
  if (previousStart_ && start < *previousStart_) {
    auto builder = engine_.report(
        DiagnosticCode::OutOfOrder, t.startLocation,
        fmt::format("target out of order: it starts at {}, before the previous target's start {}; "
                    "the kernel takes targets in sector order",
                    start, *previousStart_));
    notePrevious(builder);
    return;
  }
  auto builder = engine_.report(
      DiagnosticCode::Overlap, t.startLocation,
      fmt::format("this target overlaps the previous one (line {}) by {}: it starts at {} but the previous "
                  "target ends at {}",
                  previousLine_, sectorCount(expected - start), start, expected));
  notePrevious(builder);
  noteLengthUnit(builder, start);
}

void StructureChecker::checkLength(const TargetPlacement& t, uint64_t start, uint64_t length) {
  if (length == 0) {
    engine_.report(DiagnosticCode::ZeroLength, t.lengthLocation,
                   "zero-length target: the kernel refuses a target of length 0");
    return;
  }
  if (length > UINT64_MAX - start) {
    engine_.report(DiagnosticCode::SectorOverflow, t.lengthLocation,
                   fmt::format("start {} + length {} does not fit in 64 bits", start, length));
    return;
  }
  if (start + length > kernel::kMaxDeviceEnd && !reportedTooLarge_) {
    reportedTooLarge_ = true;
    engine_.report(DiagnosticCode::DeviceTooLarge, t.lengthLocation,
                   fmt::format("too large device: this target ends at sector {}, past the kernel's limit of {} "
                               "sectors (2^63 - 1 bytes)",
                               start + length, kernel::kMaxDeviceEnd));
  }
}

void StructureChecker::add(const TargetPlacement& t) {
  ++count_;
  if (count_ == kernel::kMaxTargets + 1) {
    engine_.report(DiagnosticCode::TooManyTargets, t.startLocation,
                   fmt::format("too many targets: the kernel takes at most {} in one table (DM_MAX_TARGETS)",
                               kernel::kMaxTargets));
  }
  if (t.start) checkStart(t, *t.start);
  if (t.start && t.length) checkLength(t, *t.start, *t.length);

  // Judge the next line against this one as written, so one bad line gives one error.
  bool extentKnown = t.start && t.length && *t.length <= UINT64_MAX - *t.start;
  if (extentKnown) {
    expectedStart_ = *t.start + *t.length;
    previousStart_ = t.start;
    previousStartLocation_ = t.startLocation;
    previousLengthLocation_ = t.lengthLocation;
    previousLine_ = t.line;
  } else {
    expectedStart_.reset();
    previousStart_.reset();
  }
}

void StructureChecker::endDevice(Location where) {
  if (count_ == 0 && !sawBadLine_)
    engine_.report(DiagnosticCode::EmptyTable, where, "no targets: the kernel refuses an empty table");
}

}  // namespace dmc
