// thin-pool: <metadata_dev> <data_dev> <block_sectors> <low_water_blocks> [<#features> <feature>...]
// (drivers/md/dm-thin.c, pool_ctr). The kernel checks, in this order: the argument count,
// that metadata and data are different texts, the optional features, then (after opening
// both devices) the block size and the low water mark. Arguments after the announced
// features are ignored by the kernel.
#include <array>

#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr std::array<std::string_view, 5> kPoolFeatures = {"skip_block_zeroing", "ignore_discard",
                                                           "no_discard_passdown", "read_only", "error_if_no_space"};

constexpr uint64_t kMinBlockSectors = 128;      // 64 KiB
constexpr uint64_t kMaxBlockSectors = 2097152;  // 1 GiB

bool isPoolFeature(std::string_view name) {
  for (std::string_view feature : kPoolFeatures)
    if (equalsIgnoringCase(name, feature)) return true;
  return false;
}

void checkFeatures(TargetCheckContext& c) {
  if (c.argCount() == 4) return;
  ArgCursor args = ArgCursor::at(c, 4);
  readFeatureGroup(args, {0, 4, "Invalid number of pool feature arguments", "the feature count"},
                   [&](size_t at, uint32_t& /*left*/) {
                     if (isPoolFeature(c.arg(at))) return true;
                     c.failAt(at, "Unrecognised pool feature requested",
                              fmt::format("'{}' is not a thin-pool feature; expected {}{}", c.arg(at),
                                          alternatives(kPoolFeatures), didYouMean(c.arg(at), kPoolFeatures)));
                     return false;
                   });
}

void checkThinPool(TargetCheckContext& c) {
  if (c.argCount() < 4) {
    return c.failAt(c.argCount(), "Invalid argument count",
                    fmt::format("thin-pool needs at least 4 arguments, <metadata_dev> <data_dev> <block_sectors> "
                                "<low_water_blocks>; {} given",
                                c.argCount()));
  }
  if (sameDeviceText(c.arg(0), c.arg(1))) {
    return c.failAt(1, "Error setting metadata or data device",
                    fmt::format("the data device must differ from the metadata device; both are '{}'", c.arg(1)));
  }
  checkFeatures(c);
  if (c.failed()) return;

  auto block = ArgCursor::at(c, 2).kstrto(64, "Invalid block size", "the block size");
  if (!block) return;
  if (*block < kMinBlockSectors || *block > kMaxBlockSectors) {
    return c.failAt(2, "Invalid block size",
                    fmt::format("the block size must be {}..{} sectors (64 KiB to 1 GiB); {} given", kMinBlockSectors,
                                kMaxBlockSectors, *block));
  }
  if (*block % kMinBlockSectors != 0) {
    return c.failAt(
        2, "Invalid block size",
        fmt::format("the block size must be a multiple of {} sectors (64 KiB); {} is not", kMinBlockSectors, *block));
  }
  if (!ArgCursor::at(c, 3).kstrto(64, "Invalid low water mark", "the low water mark (in blocks)")) return;

  // pool_iterate_devices: the data device must hold the whole target.
  c.useDevice(1, 0, c.length(), std::nullopt);
  c.referToDevice(0);
}

}  // namespace

extern const TargetType kTarget_thin_pool{
    .name = "thin-pool",
    .summary = "a pool of blocks shared by thin devices",
    .usage = "<metadata_dev> <data_dev> <block_sectors> <low_water_blocks> [<#features> <feature>...]",
    .features61 = kSingleton | kAlwaysWriteable | kImmutable,
    .features72 = kSingleton | kAlwaysWriteable | kImmutable,
    .queue = QueueKind::Bio,
    .check = checkThinPool,
};

}  // namespace dmc
