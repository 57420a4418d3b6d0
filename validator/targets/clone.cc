// clone: <metadata_dev> <destination_dev> <source_dev> <region_sectors>
//        [<#features> [no_hydration] [no_discard_passdown]] [<#core> [<key> <value>]...]
// (drivers/md/dm-clone-target.c, upstream since 5.4; Debian 12's 6.1 build leaves it out)
//
// The kernel's order: at least 4 arguments; the metadata, destination and source devices (the
// destination and source at least as long as the target; the source opened read-only); the
// region size (a %u from 8 to 2^21 sectors, a power of two, at most 2^31 regions); the feature
// group (at most 2 names, case-insensitive); the core group (at most 4 arguments, an even number,
// hydration_threshold or hydration_batch_size with a kstrtouint value). Arguments after the
// groups are ignored, as the kernel does.
#include <fmt/format.h>

#include "support/bit_math.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kMetadataArg = 0;
constexpr size_t kDestinationArg = 1;
constexpr size_t kSourceArg = 2;
constexpr uint32_t kMinRegionSectors = 1u << 3;   // MIN_REGION_SIZE (4 KiB)
constexpr uint32_t kMaxRegionSectors = 1u << 21;  // MAX_REGION_SIZE (1 GiB)
constexpr uint64_t kMaxRegions = 1ull << 31;      // test_bit and friends take an int

std::optional<uint32_t> readRegionSize(TargetCheckContext& c, ArgCursor& args) {
  size_t at = args.position();
  auto region = args.read({kMinRegionSectors, kMaxRegionSectors, "Invalid region size", "the region size (sectors)"});
  if (!region) return std::nullopt;
  if (!isPowerOfTwo(*region)) {
    c.failAt(at, "Region size is not a power of 2", fmt::format("the region size is {} sectors", *region));
    return std::nullopt;
  }
  uint64_t regions = c.length() / *region + (c.length() % *region != 0);
  if (regions > kMaxRegions) {
    c.failAt(at, "Too many regions. Consider increasing the region size",
             fmt::format("{} sectors make {} regions of {} sectors; at most {} are allowed", c.length(), regions,
                         *region, kMaxRegions));
    return std::nullopt;
  }
  return region;
}

bool readFeatures(TargetCheckContext& c, ArgCursor& args) {
  if (args.remaining() == 0) return true;
  return readFeatureGroup(args, {0, 2, "Invalid number of feature arguments", "the feature count"},
                          [&](size_t at, uint32_t& /*left*/) {
                            if (equalsIgnoringCase(c.arg(at), "no_hydration") ||
                                equalsIgnoringCase(c.arg(at), "no_discard_passdown"))
                              return true;
                            c.failAt(at, "Invalid feature argument",
                                     "the features are no_hydration and no_discard_passdown");
                            return false;
                          });
}

bool readCoreArgs(TargetCheckContext& c, ArgCursor& args) {
  if (args.remaining() == 0) return true;
  size_t countAt = args.position();
  auto count = args.readGroup({0, 4, "Invalid number of core arguments", "the core argument count"});
  if (!count) return false;
  if (*count % 2 != 0) {
    c.failAt(countAt, "Number of core arguments must be even",
             fmt::format("core arguments are <key> <value> pairs; {} given", *count));
    return false;
  }
  for (uint32_t i = 0; i < *count; i += 2) {
    size_t keyAt = *args.shift();
    size_t valueAt = *args.shift();
    std::string_view key = c.arg(keyAt);
    if (equalsIgnoringCase(key, "hydration_threshold")) {
      if (!ArgCursor::at(c, valueAt).kstrto(32, "Invalid value for argument `hydration_threshold'")) return false;
    } else if (equalsIgnoringCase(key, "hydration_batch_size")) {
      if (!ArgCursor::at(c, valueAt).kstrto(32, "Invalid value for argument `hydration_batch_size'")) return false;
    } else {
      c.failAt(keyAt, "Invalid core argument", "the core arguments are hydration_threshold and hydration_batch_size");
      return false;
    }
  }
  return true;
}

void checkClone(TargetCheckContext& c) {
  if (c.argCount() < 4) {
    return c.failAt(c.argCount(), "Invalid number of arguments",
                    fmt::format("clone needs <metadata_dev> <destination_dev> <source_dev> <region_sectors>; {} given",
                                c.argCount()));
  }
  ArgCursor args(c, 3, c.argCount() - 3);
  if (!readRegionSize(c, args) || !readFeatures(c, args) || !readCoreArgs(c, args)) return;
  c.referToDevice(kMetadataArg);
  // Both data devices must hold the whole target: it maps onto sectors 0.. of each.
  c.useDevice(kDestinationArg, 0, c.length(), std::nullopt);
  c.useDevice(kSourceArg, 0, c.length(), std::nullopt);
}

// The source is opened read-only: clone only copies from it.
DeviceUse deviceUse(size_t arg, size_t /*argc*/) {
  if (arg == kSourceArg) return DeviceUse{AreaAccess::OpensReadOnly};
  return DeviceUse{};
}

}  // namespace

extern const TargetType kTarget_clone{
    .name = "clone",
    .summary = "copies a read-only source device onto a destination while serving I/O (dm-clone)",
    .usage = "<metadata_dev> <destination_dev> <source_dev> <region_sectors> [<#features> <feature>...] "
             "[<#core> <key> <value>...]",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .check = checkClone,
    .deviceUse = deviceUse,
};

}  // namespace dmc
