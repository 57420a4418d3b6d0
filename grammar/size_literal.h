#pragma once
// Sizes in dmc files: a bare number is sectors (512 bytes), as in dmsetup; a unit makes the
// conversion explicit: s (sectors), B (bytes), K/KiB, M/MiB, G/GiB, T/TiB, P/PiB (all binary,
// 1K = 1024 bytes). A fraction is allowed with a unit ("1.5G"); the result must be a whole
// number of sectors.

#include <cstdint>
#include <string_view>

namespace dmc {

enum class SizeStatus : uint8_t {
  Ok,
  Invalid,        // not a number
  Negative,       // "-5": dmsetup would wrap it to a huge value
  TooLarge,       // does not fit 64 bits (in sectors)
  PartialSector,  // "1000B", "0.3K"
};

struct SizeLiteral {
  SizeStatus status = SizeStatus::Invalid;
  uint64_t sectors = 0;
  bool hasPlus = false;  // a leading '+', accepted by dmsetup's %llu
  bool minusZero = false;  // "-0": %llu negates zero to zero, so the kernel takes it
  bool hasUnit = false;  // used a dmc convenience dmsetup cannot read
};

SizeLiteral parseSizeLiteral(std::string_view text);

}  // namespace dmc
