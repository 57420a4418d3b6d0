// mirror: <log_type> <#log_args> <log_arg>... <#mirrors> (<dev> <offset>){#mirrors} [<#features> <feature>...]
// (drivers/md/dm-raid1.c mirror_ctr; dirty logs in dm-log.c and dm-log-userspace-base.c).
// Order: the log (its type, then its own arguments; any log failure shows as "Error
// creating mirror dirty log"), the mirror count, each mirror's offset and device, the
// features, and finally no arguments may be left over.
#include <array>
#include <vector>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr std::string_view kLogError = "Error creating mirror dirty log";
constexpr size_t kDiskLogDeviceArg = 2;  // disk <#log_args> <log_dev> ...
constexpr std::array<std::string_view, 3> kLogTypes = {"core", "disk", "userspace"};
constexpr uint32_t kMaxMirrors = 9;  // DM_KCOPYD_MAX_REGIONS + 1
constexpr size_t kMaxUuidLength = 128;

// create_log_context(): [<region_size> [sync|nosync]] at `first`, `count` arguments.
void checkRegionLog(TargetCheckContext& c, size_t first, uint32_t count) {
  if (count == 2 && c.arg(first + 1) != "sync" && c.arg(first + 1) != "nosync") {
    return c.failAt(
        first + 1, kLogError,
        fmt::format("the log's last argument must be sync or nosync (lower case); '{}' given", c.arg(first + 1)));
  }
  auto region = ArgCursor::at(c, first).scan(32, kLogError, "the region size");
  if (!region) return;
  if (*region < 2 || *region > c.length() || !isPowerOfTwo(*region)) {
    return c.failAt(first, kLogError,
                    fmt::format("the region size must be a power of two of at least 2 sectors and at most the "
                                "target length ({}); {} given",
                                c.length(), *region));
  }
  uint64_t regions = c.length() / *region + (c.length() % *region != 0);
  if (regions > UINT32_MAX) {
    c.failAt(first, kLogError,
             fmt::format("{} regions of {} sectors exceed the log's limit of {} regions; use a larger region size",
                         regions, *region, UINT32_MAX));
  }
}

// dm_dirty_log_create(): the type by exact name, then the type's constructor.
void checkLog(TargetCheckContext& c, uint32_t count) {
  std::string_view type = c.arg(0);
  if (type == "core") {
    if (count < 1 || count > 2)
      return c.failAt(1, kLogError,
                      fmt::format("the core log takes 1 or 2 arguments, <region_size> [sync|nosync]; {} given", count));
    return checkRegionLog(c, 2, count);
  }
  if (type == "disk") {
    if (count < 2 || count > 3)
      return c.failAt(1, kLogError,
                      fmt::format("the disk log takes 2 or 3 arguments, <log_dev> <region_size> [sync|nosync]; {} "
                                  "given",
                                  count));
    return checkRegionLog(c, 3, count - 1);
  }
  if (type == "userspace") {
    // The rest is passed to the userspace log daemon, which only the running system has.
    if (count < 3)
      return c.failAt(1, kLogError,
                      fmt::format("the userspace log takes at least 3 arguments, <uuid> <log_type> <log_args>...; {} "
                                  "given",
                                  count));
    if (c.arg(2).size() > kMaxUuidLength)
      return c.failAt(2, kLogError,
                      fmt::format("the log uuid is {} characters; at most {}", c.arg(2).size(), kMaxUuidLength));
    return;
  }
  c.failAt(0, kLogError,
           fmt::format("unknown dirty log type '{}'{}; expected {} (case-sensitive)", type, didYouMean(type, kLogTypes),
                       alternatives(kLogTypes)));
}

