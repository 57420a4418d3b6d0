// flakey: <dev> <offset> <up_seconds> <down_seconds> [<#features> <feature>...]
// (drivers/md/dm-flakey.c). Features (names in any case, as the kernel uses strcasecmp):
//   drop_writes | error_writes | corrupt_bio_byte <nth_byte> <r|w> <value> <flags>
//   7.2 adds: error_reads | random_read_corrupt <p> | random_write_corrupt <p>   (p in 0..10^9)
#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/one_to_one_mapping.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr uint32_t kProbabilityBase = 1000000000;  // random_*_corrupt is out of 10^9

struct Features {
  std::optional<size_t> dropWrites, errorWrites, errorReads;  // where each was given
  uint32_t corruptByte = 0;                                   // 0: corrupt_bio_byte not given
  bool corruptWrites = false;                                 // its direction is 'w'
  std::optional<size_t> corruptAt;
  uint32_t randomRead = 0, randomWrite = 0;
  std::optional<size_t> randomReadAt, randomWriteAt;
};

// A boolean feature: duplicates and the drop_writes/error_writes conflict.
bool setFlag(TargetCheckContext& c, size_t at, std::optional<size_t>& flag, const std::optional<size_t>& rival,
             std::string_view name, std::string_view rivalName) {
  if (flag) {
    c.failAt(at, fmt::format("Feature {} duplicated", name),
             fmt::format("{} is already given as feature argument {}; give it once", name, *flag + 1));
    return false;
  }
  flag = at;
  if (rival && !rivalName.empty()) {
    c.failAt(at, fmt::format("Feature {} conflicts with feature {}", name, rivalName),
             fmt::format("{} and {} are alternatives: written blocks are either dropped or failed, not both",
                         name, rivalName));
    return false;
  }
  return true;
}

// corrupt_bio_byte <nth_byte 1..UINT_MAX> <r|w> <value 0..255> <flags 0..UINT_MAX>.
// `left` is the kernel's count of feature arguments still unread; 6.1 lets it wrap below 0.
bool readCorruptBioByte(TargetCheckContext& c, ArgCursor& args, size_t at, uint32_t& left, Features& f) {
  bool newer = c.has(KernelFeature::FlakeyReadErrorsAndRandomCorruption);
  if (newer && f.corruptByte != 0) {
    c.failAt(at, "Feature corrupt_bio_byte duplicated", "corrupt_bio_byte may be given only once");
    return false;
  }
  if (newer ? left < 4 : left == 0) {
    c.failAt(at, newer ? "Feature corrupt_bio_byte requires 4 parameters" : "Feature corrupt_bio_byte requires parameters",
             fmt::format("corrupt_bio_byte takes 4 parameters, <nth_byte> <r|w> <value> <flags>, counted in the "
                         "feature count; {} counted after it",
                         left));
    return false;
  }
  auto nth = args.read({1, UINT32_MAX, "Invalid corrupt bio byte", "the byte to corrupt (1 is the first byte)"});
  if (!nth) return false;
  --left;
  std::optional<size_t> direction = args.shift();
  bool isWrite = direction && equalsIgnoringCase(c.arg(*direction), "w");
  bool isRead = direction && equalsIgnoringCase(c.arg(*direction), "r");
  if (!isWrite && !isRead) {
    c.failAt(direction.value_or(args.end()), "Invalid corrupt bio direction (r or w)",
             direction ? fmt::format("'{}' is not a direction: r corrupts reads, w corrupts writes", c.arg(*direction))
                       : std::string("the direction, r or w, is missing"));
    return false;
  }
  --left;
  if (!args.read({0, 255, "Invalid corrupt value to write into bio byte (0-255)", "the byte value to write"}))
    return false;
  --left;
  if (!args.read({0, UINT32_MAX, "Invalid corrupt bio flags mask", "the bio flags mask (0: all bios)"})) return false;
  --left;
  f.corruptByte = *nth;
  f.corruptWrites = isWrite;
  f.corruptAt = at;
  return true;
}

