// zoned: <zoned_dev> | <regular_dev> <zoned_dev>...  (drivers/md/dm-zoned-target.c)
// Which devices are zoned, their zone sizes and the on-disk metadata are only known with the
// real devices, so offline only the argument count can be checked. The kernel sets the
// target's length itself from the metadata, and checks each whole device (0, its capacity
// rounded down to zones), which can never pass a device's end: no areas are recorded.
#include <fmt/format.h>

#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkZoned(TargetCheckContext& c) {
  if (c.argCount() < 1) {
    c.failAt(0, "Invalid argument count",
             "zoned needs a zoned device, or a regular device followed by zoned devices");
  }
  for (size_t device = 0; device < c.argCount(); ++device) c.referToDevice(device);
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
