#include "kernel/libdevmapper_buffer.h"

#include <fmt/format.h>

namespace dmc {

namespace {

constexpr uint64_t kIoctlHeaderBytes = 312;  // sizeof(struct dm_ioctl)
constexpr uint64_t kTargetSpecBytes = 40;    // sizeof(struct dm_target_spec)
constexpr uint64_t kNulAndAlignmentSlack = 1 + 8;

}  // namespace

uint64_t libdevmapperTableBufferBytes(uint64_t targets, uint64_t parameterBytes) {
  return kIoctlHeaderBytes + targets * (kTargetSpecBytes + kNulAndAlignmentSlack) + parameterBytes;
}

std::optional<std::string> libdevmapperTableSizeRefusal(uint64_t targets, uint64_t parameterBytes) {
  const uint64_t bytes = libdevmapperTableBufferBytes(targets, parameterBytes);
  if (bytes <= kLibdevmapperAllocationCap) return std::nullopt;
  return fmt::format(
      "its {} targets need a {}-byte table buffer, and libdevmapper refuses to allocate more than {} bytes "
      "(dmsetup says \"Huge memory allocation ... rejected\"); the kernel would take it: load it with --via dmfs, or "
      "split it into smaller devices",
      targets, bytes, kLibdevmapperAllocationCap);
}

}  // namespace dmc
