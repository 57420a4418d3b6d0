// raid: <raid_type> <#raid_params> <chunk_sectors> [<param> [<value>]]... <#raid_devs> (<meta_dev|-> <data_dev|->)...
// (drivers/md/dm-raid.c: raid_ctr, parse_raid_params, parse_dev_params,
// rs_set_dev_and_array_sectors). The check walks the arguments with one cursor exactly as
// the kernel's dm_arg_set does, so a parameter count that does not match the parameters
// leads to the same misreading (and the same first error) as in the kernel. Then what md
// refuses to run (validator/raid_redundancy.h): too few devices for raid6, more
// missing or rebuilding devices than the level survives. Everything that needs existing
// superblocks (takeover, reshape) is left to the kernel.
#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "validator/raid_redundancy.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/arg_text.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr uint32_t kMaxRaidDevices = 253;
constexpr int64_t kMinFreeReshapeSpace = 32;  // to_sector(4 * 4096)
constexpr int64_t kPageSectors = 8;           // to_sector(PAGE_SIZE)
constexpr int64_t kCounterMax = 16383;        // md-bitmap COUNTER_MAX (6.1 max_write_behind bound)
constexpr int64_t kMinJournalSectors = 8192;  // MIN_RAID456_JOURNAL_SPACE (4 MiB)
constexpr uint32_t kMinRaid6Devices = 4;      // raid5.c setup_conf for level 6
constexpr const char* kComponentTooSmallText = "Component device(s) too small";
constexpr const char* kJournalTooSmallText = "No space for raid4/5/6 journal";
constexpr std::string_view kFailedToRunText = "Failed to run raid array";

struct RaidType {
  std::string_view name;
  uint32_t parity;
  uint32_t minDevs;
  uint32_t level;  // raid4 runs as level 5 (parity on the first disk)
};

constexpr std::array<RaidType, 20> kRaidTypes = {{
    {"raid0", 0, 2, 0},        {"raid1", 0, 2, 1},      {"raid10_far", 0, 2, 10}, {"raid10_offset", 0, 2, 10},
    {"raid10_near", 0, 2, 10}, {"raid10", 0, 2, 10},    {"raid4", 1, 2, 5},       {"raid5_n", 1, 2, 5},
    {"raid5_ls", 1, 2, 5},     {"raid5_rs", 1, 2, 5},   {"raid5_la", 1, 2, 5},    {"raid5_ra", 1, 2, 5},
    {"raid6_zr", 2, 4, 6},     {"raid6_nr", 2, 4, 6},   {"raid6_nc", 2, 4, 6},    {"raid6_n_6", 2, 4, 6},
    {"raid6_ls_6", 2, 4, 6},   {"raid6_rs_6", 2, 4, 6}, {"raid6_la_6", 2, 4, 6},  {"raid6_ra_6", 2, 4, 6},
}};

// The constructor flags of dm-raid.c, same bit order.
enum Flag : uint32_t {
  kSync,
  kNosync,
  kRebuild,
  kDaemonSleep,
  kMinRecoveryRate,
  kMaxRecoveryRate,
  kMaxWriteBehind,
  kWriteMostly,
  kStripeCache,
  kRegionSize,
  kRaid10Copies,
  kRaid10Format,
  kDeltaDisks,
  kDataOffset,
  kRaid10UseNearSets,
  kJournalDev,
  kJournalMode,
  kFlagCount
};

// The table's names of those flags (parameters), in the same order.
constexpr std::array<std::string_view, kFlagCount> kFlagNames = {
    "sync",
    "nosync",
    "rebuild",
    "daemon_sleep",
    "min_recovery_rate",
    "max_recovery_rate",
    "max_write_behind",
    "write_mostly",
    "stripe_cache",
    "region_size",
    "raid10_copies",
    "raid10_format",
    "delta_disks",
    "data_offset",
    "raid10_use_near_sets",
    "journal_dev",
    "journal_mode",
};

constexpr uint32_t bit(Flag f) { return 1u << f; }

