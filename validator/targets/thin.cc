// thin: <pool_dev> <dev_id> [<external_origin_dev>]  (drivers/md/dm-thin.c, thin_ctr)
// The kernel checks the argument count, that an external origin is not the pool itself
// (same text), opens the devices, then reads the 24-bit device id. Whether the id exists in
// the pool's metadata, and whether the pool is loaded and resumed, only the running kernel
// knows. The pool device area the kernel checks (0 to the pool's length) always fits the
// pool, so only the use of the pool (and origin) device is recorded, for unknown devices.
#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/arg_text.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr uint64_t kMaxDeviceId = (1u << 24) - 1;

void checkThin(TargetCheckContext& c) {
  if (c.argCount() != 2 && c.argCount() != 3) {
    return c.failAt(c.argCount() < 2 ? c.argCount() : 3, "Invalid argument count",
                    fmt::format("thin takes <pool_dev> <dev_id> and optionally <external_origin_dev>; {} given",
                                countOf(c.argCount(), "argument", "arguments")));
  }
  if (c.argCount() == 3 && sameDeviceText(c.arg(0), c.arg(2))) {
    return c.failAt(2, "Error setting origin device",
                    fmt::format("the external origin must not be the pool device '{}' itself", c.arg(0)));
  }
  auto id = ArgCursor::at(c, 1).kstrto(64, "Invalid device id", "the thin device id");
  if (!id) return;
  if (*id > kMaxDeviceId) {
    return c.failAt(1, "Invalid device id", fmt::format("thin device ids are 24-bit, 0..{}; {} given", kMaxDeviceId, *id));
  }
  c.claimOnDevice(0, static_cast<uint32_t>(*id));  // the pool; two lines with one id share a volume
  c.referToDevice(2);  // the external origin, when given
}

// thin_ctr opens the external origin read-only (it only reads blocks not yet provisioned).
DeviceUse deviceUse(size_t arg, size_t /*argc*/) {
  if (arg == 2) return DeviceUse{AreaAccess::OpensReadOnly};
  return DeviceUse{};
}

}  // namespace

extern const TargetType kTarget_thin{
    .name = "thin",
    .summary = "a thinly provisioned device in a thin-pool",
    .usage = "<pool_dev> <dev_id> [<external_origin_dev>]",
    .features61 = 0,
    .features72 = kPassesCrypto,
    .queue = QueueKind::Bio,
    .check = checkThin,
    .deviceUse = deviceUse,
};

}  // namespace dmc