// random_read_corrupt / random_write_corrupt <probability 0..10^9> (7.2).
bool readRandomCorrupt(TargetCheckContext& c, ArgCursor& args, size_t at, uint32_t& left, std::string_view name,
                       uint32_t& value, std::optional<size_t>& where) {
  // The kernel detects a duplicate only by a non-zero earlier value.
  if (value != 0) {
    c.failAt(at, fmt::format("Feature {} duplicated", name), fmt::format("{} may be given only once", name));
    return false;
  }
  if (left == 0) {
    c.failAt(at, fmt::format("Feature {} requires a parameter", name),
             fmt::format("{} takes a probability (0 to {}, out of {}) counted in the feature count", name,
                         kProbabilityBase, kProbabilityBase));
    return false;
  }
  auto p = args.read({0, kProbabilityBase, "Invalid random corrupt argument",
                      "the probability (out of 1000000000)"});
  if (!p) return false;
  --left;
  value = *p;
  where = at;
  return true;
}

bool checkCombinations61(TargetCheckContext& c, const Features& f) {
  if (f.dropWrites && f.corruptWrites) {
    c.failAt(*f.dropWrites, "drop_writes is incompatible with corrupt_bio_byte with the WRITE flag set",
             "corrupt_bio_byte with direction w corrupts writes, but drop_writes discards them");
    return false;
  }
  if (f.errorWrites && f.corruptWrites) {
    c.failAt(*f.errorWrites, "error_writes is incompatible with corrupt_bio_byte with the WRITE flag set",
             "corrupt_bio_byte with direction w corrupts writes, but error_writes fails them");
    return false;
  }
  return true;
}

bool checkCombinations72(TargetCheckContext& c, const Features& f) {
  bool corruptsWrites = (f.corruptByte != 0 && f.corruptWrites) || f.randomWrite != 0;
  bool corruptsReads = (f.corruptByte != 0 && !f.corruptWrites) || f.randomRead != 0;
  if (f.dropWrites && corruptsWrites) {
    c.failAt(*f.dropWrites,
             "drop_writes is incompatible with random_write_corrupt or corrupt_bio_byte with the WRITE flag set",
             "written blocks cannot be both discarded and corrupted");
    return false;
  }
  if (f.errorWrites && corruptsWrites) {
    c.failAt(*f.errorWrites,
             "error_writes is incompatible with random_write_corrupt or corrupt_bio_byte with the WRITE flag set",
             "written blocks cannot be both failed and corrupted");
    return false;
  }
  if (f.errorReads && corruptsReads) {
    c.failAt(*f.errorReads,
             "error_reads is incompatible with random_read_corrupt or corrupt_bio_byte with the READ flag set",
             "reads cannot be both failed and corrupted");
    return false;
  }
  return true;
}