constexpr uint32_t kAnySync = bit(kSync) | bit(kNosync);
constexpr uint32_t kRaid0Valid = bit(kDataOffset);
constexpr uint32_t kRaid1Valid = kAnySync | bit(kRebuild) | bit(kWriteMostly) | bit(kDaemonSleep) |
                                 bit(kMinRecoveryRate) | bit(kMaxRecoveryRate) | bit(kMaxWriteBehind) |
                                 bit(kRegionSize) | bit(kDeltaDisks) | bit(kDataOffset);
constexpr uint32_t kRaid10Valid = kAnySync | bit(kRebuild) | bit(kDaemonSleep) | bit(kMinRecoveryRate) |
                                  bit(kMaxRecoveryRate) | bit(kRegionSize) | bit(kRaid10Copies) | bit(kRaid10Format) |
                                  bit(kDeltaDisks) | bit(kDataOffset) | bit(kRaid10UseNearSets);
constexpr uint32_t kRaid45Valid = kAnySync | bit(kRebuild) | bit(kDaemonSleep) | bit(kMinRecoveryRate) |
                                  bit(kMaxRecoveryRate) | bit(kStripeCache) | bit(kRegionSize) | bit(kDeltaDisks) |
                                  bit(kDataOffset) | bit(kJournalDev) | bit(kJournalMode);
constexpr uint32_t kRaid6Valid = kRaid45Valid & ~bit(kNosync);

enum class Raid10Format { Default, Near, Offset, Far };

class RaidCheck {
 public:
  explicit RaidCheck(TargetCheckContext& c) : c_(c), args_(c) {}
  void run();

 private:
  bool readHeader();
  bool parseParams();
  bool parseChunk();
  bool parseParam(uint64_t& i);
  bool parseNumber(size_t keyAt, size_t valueAt, int32_t value);
  bool checkParamsTogether();
  bool parseDevices();
  bool checkSize();
  bool checkAssembly();
  bool checkMdRun();
  Raid10Geometry raid10Geometry() const;

  bool fail(size_t index, std::string_view kernelText, const std::string& explanation) {
    c_.failAt(index, kernelText, explanation + hint_);
    return false;
  }
  bool failEnd(std::string_view kernelText, const std::string& explanation) {
    c_.failAtEnd(kernelText, explanation + hint_);
    return false;
  }
  // test_and_set_bit() on a flag that may appear once: false (and the failure) if it was set.
  bool once(Flag flag, size_t keyAt, std::string_view kernelText) {
    if (flags_ & bit(flag))
      return fail(keyAt, kernelText, fmt::format("'{}' may be given only once", kFlagNames[flag]));
    flags_ |= bit(flag);
    flagAt_[flag] = keyAt;
    return true;
  }
  bool has(Flag flag) const { return (flags_ & bit(flag)) != 0; }
  bool isRaid1() const { return type_->level == 1; }
  bool isRaid10() const { return type_->level == 10; }
  bool isRaid456() const { return type_->level >= 4 && type_->level <= 6; }
  uint32_t validFlags() const;

  TargetCheckContext& c_;
  const RaidType* type_ = nullptr;
  ArgCursor args_;  // the constructor's dm_arg_set
  uint32_t numParams_ = 0;
  size_t devsAt_ = 0;  // where #raid_devs really is
  uint32_t devs_ = 0;
  std::string hint_;  // appended to explanations once the kernel misreads the line

  uint32_t flags_ = 0;
  std::array<size_t, kFlagCount> flagAt_{};
  uint32_t chunk_ = 0;
  std::vector<bool> rebuild_;
  uint32_t writeMostly_ = 0;
  size_t lastWriteMostlyAt_ = 0;
  int32_t minRate_ = 0, maxRate_ = 0;
  uint32_t regionSize_ = 0;
  size_t regionAt_ = 0;
  Raid10Format format_ = Raid10Format::Default;
  uint32_t copies_ = 2;
  int32_t deltaDisks_ = 0;
  int32_t dataOffset_ = 0;
  std::vector<size_t> dataDevices_;
  std::vector<bool> missing_;  // '-' data devices ("- -")
  size_t metadataDevices_ = 0;
};

uint32_t RaidCheck::validFlags() const {
  switch (type_->level) {
    case 0: return kRaid0Valid;
    case 1: return kRaid1Valid;
    case 10: return kRaid10Valid;
    case 6: return kRaid6Valid;
    default: return kRaid45Valid;
  }
}

