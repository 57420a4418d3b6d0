// era: <metadata_dev> <origin_dev> <block_sectors>  (drivers/md/dm-era-target.c)
//
// Exactly three arguments; both devices are opened read-write; the block size is a %u number
// of sectors, non-zero and a multiple of 8 (4 KiB). The metadata itself needs the device.
// The kernel reports the whole origin device to the area check, which a size cannot fail, so
// no area is recorded.
#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kBlockSizeArg = 2;
constexpr uint64_t kMinBlockSectors = 8;  // MIN_BLOCK_SIZE

void checkEra(TargetCheckContext& c) {
  if (c.argCount() != 3) {
    return c.failAt(c.argCount() < 3 ? c.argCount() : 3, "Invalid argument count",
                    fmt::format("era takes exactly 3 arguments, <metadata_dev> <origin_dev> <block_sectors>; {} given",
                                c.argCount()));
  }
  auto blockSize = ArgCursor::at(c, kBlockSizeArg).scan(32, "Error parsing block size");
  if (!blockSize) return;
  if (*blockSize == 0 || *blockSize % kMinBlockSectors != 0) {
    return c.failAt(kBlockSizeArg, "Invalid block size",
                    fmt::format("the block size is {} sectors; it must be a non-zero multiple of {} sectors (4 KiB)",
                                *blockSize, kMinBlockSectors));
  }
  // era_iterate_devices reports the whole origin, which always fits: only the uses remain.
  c.referToDevice(0);
  c.referToDevice(1);
}

}  // namespace

extern const TargetType kTarget_era{
    .name = "era",
    .summary = "tracks which blocks were written in which era",
    .usage = "<metadata_dev> <origin_dev> <block_sectors>",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .check = checkEra,
};

}  // namespace dmc
