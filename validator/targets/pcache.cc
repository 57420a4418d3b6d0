// pcache: <cache_dev> <backing_dev> [<#opt> [cache_mode writeback] [data_crc true|false]]
// (drivers/md/dm-pcache/dm_pcache.c, upstream since 6.18): a cache on persistent memory (DAX)
// in front of a slower device.
//
// The kernel's order: the cache device, then the backing device ("Insufficient args" when one
// is missing); then, if anything follows, an option group of at most 4 arguments: cache_mode
// (only writeback) and data_crc (true or false), names and values matched case-sensitively,
// each needing its value inside the group. Arguments after the group are ignored.
#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kCacheArg = 0;
constexpr size_t kBackingArg = 1;

// The option at `at` and its value; `left` counts the group's arguments still unread.
bool readOption(TargetCheckContext& c, ArgCursor& args, size_t at, uint32_t& left) {
  std::string_view name = c.arg(at);
  if (name != "cache_mode" && name != "data_crc") {
    c.failAt(at, "Unrecognised cache option requested", "the options are cache_mode and data_crc (lower case)");
    return false;
  }
  bool mode = name == "cache_mode";
  if (left == 0) {
    c.failAt(at, mode ? "Missing value for cache_mode" : "Missing value for data_crc",
             fmt::format("{} takes a value, counted in the option count", name));
    return false;
  }
  size_t valueAt = *args.shift();
  --left;
  std::string_view value = c.arg(valueAt);
  if (mode && value != "writeback") {
    c.failAt(valueAt, "Invalid cache mode parameter", "the only cache mode is writeback");
    return false;
  }
  if (!mode && value != "true" && value != "false") {
    c.failAt(valueAt, "Invalid data crc parameter", "data_crc is true or false");
    return false;
  }
  return true;
}

void checkPcache(TargetCheckContext& c) {
  if (c.argCount() < 2) {
    return c.failAt(c.argCount(), "Insufficient args",
                    fmt::format("pcache needs <cache_dev> <backing_dev>; {} given", c.argCount()));
  }
  ArgCursor args(c, kBackingArg + 1, c.argCount() - kBackingArg - 1);
  if (args.remaining() > 0) {
    const FeatureWordReader readWord = [&](size_t at, uint32_t& left) { return readOption(c, args, at, left); };
    if (!readFeatureGroup(args, {0, 4, "Invalid number of cache option arguments", "the option count"}, readWord))
      return;
  }
  c.referToDevice(kCacheArg);
  c.referToDevice(kBackingArg);
}

}  // namespace

extern const TargetType kTarget_pcache{
    .name = "pcache",
    .summary = "caches a device on persistent memory (DAX)",
    .usage = "<cache_dev> <backing_dev> [<#opt> [cache_mode writeback] [data_crc <true|false>]]",
    .features61 = kSingleton,
    .features72 = kSingleton,
    .queue = QueueKind::Bio,
    .check = checkPcache,
};

}  // namespace dmc