bool RaidCheck::readHeader() {
  if (c_.argCount() == 0) {
    return failEnd("No arguments",
                   "raid takes <raid_type> <#raid_params> <chunk_sectors> [<param>...] <#raid_devs> "
                   "(<meta_dev|-> <data_dev|->)...");
  }
  for (const RaidType& t : kRaidTypes)
    if (equalsIgnoringCase(c_.arg(0), t.name)) type_ = &t;
  if (type_ == nullptr) {
    std::vector<std::string_view> names;
    for (const RaidType& t : kRaidTypes) names.push_back(t.name);
    return fail(0, "Unrecognised raid_type",
                fmt::format("'{}' is not a raid type{}; expected one of {}", c_.arg(0), didYouMean(c_.arg(0), names),
                            alternatives(names)));
  }
  args_.shift();
  auto params = args_.readGroup(
      {0, static_cast<uint32_t>(c_.argCount()), "Cannot understand number of raid parameters", "#raid_params"});
  if (!params) return false;
  numParams_ = *params;

  // The device count is read where #raid_params says it is; the pairs after it bound it.
  constexpr std::string_view kDevsText = "Cannot understand number of raid devices parameters";
  devsAt_ = 2 + numParams_;
  if (devsAt_ >= c_.argCount()) return failEnd(kDevsText, "<#raid_devs> is missing here");
  size_t following = c_.argCount() - devsAt_ - 1;
  auto maxDevs = static_cast<uint32_t>(following / 2);
  ArgCursor devsArgs = args_;  // the kernel's as_nrd: a copy of the set, past the parameters
  devsArgs.consume(numParams_);
  auto devs = devsArgs.read({0, UINT32_MAX, kDevsText, "#raid_devs"});
  if (!devs) return false;
  if (*devs == 0) return fail(devsAt_, kDevsText, "#raid_devs must be at least 1");
  if (*devs > maxDevs) {
    return fail(devsAt_, kDevsText,
                fmt::format("#raid_devs is {} but the {} after it hold only {} <meta_dev> <data_dev> pair{}", *devs,
                            countOf(following, "argument", "arguments"), maxDevs, maxDevs == 1 ? "" : "s"));
  }
  devs_ = *devs;
  if (devs_ > kMaxRaidDevices) {
    return fail(devsAt_, "Invalid number of supplied raid devices",
                fmt::format("md-raid takes at most {} devices; {} given", kMaxRaidDevices, devs_));
  }
  if (devs_ <= type_->parity) {
    return fail(
        devsAt_, "Insufficient number of devices",
        fmt::format("{} keeps {} on {} of its devices, so it needs more than {}; {} given", type_->name,
                    type_->parity == 1 ? "parity" : "parity and Q syndrome", type_->parity, type_->parity, devs_));
  }
  rebuild_.assign(devs_, false);
  if (numParams_ == 0) {
    hint_ =
        "; note that #raid_params is 0, yet the kernel always reads a <chunk_sectors> and then keeps reading "
        "parameters, so such a line never loads (count the chunk size: #raid_params is at least 1)";
  }
  return true;
}

bool RaidCheck::parseChunk() {
  size_t at = *args_.shift();  // readHeader found #raid_devs at or after it
  auto value = readKstrtoInt(c_.arg(at));
  if (!value) {
    return fail(at, "Bad numerical argument given for chunk_size",
                fmt::format("the chunk size '{}' is not a decimal number that fits a signed 32-bit int", c_.arg(at)));
  }
  if (isRaid1()) return true;  // "Ignoring chunk size parameter for RAID 1"
  if (*value <= 0 || !isPowerOfTwo(static_cast<uint64_t>(*value))) {
    return fail(at, "Chunk size must be a power of 2",
                fmt::format("{} needs a chunk size that is a power of two (in sectors, at least 8); {} given",
                            type_->name, *value));
  }
  if (*value < 8) {
    return fail(at, "Chunk size value is too small",
                fmt::format("the chunk size must be at least 8 sectors (4 KiB); {} given", *value));
  }
  chunk_ = static_cast<uint32_t>(*value);
  return true;
}