bool checkFeatures(TargetCheckContext& c, ArgCursor& args) {
  bool newer = c.has(KernelFeature::FlakeyReadErrorsAndRandomCorruption);
  if (args.remaining() == 0) return true;
  Features f;
  // `left` is the kernel's own counter: unsigned, so in 6.1 a corrupt_bio_byte whose parameters
  // were not counted makes it wrap and the loop runs on until the arguments run out.
  const FeatureWordReader readFeature = [&](size_t at, uint32_t& left) {
    std::string_view name = c.arg(at);
    bool ok = true;
    if (newer && equalsIgnoringCase(name, "error_reads")) {
      ok = setFlag(c, at, f.errorReads, std::nullopt, "error_reads", "");
    } else if (equalsIgnoringCase(name, "drop_writes")) {
      ok = setFlag(c, at, f.dropWrites, f.errorWrites, "drop_writes", "error_writes");
    } else if (equalsIgnoringCase(name, "error_writes")) {
      ok = setFlag(c, at, f.errorWrites, f.dropWrites, "error_writes", "drop_writes");
    } else if (equalsIgnoringCase(name, "corrupt_bio_byte")) {
      ok = readCorruptBioByte(c, args, at, left, f);
    } else if (newer && equalsIgnoringCase(name, "random_read_corrupt")) {
      ok = readRandomCorrupt(c, args, at, left, "random_read_corrupt", f.randomRead, f.randomReadAt);
    } else if (newer && equalsIgnoringCase(name, "random_write_corrupt")) {
      ok = readRandomCorrupt(c, args, at, left, "random_write_corrupt", f.randomWrite, f.randomWriteAt);
    } else {
      c.failAt(at, "Unrecognised flakey feature requested",
               newer ? "expected error_reads, drop_writes, error_writes, corrupt_bio_byte, random_read_corrupt or "
                     "random_write_corrupt"
                   : "expected drop_writes, error_writes or corrupt_bio_byte (this kernel has no more)");
      return false;
    }
    return ok;
  };
  const FeatureGroupRanOut ranOut = [&](size_t end) {
    // Only reached in 6.1, after corrupt_bio_byte's parameters made the count wrap.
    c.failAt(end, "Insufficient feature arguments",
             "the feature count does not include all of corrupt_bio_byte's parameters (corrupt_bio_byte "
             "<nth_byte> <r|w> <value> <flags> counts as 5), so the kernel reads on past the last argument");
  };
  if (!readFeatureGroup(args, {0, newer ? 11u : 6u, "Invalid number of feature args", "the feature count"}, readFeature,
                        ranOut))
    return false;
  return newer ? checkCombinations72(c, f) : checkCombinations61(c, f);
}

void checkFlakey(TargetCheckContext& c) {
  if (c.argCount() < 4) {
    return c.failAt(c.argCount(), "Invalid argument count",
                    fmt::format("flakey needs at least <dev> <offset> <up_seconds> <down_seconds>; {} given",
                                c.argCount()));
  }
  ArgCursor args(c);
  args.shift();  // the device, looked up after the features
  auto offset = args.sector("Invalid device sector");
  if (!offset) return;
  auto up = args.read({0, UINT32_MAX, "Invalid up interval", "the up interval (seconds)"});
  if (!up) return;
  // 6.1 passes the up interval's description for both fields, so its message says "up".
  std::string_view downText =
      c.has(KernelFeature::FlakeyReadErrorsAndRandomCorruption) ? "Invalid down interval" : "Invalid up interval";
  auto down = args.read({0, UINT32_MAX, downText, "the down interval (seconds)"});
  if (!down) return;
  if (*up + static_cast<uint64_t>(*down) == 0) {
    return c.failAt(3, "Total (up + down) interval is zero",
                    "the device would have no up or down phase; make at least one interval non-zero");
  }
  if (*up + static_cast<uint64_t>(*down) > UINT32_MAX) {
    return c.failAt(3, "Interval overflow",
                    fmt::format("up + down = {} seconds does not fit in 32 bits", *up + static_cast<uint64_t>(*down)));
  }
  if (!checkFeatures(c, args)) return;
  c.useDevice(0, *offset, c.length(), 1);
}

// One to one from <offset> of <dev path> (flakey drops or corrupts I/O, never moves it).
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  return oneToOneMapping(args, 4, 0, 1);
}

}  // namespace

extern const TargetType kTarget_flakey{
    .name = "flakey",
    .summary = "fails or corrupts I/O periodically, for testing",
    .usage = "<dev> <offset> <up_seconds> <down_seconds> [<#features> <feature>...]",
    .features61 = kZonedHostManaged | kPassesCrypto,
    .features72 = kZonedHostManaged | kPassesCrypto,
    .queue = QueueKind::Bio,
    .sectorMapping = mapSectors,
    .check = checkFlakey,
    .echo = {.featureCountAlwaysAfter = 4},  // 6.1's flakey_status prints "0" features too
};

}  // namespace dmc
