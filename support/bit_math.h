#pragma once
// Powers of two, as the kernel's is_power_of_2() and ilog2() see them, from <bit>.

#include <bit>
#include <cstdint>

namespace dmc {

inline bool isPowerOfTwo(uint64_t value) { return std::has_single_bit(value); }

// floor(log2(value)); 0 for 0 and 1.
inline unsigned log2Of(uint64_t value) { return value == 0 ? 0 : static_cast<unsigned>(std::bit_width(value) - 1); }

}  // namespace dmc