bool RaidCheck::parseParams() {
  if (!parseChunk()) return false;
  // num_raid_params - 1 (unsigned): with 0 parameters the kernel's loop never ends by count.
  uint64_t remaining = numParams_ == 0 ? UINT32_MAX : numParams_ - 1;
  for (uint64_t i = 0; i < remaining; ++i)
    if (!parseParam(i)) return false;
  return checkParamsTogether();
}

bool RaidCheck::parseParam(uint64_t& i) {
  std::optional<size_t> keyIndex = args_.shift();
  if (!keyIndex) return failEnd("Not enough raid parameters given", "a raid parameter is missing here");
  size_t keyAt = *keyIndex;
  std::string_view key = c_.arg(keyAt);
  if (equalsIgnoringCase(key, "nosync")) return once(kNosync, keyAt, "Only one 'nosync' argument allowed");
  if (equalsIgnoringCase(key, "sync")) return once(kSync, keyAt, "Only one 'sync' argument allowed");
  if (equalsIgnoringCase(key, "raid10_use_near_sets"))
    return once(kRaid10UseNearSets, keyAt, "Only one 'raid10_use_new_sets' argument allowed");

  std::optional<size_t> valueIndex = args_.shift();
  if (!valueIndex) {
    ++i;
    return failEnd("Wrong number of raid parameters given", fmt::format("'{}' needs a value here", key));
  }
  size_t valueAt = *valueIndex;
  ++i;
  std::string_view value = c_.arg(valueAt);

  if (equalsIgnoringCase(key, "raid10_format")) {
    if (!once(kRaid10Format, keyAt, "Only one 'raid10_format' argument pair allowed")) return false;
    if (!isRaid10())
      return fail(keyAt, "'raid10_format' is an invalid parameter for this RAID type",
                  fmt::format("raid10_format only applies to raid10 types, not {}", type_->name));
    if (equalsIgnoringCase(value, "near"))
      format_ = Raid10Format::Near;
    else if (equalsIgnoringCase(value, "offset"))
      format_ = Raid10Format::Offset;
    else if (equalsIgnoringCase(value, "far"))
      format_ = Raid10Format::Far;
    else
      return fail(valueAt, "Invalid 'raid10_format' value given",
                  fmt::format("raid10_format must be near, far or offset; '{}' given", value));
    return true;
  }
  if (equalsIgnoringCase(key, "journal_dev")) {
    if (!once(kJournalDev, keyAt, "Only one raid4/5/6 set journaling device allowed")) return false;
    if (!isRaid456())
      return fail(keyAt, "'journal_dev' is an invalid parameter for this RAID type",
                  fmt::format("a journal device only applies to raid4/5/6, not {}", type_->name));
    // The constructor opens it and wants at least 4 MiB of it.
    c_.needDeviceArea(valueAt, 0, kMinJournalSectors, valueAt, kJournalTooSmallText);
    return true;
  }
  if (equalsIgnoringCase(key, "journal_mode")) {
    if (!has(kJournalDev))
      return fail(keyAt, "raid4/5/6 'journal_mode' is invalid without 'journal_dev'",
                  "give journal_dev <dev> before journal_mode");
    if (!once(kJournalMode, keyAt, "Only one raid4/5/6 'journal_mode' argument allowed")) return false;
    if (!equalsIgnoringCase(value, "writethrough") && !equalsIgnoringCase(value, "writeback"))
      return fail(valueAt, "Invalid 'journal_mode' argument",
                  fmt::format("journal_mode must be writethrough or writeback; '{}' given", value));
    return true;
  }
  auto number = readKstrtoInt(value);
  if (!number) {
    bool knownKey = false;
    for (std::string_view name : kFlagNames) knownKey = knownKey || equalsIgnoringCase(key, name);
    std::vector<std::string_view> names(kFlagNames.begin(), kFlagNames.end());
    std::string unknown =
        knownKey ? "" : fmt::format(" ('{}' is not a raid parameter either{})", key, didYouMean(key, names));
    return fail(valueAt, "Bad numerical argument given in raid params",
                fmt::format("the value of '{}' must be a decimal number that fits a signed 32-bit int; '{}' given{}",
                            key, value, unknown));
  }
  return parseNumber(keyAt, valueAt, *number);
}

