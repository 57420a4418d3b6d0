// zoned: <zoned_dev> | <regular_dev> <zoned_dev>...  (drivers/md/dm-zoned-target.c)
// Which devices are zoned is a disk fact (a 'disk' line's zoned=, or --host-devices): when
// known, dmz_get_zoned_device's rules are checked; a disk declared without a zone model is
// regular. Zone sizes and the on-disk metadata need the real devices. The kernel sets the
// target's length itself from the metadata, and checks each whole device (0, its capacity
// rounded down to zones), which can never pass a device's end: no areas are recorded.
#include <fmt/format.h>

#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

// dmz_get_zoned_device: one device must be zoned (host-managed or host-aware: the 6.1
// kernel's bdev_is_zoned); with several, the first is the regular one and the rest zoned.
bool checkZoneModel(TargetCheckContext& c, size_t index) {
  std::optional<DiskFacts> disk = c.diskFactsOf(index);
  if (!disk) return true;
  ZoneModel model = disk->traits.zoneModel;
  if (model == ZoneModel::Unknown && disk->traits.complete) model = ZoneModel::None;
  if (model == ZoneModel::Unknown) return true;
  const bool zoned = model != ZoneModel::None;
  const size_t count = c.argCount();
  if (!zoned && count == 1) {
    c.failAt(index, "Invalid regular device",
             fmt::format("{} is a regular disk; zoned on one device needs a zoned one (zoned=host-managed)",
                         c.arg(index)));
    return false;
  }
  if (!zoned && index != 0) {
    c.failAt(index, "First device must be a regular device",
             fmt::format("{} is a regular disk: only the first device may be regular, the others must be zoned",
                         c.arg(index)));
    return false;
  }
  if (zoned && count > 1 && index == 0) {
    c.failAt(index, "First device must be a regular device",
             fmt::format("{} is a zoned disk: with several devices the first one must be regular (it holds the "
                         "metadata and random writes)",
                         c.arg(index)));
    return false;
  }
  return true;
}

void checkZoned(TargetCheckContext& c) {
  if (c.argCount() < 1) {
    c.failAt(0, "Invalid argument count",
             "zoned needs a zoned device, or a regular device followed by zoned devices");
  }
  for (size_t device = 0; device < c.argCount(); ++device) c.referToDevice(device);
  for (size_t device = 0; device < c.argCount(); ++device)
    if (!checkZoneModel(c, device)) return;
}

}  // namespace

extern const TargetType kTarget_zoned{
    .name = "zoned",
    .summary = "exposes a zoned device as a regular one",
    .usage = "<zoned_dev> | <regular_dev> <zoned_dev>...",
    .features61 = kSingleton | kMixedZonedModel,
    .features72 = kSingleton | kMixedZonedModel,
    .queue = QueueKind::Bio,
    .check = checkZoned,
};

}  // namespace dmc
