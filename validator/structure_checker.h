#pragma once
// The kernel's table structure rules (dm_table_add_target), checked line by line for one
// device: the first target starts at 0, each next one exactly where the previous ended,
// no zero lengths, no 64-bit overflow, no device past the kernel's size limit, and no more
// targets than the kernel takes. Unlike the kernel, it tells gaps, overlaps and
// out-of-order lines apart and keeps going to report them all.

#include <cstdint>
#include <optional>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

struct TargetPlacement {
  uint32_t line = 0;
  std::optional<uint64_t> start;   // nullopt when the number could not be read
  std::optional<uint64_t> length;
  Location startLocation;
  Location lengthLocation;
};

class StructureChecker {
 public:
  explicit StructureChecker(DiagnosticEngine& engine) : engine_(engine) {}

  void beginDevice();
  void add(const TargetPlacement& target);
  // A line the grammar refused: its extent is unknown, so the next start is not judged, and
  // the table is not called empty (the bad line was meant as a target: one mistake, one error).
  void loseTrack() {
    expectedStart_.reset();
    sawBadLine_ = true;
  }
  // Reports an empty table at `where` (the device header, or the file), unless a line was refused.
  void endDevice(Location where);

  // Where the next target must start ('*' in dmc files), if known.
  std::optional<uint64_t> expectedStart() const { return expectedStart_; }
  uint64_t targetCount() const { return count_; }

 private:
  void checkStart(const TargetPlacement& target, uint64_t start);
  void checkLength(const TargetPlacement& target, uint64_t start, uint64_t length);
  void notePrevious(DiagnosticBuilder& builder) const;
  void noteLengthUnit(DiagnosticBuilder& builder, uint64_t start) const;

  DiagnosticEngine& engine_;
  std::optional<uint64_t> expectedStart_;
  std::optional<uint64_t> previousStart_;
  Location previousStartLocation_;
  Location previousLengthLocation_;
  uint32_t previousLine_ = 0;
  uint64_t count_ = 0;
  bool reportedTooLarge_ = false;
  bool sawBadLine_ = false;  // since the device began
};

}  // namespace dmc
