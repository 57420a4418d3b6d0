// vdo: [V<n>] <storage_dev> [<storage_4k_blocks>] <minimum_io_bytes> ... <block_map_cache_4k_blocks>
//      <block_map_era_length> ... [<key> <value>...]
// (drivers/md/dm-vdo/dm-vdo-target.c, upstream since 6.9): deduplication, compression and thin
// provisioning on one storage device.
//
// The kernel's order (parse_device_config, then vdo_initialize): the target length in whole
// 4 KiB blocks; the table version (a first argument "V<n>", 1 to 4; without one, version 0) and
// the argument count it needs (exactly 10 for V0, 12 for V1; at least 9, 7 and 6 for V2, V3 and
// V4); the storage device's name; the storage size in 4 KiB blocks (kstrtoull, V1 on); the
// logical block size (exactly "512" or "4096"); two retired read-cache fields (V0, V1); the
// block map cache and era length (kstrtouint); the retired RAID5 mode (V0-V2), write policy
// (V0-V3) and pool name (V0-V2); then the optional part: V0 and V1 one thread string
// ("." or "<type>=<n>,..."), V2 on <key> <value> pairs. Then the zone counts against each other
// and the cache against the logical zones, and the storage device is opened. Everything after
// that reads the volume's own metadata, except that an era length of 0 always fails there.
// Older versions (V0-V3) only make the kernel log a version mismatch; unknown keys and thread
// types are only logged too (dmc has no warning for either).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/kernel_number.h"
#include "validator/ctr/number_field.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr uint32_t kNewestVersion = 4;                       // TABLE_VERSION
constexpr size_t kRequiredArgs[] = {10, 12, 9, 7, 6};        // REQUIRED_ARGC, by version
constexpr uint64_t kSectorsPerBlock = 8;                     // VDO_SECTORS_PER_BLOCK
constexpr uint32_t kMaxLogicalZones = 60;                    // MAX_VDO_LOGICAL_ZONES
constexpr uint32_t kMaxPhysicalZones = 16;                   // MAX_VDO_PHYSICAL_ZONES
constexpr uint32_t kMaxThreads = 100;                        // MAXIMUM_VDO_THREADS
constexpr uint32_t kMaxBioRotationInterval = 1024;           // VDO_BIO_ROTATION_INTERVAL_LIMIT
constexpr uint32_t kMaxUserVios = 2048;                      // MAXIMUM_VDO_USER_VIOS
constexpr uint32_t kMaxDiscardBlocks = UINT32_MAX / 4096;    // blkdev_issue_discard's limit in blocks

struct ThreadCounts {
  uint32_t logical = 0;
  uint32_t physical = 0;
  uint32_t hash = 0;
  std::optional<size_t> firstZoneAt;  // where the first logical, physical or hash count was given
};

// One failure of the optional part: the constructor's message is fixed ("Invalid thread-count
// configuration"...); the kernel logs the reason separately, which dmc gives as the explanation.
struct OptionProblem {
  size_t at = 0;
  std::string reason;
};

// "V<n>": sscanf("V%u") reads the digits right after the V and ignores what follows; no
// digits means a version 0 table, whose first argument is already the storage device.
std::optional<uint32_t> readVersion(TargetCheckContext& c) {
  std::string_view first = c.arg(0);
  if (first.size() < 2 || first[0] != 'V' || first[1] < '0' || first[1] > '9') return 0u;
  std::string_view digits = first.substr(1);
  digits = digits.substr(0, digits.find_first_not_of("0123456789"));
  KernelNumber n = scanUnsigned(digits, 32);
  if (!n.ok() || n.value < 1 || n.value > kNewestVersion) {
    c.failAt(0, "Unknown version number detected",
             n.ok() ? fmt::format("the table version is {}; this kernel reads V1 to V{} (or a version 0 table, "
                                  "which has no version argument)",
                                  n.value, kNewestVersion)
                    : "the table version " + numberProblem(digits, n.status, NumberForm::Scan, 32));
    return std::nullopt;
  }
  return static_cast<uint32_t>(n.value);
}

bool checkArgumentCount(TargetCheckContext& c, uint32_t version) {
  const size_t needed = kRequiredArgs[version];
  const bool exact = version <= 1;  // V0 and V1 have no optional pairs
  if (exact ? c.argCount() == needed : c.argCount() >= needed) return true;
  c.failAt(std::min(c.argCount(), needed), "Incorrect number of arguments for version",
           fmt::format("a V{} table has {} {} arguments (the version argument included); {} given", version,
                       exact ? "exactly" : "at least", needed, c.argCount()));
  return false;
}