bool RaidCheck::parseNumber(size_t keyAt, size_t valueAt, int32_t value) {
  std::string_view key = c_.arg(keyAt);
  auto outOfRange = [&](std::string_view kernelText, const std::string& expected) {
    return fail(valueAt, kernelText, fmt::format("{} must be {}; {} given", key, expected, value));
  };
  if (equalsIgnoringCase(key, "rebuild")) {
    if (value < 0 || static_cast<uint32_t>(value) >= devs_)
      return outOfRange("Invalid rebuild index given", fmt::format("a device index, 0..{}", devs_ - 1));
    if (rebuild_[value])
      return fail(valueAt, "rebuild for this index already given",
                  fmt::format("device {} is already marked for rebuild", value));
    rebuild_[value] = true;
    if (!has(kRebuild)) flagAt_[kRebuild] = keyAt;
    flags_ |= bit(kRebuild);
    return true;
  }
  if (equalsIgnoringCase(key, "write_mostly")) {
    if (!isRaid1())
      return fail(keyAt, "write_mostly option is only valid for RAID1",
                  fmt::format("write_mostly only applies to raid1, not {}", type_->name));
    if (value < 0 || static_cast<uint32_t>(value) >= devs_)
      return outOfRange("Invalid write_mostly index given", fmt::format("a device index, 0..{}", devs_ - 1));
    ++writeMostly_;
    lastWriteMostlyAt_ = keyAt;
    if (!has(kWriteMostly)) flagAt_[kWriteMostly] = keyAt;
    flags_ |= bit(kWriteMostly);
    return true;
  }
  if (equalsIgnoringCase(key, "max_write_behind")) {
    if (!isRaid1())
      return fail(keyAt, "max_write_behind option is only valid for RAID1",
                  fmt::format("max_write_behind only applies to raid1, not {}", type_->name));
    if (!once(kMaxWriteBehind, keyAt, "Only one max_write_behind argument pair allowed")) return false;
    if (!c_.has(KernelFeature::RaidUnboundedWriteBehind) && (value < 0 || value / 2 > kCounterMax))
      return outOfRange("Max write-behind limit out of range", fmt::format("0..{} sectors", 2 * kCounterMax + 1));
    if (value < 0) return outOfRange("Max write-behind limit out of range", "0 or more sectors");
    return true;
  }
  if (equalsIgnoringCase(key, "daemon_sleep")) {
    if (!once(kDaemonSleep, keyAt, "Only one daemon_sleep argument pair allowed")) return false;
    if (value < 0) return outOfRange("daemon sleep period out of range", "0 or more milliseconds");
    return true;
  }
  if (equalsIgnoringCase(key, "data_offset")) {
    if (!once(kDataOffset, keyAt, "Only one data_offset argument pair allowed")) return false;
    if (value < 0 || (value != 0 && (value < kMinFreeReshapeSpace || value % kPageSectors != 0)))
      return outOfRange("Bogus data_offset value", fmt::format("0, or at least {} sectors and a multiple of {}",
                                                               kMinFreeReshapeSpace, kPageSectors));
    dataOffset_ = value;
    return true;
  }
  if (equalsIgnoringCase(key, "delta_disks")) {
    if (!once(kDeltaDisks, keyAt, "Only one delta_disks argument pair allowed")) return false;
    int64_t magnitude = std::llabs(static_cast<int64_t>(value));
    int64_t limit = static_cast<int64_t>(kMaxRaidDevices) - type_->minDevs;
    if (magnitude < 1 || magnitude > limit)
      return outOfRange("Too many delta_disk requested", fmt::format("-{0}..-1 or 1..{0} for {1}", limit, type_->name));
    deltaDisks_ = value;
    return true;
  }
  if (equalsIgnoringCase(key, "stripe_cache")) {
    if (!once(kStripeCache, keyAt, "Only one stripe_cache argument pair allowed")) return false;
    if (!isRaid456())
      return fail(keyAt, "Inappropriate argument: stripe_cache",
                  fmt::format("stripe_cache only applies to raid4/5/6, not {}", type_->name));
    if (value < 0) return outOfRange("Bogus stripe cache entries value", "0 or more");
    return true;
  }
  if (equalsIgnoringCase(key, "min_recovery_rate")) {
    if (!once(kMinRecoveryRate, keyAt, "Only one min_recovery_rate argument pair allowed")) return false;
    if (value < 0) return outOfRange("min_recovery_rate out of range", "0 or more (KiB/s per device)");
    minRate_ = value;
    return true;
  }
  if (equalsIgnoringCase(key, "max_recovery_rate")) {
    if (!once(kMaxRecoveryRate, keyAt, "Only one max_recovery_rate argument pair allowed")) return false;
    if (value < 0) return outOfRange("max_recovery_rate out of range", "0 or more (KiB/s per device)");
    maxRate_ = value;
    return true;
  }
  if (equalsIgnoringCase(key, "region_size")) {
    if (!once(kRegionSize, keyAt, "Only one region_size argument pair allowed")) return false;
    regionSize_ = static_cast<uint32_t>(value);  // an unsigned int in the kernel
    regionAt_ = valueAt;
    return true;
  }
  if (equalsIgnoringCase(key, "raid10_copies")) {
    if (!once(kRaid10Copies, keyAt, "Only one raid10_copies argument pair allowed")) return false;
    if (value < 2 || static_cast<uint32_t>(value) > devs_)
      return outOfRange("Bad value for 'raid10_copies'", fmt::format("2..{} (the number of devices)", devs_));
    copies_ = static_cast<uint32_t>(value);
    return true;
  }
  std::vector<std::string_view> names(kFlagNames.begin(), kFlagNames.end());
  return fail(keyAt, "Unable to parse RAID parameter",
              fmt::format("'{}' is not a raid parameter{}", key, didYouMean(key, names)));
}

