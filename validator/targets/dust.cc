// dust: <dev> <offset> <block_bytes>  (drivers/md/dm-dust.c)
//
// The kernel's order: exactly three arguments; the block size (kstrtouint: at least 512, a
// power of two, at most the target length and at most 1 GiB); then the offset; then the device.
#include <algorithm>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/one_to_one_mapping.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kDeviceArg = 0;
constexpr size_t kOffsetArg = 1;
constexpr size_t kBlockSizeArg = 2;
constexpr uint64_t kMaxBlockSectors = 2097152;  // DUST_MAX_BLKSZ_SECTORS (1 GiB)

void checkDust(TargetCheckContext& c) {
  if (c.argCount() != 3) {
    return c.failAt(c.argCount() < 3 ? c.argCount() : 3, "Invalid argument count",
                    fmt::format("dust takes exactly 3 arguments, <device> <offset> <block_bytes>; {} given",
                                c.argCount()));
  }
  auto blockSize = ArgCursor::at(c, kBlockSizeArg).kstrto(32, "Invalid block size parameter");
  if (!blockSize) return;
  if (*blockSize == 0)
    return c.failAt(kBlockSizeArg, "Invalid block size parameter", "the block size must not be 0");
  if (*blockSize < 512) {
    return c.failAt(kBlockSizeArg, "Block size must be at least 512",
                    fmt::format("the block size is {} bytes", *blockSize));
  }
  if (!isPowerOfTwo(*blockSize)) {
    return c.failAt(kBlockSizeArg, "Block size must be a power of 2",
                    fmt::format("the block size is {} bytes", *blockSize));
  }
  uint64_t maxSectors = std::min(c.length(), kMaxBlockSectors);
  if (*blockSize / 512 > maxSectors) {
    return c.failAt(kBlockSizeArg, "Block size is too large",
                    fmt::format("the block size is {} sectors; it may be at most {} sectors ({})", *blockSize / 512,
                                maxSectors,
                                maxSectors == c.length() ? "the target length" : "1 GiB"));
  }
  auto offset = ArgCursor::at(c, kOffsetArg).sector("Invalid device offset sector");
  if (!offset) return;
  c.useDevice(kDeviceArg, *offset, c.length(), kOffsetArg);
}

// One to one from <offset> of <device_path>.
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  return oneToOneMapping(args, 3, 0, 1);
}

}  // namespace

extern const TargetType kTarget_dust{
    .name = "dust",
    .summary = "simulates bad sectors",
    .usage = "<dev> <offset> <block_bytes>",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .sectorMapping = mapSectors,
    .check = checkDust,
};

}  // namespace dmc
