#pragma once
// The logical block sizes the block layer allows a disk: a power of two from 512 bytes to
// 64 KiB (blk_validate_block_size). Both ways of giving one (a `disk ... logical-block=` line
// and --logical-block-size) accept exactly these.

#include <cstdint>

#include "support/bit_math.h"

namespace dmc {

inline constexpr uint64_t kMinLogicalBlockSize = 512;
inline constexpr uint64_t kMaxLogicalBlockSize = 65536;

inline bool isLogicalBlockSize(uint64_t bytes) {
  return bytes >= kMinLogicalBlockSize && bytes <= kMaxLogicalBlockSize && isPowerOfTwo(bytes);
}

}  // namespace dmc