bool RaidCheck::checkParamsTogether() {
  if (has(kSync) && has(kNosync)) {
    return fail(std::max(flagAt_[kSync], flagAt_[kNosync]), "sync and nosync are mutually exclusive",
                "give either sync or nosync, not both");
  }
  if (has(kRebuild) && (has(kSync) || has(kNosync))) {
    return fail(flagAt_[has(kSync) ? kSync : kNosync], "sync/nosync and rebuild are mutually exclusive",
                "rebuilding a device already decides what is resynchronised; drop sync/nosync");
  }
  if (writeMostly_ >= devs_) {
    return fail(lastWriteMostlyAt_, "Can't set all raid1 devices to write_mostly",
                fmt::format("{} write_mostly marks for {}: at least one device must stay normal", writeMostly_,
                            countOf(devs_, "device", "devices")));
  }
  if (maxRate_ != 0 && minRate_ > maxRate_) {
    return fail(flagAt_[kMinRecoveryRate], "Bogus recovery rates",
                fmt::format("min_recovery_rate {} is above max_recovery_rate {}", minRate_, maxRate_));
  }
  if (type_->level != 0 && regionSize_ != 0) {
    uint64_t length = c_.length();
    uint64_t minimum = length >> 21;
    if (regionSize_ > length)
      return fail(regionAt_, "Supplied region size is too large",
                  fmt::format("the region size {} is larger than the target ({} sectors)", regionSize_, length));
    if (regionSize_ < minimum)
      return fail(regionAt_, "Supplied region size is too small",
                  fmt::format("the bitmap has at most 2^21 regions, so {} sectors need a region size of at least {}; "
                              "{} given",
                              length, minimum, regionSize_));
    if (!isPowerOfTwo(regionSize_))
      return fail(regionAt_, "Region size is not a power of 2",
                  fmt::format("the region size must be a power of two (in sectors); {} is not", regionSize_));
    if (regionSize_ < chunk_)
      return fail(regionAt_, "Region size is smaller than the chunk size",
                  fmt::format("the region size {} must be at least the chunk size {}", regionSize_, chunk_));
  }
  if (isRaid10()) {
    if (copies_ > devs_)
      return fail(devsAt_, "Not enough devices to satisfy specification",
                  fmt::format("raid10 keeps {} copies of the data but has only {}", copies_,
                              countOf(devs_, "device", "devices")));
    bool near = format_ == Raid10Format::Default || format_ == Raid10Format::Near;
    if (near && has(kRaid10UseNearSets))
      return fail(flagAt_[kRaid10UseNearSets], "RAID10 format 'near' and 'raid10_use_near_sets' are incompatible",
                  "raid10_use_near_sets applies to the far and offset formats only (the default format is near)");
  }
  uint32_t invalid = flags_ & ~validFlags();
  if (invalid != 0) {
    std::optional<size_t> first;
    for (uint32_t f = 0; f < kFlagCount; ++f)
      if (invalid & (1u << f)) first = first ? std::min(*first, flagAt_[f]) : flagAt_[f];
    std::vector<std::string_view> accepted;
    for (uint32_t f = 0; f < kFlagCount; ++f)
      if (validFlags() & (1u << f)) accepted.push_back(kFlagNames[f]);
    return fail(*first, "Invalid flags combination",
                fmt::format("'{}' cannot be used with {}, which accepts only {}", c_.arg(*first), type_->name,
                            alternatives(accepted)));
  }
  return true;
}