// process_one_thread_config_spec(): the bounds of one thread count. Unknown names are only
// logged, but a count above the general thread limit is refused before the name is looked at.
std::optional<std::string> threadCountProblem(std::string_view name, uint32_t count, ThreadCounts& threads,
                                              size_t at) {
  if (name == "bioRotationInterval") {
    if (count == 0) return std::string("'bioRotationInterval' of at least 1 is required");
    if (count > kMaxBioRotationInterval)
      return fmt::format("'bioRotationInterval' cannot be higher than {}", kMaxBioRotationInterval);
    return std::nullopt;
  }
  if (name == "logical") {
    if (count > kMaxLogicalZones) return fmt::format("at most {} 'logical' threads are allowed", kMaxLogicalZones);
    threads.logical = count;
    if (!threads.firstZoneAt) threads.firstZoneAt = at;
    return std::nullopt;
  }
  if (name == "physical") {
    if (count > kMaxPhysicalZones) return fmt::format("at most {} 'physical' threads are allowed", kMaxPhysicalZones);
    threads.physical = count;
    if (!threads.firstZoneAt) threads.firstZoneAt = at;
    return std::nullopt;
  }
  if (count > kMaxThreads) return fmt::format("at most {} '{}' threads are allowed", kMaxThreads, name);
  if (name == "hash") {
    threads.hash = count;
    if (!threads.firstZoneAt) threads.firstZoneAt = at;
  }
  if ((name == "cpu" || name == "bio") && count == 0) return fmt::format("at least one '{}' thread required", name);
  return std::nullopt;
}

// The V0/V1 thread string: "." or "<type>=<count>[,<type>=<count>...]".
std::optional<OptionProblem> readThreadString(std::string_view text, size_t at, ThreadCounts& threads) {
  if (text == ".") return std::nullopt;
  size_t from = 0;
  while (true) {
    size_t comma = text.find(',', from);
    std::string_view spec = text.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from);
    size_t equals = spec.find('=');
    if (equals == std::string_view::npos || spec.find('=', equals + 1) != std::string_view::npos)
      return OptionProblem{at, fmt::format("thread config string error: expected thread parameter assignment, saw "
                                           "\"{}\" (each part is <type>=<count>)",
                                           spec)};
    std::string_view value = spec.substr(equals + 1);
    KernelNumber count = kstrtoUnsigned(value, 32);
    if (!count.ok())
      return OptionProblem{at, fmt::format("thread config string error: integer value needed, found \"{}\"", value)};
    if (auto problem = threadCountProblem(spec.substr(0, equals), static_cast<uint32_t>(count.value), threads, at))
      return OptionProblem{at, "thread config string error: " + *problem};
    if (comma == std::string_view::npos) return std::nullopt;
    from = comma + 1;
  }
}

// parse_one_key_value_pair(): deduplication and compression take on/off; every other key
// takes a kstrtouint count, and keys the kernel does not know are only logged.
std::optional<OptionProblem> readKeyValue(TargetCheckContext& c, size_t keyAt, ThreadCounts& threads) {
  std::string_view key = c.arg(keyAt);
  std::string_view value = c.arg(keyAt + 1);
  if (key == "deduplication" || key == "compression") {
    if (value == "on" || value == "off") return std::nullopt;
    return OptionProblem{keyAt + 1, fmt::format("{} takes on or off, not '{}'", key, value)};
  }
  KernelNumber count = kstrtoUnsigned(value, 32);
  if (!count.ok())
    return OptionProblem{keyAt + 1,
                         fmt::format("optional config string error: integer value needed, found \"{}\"", value)};
  const auto n = static_cast<uint32_t>(count.value);
  if (key == "maxDiscard") {
    if (n == 0) return OptionProblem{keyAt + 1, "optional parameter error: at least one max discard block required"};
    if (n > kMaxDiscardBlocks)
      return OptionProblem{keyAt + 1, fmt::format("optional parameter error: at most {} max discard blocks are allowed",
                                                  kMaxDiscardBlocks)};
    return std::nullopt;
  }
  if (auto problem = threadCountProblem(key, n, threads, keyAt + 1))
    return OptionProblem{keyAt + 1, "thread config string error: " + *problem};
  return std::nullopt;
}

bool readOptionalPart(TargetCheckContext& c, uint32_t version, size_t first, ThreadCounts& threads) {
  if (version <= 1) {
    if (auto problem = readThreadString(c.arg(first), first, threads)) {
      c.failAt(problem->at, "Invalid thread-count configuration", problem->reason);
      return false;
    }
    return true;
  }
  if ((c.argCount() - first) % 2 != 0) {
    c.failAt(c.argCount() - 1, "Odd number of optional arguments given but they should be <key> <value> pairs",
             fmt::format("{} optional arguments follow the era length; the last has no value", c.argCount() - first));
    return false;
  }
  for (size_t key = first; key < c.argCount(); key += 2) {
    if (auto problem = readKeyValue(c, key, threads)) {
      c.failAt(problem->at, "Invalid optional argument configuration", problem->reason);
      return false;
    }
  }
  return true;
}

bool checkZones(TargetCheckContext& c, const ThreadCounts& threads, uint32_t cacheBlocks, size_t cacheAt) {
  if ((threads.logical == 0) != (threads.physical == 0) || (threads.physical == 0) != (threads.hash == 0)) {
    c.failAt(threads.firstZoneAt.value_or(c.argCount() - 1),
             "Logical, physical, and hash zones counts must all be zero or all non-zero",
             fmt::format("logical={}, physical={}, hash={}", threads.logical, threads.physical, threads.hash));
    return false;
  }
  const uint64_t needed = 2ull * kMaxUserVios * threads.logical;
  if (cacheBlocks < needed) {
    c.failAt(cacheAt, "Insufficient block map cache for logical zones",
             fmt::format("{} logical zones need a block map cache of at least {} 4 KiB blocks (2 x {} a zone); "
                         "it is {}",
                         threads.logical, needed, kMaxUserVios, cacheBlocks));
    return false;
  }
  return true;
}

