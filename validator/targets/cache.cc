// cache: <metadata_dev> <cache_dev> <origin_dev> <block_sectors> <#features> [<feature>...]
//        <policy> <#policy_args> [<key> <value>...]
// (drivers/md/dm-cache-target.c parse_cache_args and cache_create; policies in
// dm-cache-policy-smq.c). Order: the three devices and the block size must be present,
// the block size, the features, the policy name and argument count; then, while the cache
// is created, the policy (by name) and its key/value settings. Arguments after the policy
// arguments are ignored by the kernel.
#include <array>

#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr uint64_t kMinBlockSectors = 64;       // 32 KiB
constexpr uint64_t kMaxBlockSectors = 2097152;  // 1 GiB

constexpr std::array<std::string_view, 5> kFeatures = {"writeback", "writethrough", "passthrough", "metadata2",
                                                       "no_discard_passdown"};
// The policies of dm-cache-smq, the only policy module Debian builds (the names are
// compared case-sensitively).
constexpr std::array<std::string_view, 4> kPolicies = {"smq", "mq", "cleaner", "default"};
// Old mq tunables that the mq alias still accepts (with no effect).
constexpr std::array<std::string_view, 5> kMqTunables = {"random_threshold", "sequential_threshold",
                                                         "discard_promote_adjustment", "read_promote_adjustment",
                                                         "write_promote_adjustment"};
constexpr std::string_view kConfigError = "Error setting cache policy's config values";

bool isIoMode(std::string_view name) {
  return equalsIgnoringCase(name, "writeback") || equalsIgnoringCase(name, "writethrough") ||
         equalsIgnoringCase(name, "passthrough");
}

bool isMqTunable(std::string_view key) {
  for (std::string_view tunable : kMqTunables)
    if (equalsIgnoringCase(key, tunable)) return true;
  return false;
}

// Returns the index after the features, or nullopt after a failure.
std::optional<size_t> checkFeatures(TargetCheckContext& c) {
  ArgCursor args = ArgCursor::at(c, 4);
  std::optional<size_t> firstMode, secondMode;
  const bool read = readFeatureGroup(
      args, {0, 3, "Invalid number of cache feature arguments", "the feature count"}, [&](size_t at, uint32_t& /*left*/) {
        std::string_view name = c.arg(at);
        if (isIoMode(name)) {
          if (!firstMode)
            firstMode = at;
          else if (!secondMode)
            secondMode = at;
          return true;
        }
        if (equalsIgnoringCase(name, "metadata2") || equalsIgnoringCase(name, "no_discard_passdown")) return true;
        c.failAt(at, "Unrecognised cache feature requested",
                 fmt::format("'{}' is not a cache feature; expected {}{}", name, alternatives(kFeatures),
                             didYouMean(name, kFeatures)));
        return false;
      });
  if (!read) return std::nullopt;
  if (secondMode) {
    c.failAt(*secondMode, "Duplicate cache io_mode features requested",
             fmt::format("give at most one of writeback, writethrough and passthrough; '{}' follows '{}'",
                         c.arg(*secondMode), c.arg(*firstMode)));
    return std::nullopt;
  }
  return args.position();
}

void checkPolicySettings(TargetCheckContext& c, size_t policy, uint32_t count) {
  std::string_view name = c.arg(policy);
  if (count % 2 != 0) {
    return c.failAt(
        policy + 1, kConfigError,
        fmt::format("policy arguments are <key> <value> pairs, so their count must be even; {} given", count));
  }
  bool mq = name == "mq";
  for (size_t key = policy + 2; key < policy + 2 + count; key += 2) {
    std::string_view keyText = c.arg(key);
    bool known = equalsIgnoringCase(keyText, "migration_threshold") || (mq && isMqTunable(keyText));
    if (!known) {
      std::string accepted =
          mq ? "migration_threshold, or one of the old mq tunables (accepted, no effect): " + alternatives(kMqTunables)
             : "migration_threshold";
      return c.failAt(key, kConfigError,
                      fmt::format("'{}' is not a setting of the {} policy; it accepts {}", keyText, name, accepted));
    }
    if (!ArgCursor::at(c, key + 1).kstrto(64, kConfigError, fmt::format("the value of {}", keyText))) return;
  }
}

void checkCache(TargetCheckContext& c) {
  static constexpr std::array<std::string_view, 4> kPositional = {"<metadata_dev>", "<cache_dev>", "<origin_dev>",
                                                                  "<block_sectors>"};
  if (c.argCount() < 4) {
    return c.failAt(c.argCount(), "Insufficient args",
                    fmt::format("{} is missing; cache takes <metadata_dev> <cache_dev> <origin_dev> <block_sectors> "
                                "<#features> [<feature>...] <policy> <#policy_args> [<key> <value>...]",
                                kPositional[c.argCount()]));
  }
  auto block = ArgCursor::at(c, 3).kstrto(64, "Invalid data block size", "the block size");
  if (!block) return;
  if (*block < kMinBlockSectors || *block > kMaxBlockSectors) {
    return c.failAt(3, "Invalid data block size",
                    fmt::format("the block size must be {}..{} sectors (32 KiB to 1 GiB); {} given", kMinBlockSectors,
                                kMaxBlockSectors, *block));
  }
  if (*block % kMinBlockSectors != 0) {
    return c.failAt(
        3, "Invalid data block size",
        fmt::format("the block size must be a multiple of {} sectors (32 KiB); {} is not", kMinBlockSectors, *block));
  }
  auto policy = checkFeatures(c);
  if (!policy) return;
  if (*policy >= c.argCount()) {
    return c.failAt(
        *policy, "Insufficient args",
        fmt::format("the policy name is missing here; expected {} and then <#policy_args>", alternatives(kPolicies)));
  }
  auto count =
      ArgCursor::at(c, *policy + 1).readGroup({0, 1024, "Invalid number of policy arguments", "the policy argument count"});
  if (!count) return;

  std::string_view name = c.arg(*policy);
  bool known = false;
  for (std::string_view candidate : kPolicies) known = known || name == candidate;
  if (!known) {
    return c.failAt(*policy, "Error creating cache's policy",
                    fmt::format("unknown cache policy '{}'{}; the kernel's policy module provides {} (names are "
                                "case-sensitive)",
                                name, didYouMean(name, kPolicies), alternatives(kPolicies)));
  }
  checkPolicySettings(c, *policy, *count);
  if (c.failed()) return;

  // cache_iterate_devices: the origin must hold the whole target (the cache device is
  // checked over its own full size, which always fits).
  c.useDevice(2, 0, c.length(), std::nullopt);
  c.referToDevice(0);  // metadata
  c.referToDevice(1);  // the fast cache device
  // The cache device must hold at least one data block.
  c.needDeviceArea(1, 0, *block, 3, "Data block size is larger than the cache device");
}

}  // namespace

extern const TargetType kTarget_cache{
    .name = "cache",
    .summary = "caches a slow origin on a fast device",
    .usage =
        "<metadata_dev> <cache_dev> <origin_dev> <block_sectors> <#features> [<feature>...] <policy> "
        "<#policy_args> [<key> <value>...]",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .check = checkCache,
};

}  // namespace dmc