// parse_features(): an optional "<#features> <feature>...", names compared case-sensitively.
// Returns the index after the features.
std::optional<size_t> checkFeatures(TargetCheckContext& c, size_t at) {
  if (at >= c.argCount()) return at;
  auto count = ArgCursor::at(c, at).scan(32, "Invalid number of features", "the feature count after the mirrors");
  if (!count) return std::nullopt;
  size_t following = c.argCount() - at - 1;
  if (*count > following) {
    c.failAt(at, "Not enough arguments to support feature count",
             fmt::format("the feature count is {} but only {} follow{}", *count,
                         countOf(following, "argument", "arguments"), following == 1 ? "s" : ""));
    return std::nullopt;
  }
  std::optional<size_t> handleErrors, keepLog;
  const FeatureWordReader readFeature = [&](size_t i, uint32_t& /*left*/) {
    if (c.arg(i) == "handle_errors") {
      handleErrors = i;
    } else if (c.arg(i) == "keep_log") {
      keepLog = i;
    } else {
      static constexpr std::array<std::string_view, 2> kFeatures = {"handle_errors", "keep_log"};
      c.failAt(i, "Unrecognised feature requested",
               fmt::format("'{}' is not a mirror feature; expected handle_errors or keep_log (case-sensitive){}",
                           c.arg(i), didYouMean(c.arg(i), kFeatures)));
      return false;
    }
    return true;
  };
  ArgCursor words(c, at + 1, *count);
  if (!readFeatureWords(words, static_cast<uint32_t>(*count), readFeature)) return std::nullopt;
  if (keepLog && !handleErrors) {
    c.failAt(*keepLog, "keep_log feature requires the handle_errors feature",
             "keep_log only works together with handle_errors; add handle_errors to the features");
    return std::nullopt;
  }
  return at + 1 + *count;
}

void checkMirror(TargetCheckContext& c) {
  if (c.argCount() < 2) {
    return c.failAt(c.argCount(), "Insufficient mirror log arguments",
                    "mirror starts with <log_type> <#log_args> (for example: core 1 1024)");
  }
  auto logArgs = ArgCursor::at(c, 1).scan(32, "Invalid mirror log argument count", "the log argument count");
  if (!logArgs) return;
  size_t following = c.argCount() - 2;
  if (*logArgs > following) {
    return c.failAt(1, "Insufficient mirror log arguments",
                    fmt::format("the log announces {} but only {} follow{}", countOf(*logArgs, "argument", "arguments"),
                                countOf(following, "argument", "arguments"), following == 1 ? "s" : ""));
  }
  checkLog(c, static_cast<uint32_t>(*logArgs));
  if (c.failed()) return;

  size_t at = 2 + *logArgs;
  auto mirrors = ArgCursor::at(c, at).read({2, kMaxMirrors, "Invalid number of mirrors", "the number of mirrors"});
  if (!mirrors) return;
  size_t pairs = c.argCount() - at - 1;
  if (pairs < 2 * static_cast<size_t>(*mirrors)) {
    return c.failAt(c.argCount(), "Too few mirror arguments",
                    fmt::format("{} mirrors need {} <dev> <offset> pairs ({} arguments); only {} follow", *mirrors,
                                *mirrors, 2 * *mirrors, pairs));
  }
  std::vector<uint64_t> offsets;
  for (uint32_t m = 0; m < *mirrors; ++m) {
    auto offset = ArgCursor::at(c, at + 2 + 2 * m).sector("Invalid offset");
    if (!offset) return;
    offsets.push_back(*offset);
  }
  auto end = checkFeatures(c, at + 1 + 2 * static_cast<size_t>(*mirrors));
  if (!end) return;
  if (*end < c.argCount()) {
    return c.failAt(*end, "Too many mirror arguments",
                    fmt::format("{} left over after the mirrors and features",
                                countOf(c.argCount() - *end, "argument is", "arguments are")));
  }
  // mirror_iterate_devices: each leg holds the whole target from its offset.
  for (uint32_t m = 0; m < *mirrors; ++m) c.useDevice(at + 1 + 2 * m, offsets[m], c.length(), at + 2 + 2 * m);
  // The disk log opens its device first; a missing one is "Error creating mirror dirty log".
  if (c.arg(0) == "disk") c.referToDevice(kDiskLogDeviceArg);
}

}  // namespace

extern const TargetType kTarget_mirror{
    .name = "mirror",
    .summary = "mirrors writes to 2..9 devices (RAID1, old)",
    .usage = "<log_type> <#log_args> <log_args...> <#mirrors> <dev> <offset>... [<#features> <feature>...]",
    .features61 = 0,
    .features72 = kAtomicWrites,
    .queue = QueueKind::Bio,
    .check = checkMirror,
};

}  // namespace dmc