bool RaidCheck::parseDevices() {
  if (args_.position() != devsAt_ && hint_.empty()) {
    hint_ = fmt::format(
        "; note that the parameters took {} more than #raid_params ({}) announced, so the "
        "kernel reads the device list from a shifted position",
        countOf(args_.position() - devsAt_, "argument", "arguments"), numParams_);
  }
  auto missing = [&](std::string_view what) {
    return failEnd("Unknown error",
                   fmt::format("{} is missing here; the kernel gives no message of its own for this", what));
  };
  if (!args_.shift()) return missing("<#raid_devs>");
  missing_.assign(devs_, false);
  for (uint32_t i = 0; i < devs_; ++i) {
    std::optional<size_t> meta = args_.shift();
    if (!meta) return missing(fmt::format("the <meta_dev> of device {}", i));
    std::optional<size_t> data = args_.shift();
    if (!data) return missing(fmt::format("the <data_dev> of device {}", i));
    size_t metaAt = *meta, dataAt = *data;
    // parse_dev_params opens each metadata device ("RAID metadata device lookup failure").
    if (c_.arg(metaAt) != "-") {
      c_.referToDevice(metaAt);
      ++metadataDevices_;
    }
    if (c_.arg(dataAt) != "-") {
      dataDevices_.push_back(dataAt);
      continue;
    }
    missing_[i] = true;
    if (rebuild_[i])
      return fail(dataAt, "Drive designated for rebuild not specified",
                  fmt::format("device {} is marked for rebuild, so it needs a data device, not '-'", i));
    if (c_.arg(metaAt) != "-")
      return fail(dataAt, "No data device supplied with metadata device",
                  fmt::format("device {} has the metadata device '{}' but no data device; use '- -' for a missing "
                              "device",
                              i, c_.arg(metaAt)));
  }
  return true;
}

bool RaidCheck::checkSize() {
  uint64_t length = c_.length();
  uint32_t dataStripes = devs_ - type_->parity;
  uint64_t devSectors = length;
  auto notDivisible = [&](const std::string& why) {
    c_.failAtType("Target length not divisible by number of data devices", why + hint_);
    return false;
  };
  if (isRaid10()) {
    if (deltaDisks_ < 0)
      return fail(flagAt_[kDeltaDisks], "Bogus raid10 data copies or delta disks",
                  "raid10 cannot remove devices: delta_disks must not be negative");
    devSectors = length * copies_;
    if (devSectors % dataStripes != 0)
      return notDivisible(
          fmt::format("raid10 stores {} copies over {}, so length × copies ({} × {}) must be a "
                      "multiple of {}",
                      copies_, countOf(devs_, "device", "devices"), length, copies_, devs_));
    devSectors /= dataStripes;
    // The grown size; newer kernels leave out the reshape space (data_offset), 6.1 may or may not.
    uint64_t withReshape = (dataStripes + static_cast<uint64_t>(deltaDisks_)) * (devSectors - dataOffset_);
    uint64_t withoutReshape = (dataStripes + static_cast<uint64_t>(deltaDisks_)) * devSectors;
    bool bad = c_.has(KernelFeature::Raid10CopiesWithReshape)
                   ? withReshape % copies_ != 0
                   : withReshape % copies_ != 0 && withoutReshape % copies_ != 0;
    if (bad)
      return notDivisible(fmt::format("with delta_disks {} the grown raid10 size is not a multiple of its {} copies",
                                      deltaDisks_, copies_));
  } else if (!isRaid1()) {
    if (length % dataStripes != 0) {
      std::string layout = type_->parity == 0
                               ? fmt::format("{} stripes over {}", type_->name, countOf(devs_, "device", "devices"))
                               : fmt::format("{} with {} has {} data devices ({} for parity)", type_->name,
                                             countOf(devs_, "device", "devices"), dataStripes, type_->parity);
      return notDivisible(fmt::format("{}; the length {} is not a multiple of {}", layout, length, dataStripes));
    }
    devSectors = length / dataStripes;
  }
  // raid_iterate_devices: each data device holds dev_sectors from its start.
  for (size_t at : dataDevices_) c_.useDevice(at, 0, devSectors, std::nullopt, kComponentTooSmallText);
  return true;
}

