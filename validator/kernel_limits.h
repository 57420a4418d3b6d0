#pragma once
// Limits the kernel enforces on tables and devices (include/uapi/linux/dm-ioctl.h,
// drivers/md/dm-core.h, dm-table.c). See docs/kernel-rules.md for where each comes from.

#include <cstdint>

namespace dmc::kernel {

inline constexpr uint64_t kMaxTargets = 1u << 20;            // DM_MAX_TARGETS (6.1.80+)
inline constexpr uint64_t kMaxDeviceEnd = (1ull << 54) - 1;  // (2^63 - 1) >> 9: "too large device"
inline constexpr uint32_t kMaxTypeNameLength = 15;           // DM_MAX_TYPE_NAME 16 with its NUL
inline constexpr uint32_t kMaxNameLength = 127;              // DM_NAME_LEN 128 with its NUL
inline constexpr uint32_t kMaxUuidLength = 128;              // DM_UUID_LEN 129 with its NUL
inline constexpr uint64_t kMinorLimit = 1u << 20;            // MINORBITS

}  // namespace dmc::kernel
