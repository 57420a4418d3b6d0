#pragma once
// The one buffer libdevmapper builds for DM_TABLE_LOAD, and the cap on its allocations.
//
// libdevmapper sizes the buffer as the dm_ioctl header (312 bytes) plus, for each target, a
// 40-byte dm_target_spec, its parameters, their NUL and 8 bytes of alignment slack; and it
// refuses any allocation above 50,000,000 bytes ("Huge memory allocation ... rejected -
// metadata corruption?"). The kernel itself takes buffers up to 1 GiB, so a table of about
// 700,000 linear targets loads through the dmfs module but not through dmsetup or dmc's ioctl
// route. Both numbers were checked against dmsetup -vvv in the test VM (docs/performance.md).

#include <cstdint>
#include <optional>
#include <string>

namespace dmc {

inline constexpr uint64_t kLibdevmapperAllocationCap = 50'000'000;

// Bytes of the DM_TABLE_LOAD buffer for `targets` targets whose parameter strings add up to
// `parameterBytes` bytes (without their NULs).
uint64_t libdevmapperTableBufferBytes(uint64_t targets, uint64_t parameterBytes);

// Why libdevmapper cannot load such a table, or nullopt when it can.
std::optional<std::string> libdevmapperTableSizeRefusal(uint64_t targets, uint64_t parameterBytes);

}  // namespace dmc