Raid10Geometry RaidCheck::raid10Geometry() const {
  bool near = format_ == Raid10Format::Default || format_ == Raid10Format::Near;
  return near ? Raid10Geometry{copies_, 1} : Raid10Geometry{1, copies_};
}

// After the sizes: the superblocks (when there are metadata devices), then the device size
// taken from the first data device.
bool RaidCheck::checkAssembly() {
  if (dataDevices_.empty()) {
    c_.failAtType("Invalid rdev size",
                  fmt::format("all {} are missing ('- -'): the array has no data device to take its size from",
                              countOf(devs_, "device", "devices")));
    return false;
  }
  // validate_raid_redundancy, with superblocks: devices given as '- -' count, rebuilt ones
  // not (their superblocks are cleared and written anew).
  uint32_t level = type_->level;
  RaidLoss loss{type_->name, level, type_->parity, missing_, isRaid10() ? raid10Geometry() : Raid10Geometry{}};
  if (metadataDevices_ > 0 && level != 0 && !raidSurvives(loss)) {
    c_.failAtType("Insufficient redundancy to activate array",
                  fmt::format("{}; on freshly zeroed metadata devices the kernel refuses any missing device instead, "
                              "with \"Unable to assemble array: Invalid superblocks\"",
                              raidLossExplanation(loss)));
    return false;
  }
  return true;
}

// md_run and the personality's run, which dm-raid reports as "Failed to run raid array".
bool RaidCheck::checkMdRun() {
  // Without superblocks dm-raid leaves md a raid10 layout of 0, which md refuses when it runs
  // the array ("md/raid10: unsupported raid10 layout").
  if (isRaid10() && metadataDevices_ == 0 && c_.has(KernelFeature::Raid10NeedsMetadataDevices)) {
    c_.failAtType(kFailedToRunText,
                  "raid10 needs metadata devices on this kernel: without them md is given layout 0 and refuses "
                  "the array; give a <meta_dev> for each device");
    return false;
  }
  if (type_->level == 6 && devs_ < kMinRaid6Devices) {
    c_.failAtType(kFailedToRunText, fmt::format("md's raid6 needs at least {} devices (\"not enough configured "
                                                "devices\"); {} has {}",
                                                kMinRaid6Devices, type_->name, devs_));
    return false;
  }
  // Devices being rebuilt hold no data yet, so md counts them as lost too.
  std::vector<bool> lost = missing_;
  for (uint32_t i = 0; i < devs_; ++i) lost[i] = lost[i] || rebuild_[i];
  RaidLoss loss{type_->name, type_->level, type_->parity, lost,
                isRaid10() ? raid10Geometry() : Raid10Geometry{}, "missing or being rebuilt"};
  if (!raidSurvives(loss)) {
    c_.failAtType(kFailedToRunText, raidLossExplanation(loss));
    return false;
  }
  return true;
}

void RaidCheck::run() {
  if (!readHeader() || !parseParams() || !parseDevices()) return;
  if (!checkSize() || !checkAssembly()) return;
  checkMdRun();
}

void checkRaid(TargetCheckContext& c) { RaidCheck(c).run(); }

}  // namespace

extern const TargetType kTarget_raid{
    .name = "raid",
    .summary = "MD RAID levels 0, 1, 4, 5, 6, 10 through dm",
    .usage = "<raid_type> <#raid_params> <chunk_sectors> [<param>...] <#raid_devs> <meta_dev|-> <data_dev|->...",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .check = checkRaid,
};

}  // namespace dmc