// The positional fields after the version, where each version has them.
struct FixedFields {
  size_t storageAt = 0;
  std::optional<uint64_t> physicalBlocks;  // V0: none, the whole device
  std::optional<size_t> physicalAt;
  uint32_t logicalBlockSize = 4096;
  uint32_t cacheBlocks = 0;
  size_t cacheAt = 0;
  uint32_t eraLength = 0;
  size_t eraAt = 0;
  size_t optionalAt = 0;  // the first argument of the optional part
};

std::optional<FixedFields> readFixedFields(TargetCheckContext& c, uint32_t version) {
  FixedFields f;
  size_t at = version >= 1 ? 1 : 0;
  f.storageAt = at++;
  if (version >= 1) {
    f.physicalAt = at;
    f.physicalBlocks =
        ArgCursor::at(c, at++).kstrto(64, "Invalid physical block count", "the storage size (4 KiB blocks)");
    if (!f.physicalBlocks) return std::nullopt;
  }
  if (c.arg(at) != "512" && c.arg(at) != "4096") {
    c.failAt(at, "Invalid logical block size", fmt::format("minimum_io_bytes is 512 or 4096, not '{}'", c.arg(at)));
    return std::nullopt;
  }
  f.logicalBlockSize = c.arg(at++) == "512" ? 512 : 4096;
  if (version <= 1) at += 2;  // the retired read cache fields
  f.cacheAt = at;
  auto cache = ArgCursor::at(c, at++).kstrto(32, "Invalid block map page cache size",
                                            "the block map cache (4 KiB blocks)");
  if (!cache) return std::nullopt;
  f.eraAt = at;
  auto era = ArgCursor::at(c, at++).kstrto(32, "Invalid block map maximum age", "the block map era length");
  if (!era) return std::nullopt;
  if (version <= 2) ++at;  // the retired RAID5 mode
  if (version <= 3) ++at;  // the retired write policy
  if (version <= 2) ++at;  // the retired pool name
  f.cacheBlocks = static_cast<uint32_t>(*cache);
  f.eraLength = static_cast<uint32_t>(*era);
  f.optionalAt = at;
  return f;
}

// iterate_devices: the storage area is the first <storage_4k_blocks> blocks (V0: the whole
// device, whatever its size).
void useStorage(TargetCheckContext& c, const FixedFields& f) {
  if (!f.physicalBlocks) return c.referToDevice(f.storageAt);
  const uint64_t sectors =
      *f.physicalBlocks > UINT64_MAX / kSectorsPerBlock ? UINT64_MAX : *f.physicalBlocks * kSectorsPerBlock;
  c.useDevice(f.storageAt, 0, sectors, f.physicalAt);
}

void checkVdo(TargetCheckContext& c) {
  if (c.length() % kSectorsPerBlock != 0) {
    return c.failAtType("Logical size must be a multiple of 4096",
                        fmt::format("the target is {} sectors; vdo maps whole 4 KiB blocks (multiples of 8 sectors)",
                                    c.length()));
  }
  if (c.argCount() == 0)
    return c.failAtEnd("Incorrect number of arguments",
                       "vdo takes V4 <storage_dev> <storage_4k_blocks> <minimum_io_bytes> "
                       "<block_map_cache_4k_blocks> <block_map_era_length> [<key> <value>...]");
  auto version = readVersion(c);
  if (!version || !checkArgumentCount(c, *version)) return;
  auto fields = readFixedFields(c, *version);
  if (!fields) return;
  ThreadCounts threads;
  if (!readOptionalPart(c, *version, fields->optionalAt, threads)) return;
  if (!checkZones(c, threads, fields->cacheBlocks, fields->cacheAt)) return;
  // The kernel opens the storage device first, then fails loading the volume.
  if (fields->eraLength == 0) {
    return c.failAt(fields->eraAt, "Cannot load metadata from device",
                    "the block map era length is 0; loading the volume fails (\"maximum age must be greater than 0\")");
  }
  useStorage(c, *fields);
  // vdo_io_hints: the device's logical block size is minimum_io_bytes, whatever the storage's
  // (512 emulates small blocks on a 4 KiB disk).
  c.replaceLogicalBlockSize(fields->logicalBlockSize);
}

}  // namespace

extern const TargetType kTarget_vdo{
    .name = "vdo",
    .summary = "deduplicates and compresses blocks on one storage device (dm-vdo)",
    .usage = "V4 <storage_dev> <storage_4k_blocks> <minimum_io_bytes> <block_map_cache_4k_blocks> "
             "<block_map_era_length> [<key> <value>...]",
    .features61 = 0,
    .features72 = kSingleton,
    .queue = QueueKind::Bio,
    .check = checkVdo,
};

}  // namespace dmc
