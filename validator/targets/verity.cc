// verity: <version> <data_dev> <hash_dev> <data_block_size> <hash_block_size> <#data_blocks>
//         <hash_start_block> <algorithm> <root_digest> <salt|-> [<#opt> <opt>...]
// (drivers/md/dm-verity-target.c, dm-verity-fec.c, dm-verity-verify-sig.c)
//
// The kernel's order: read-only table; argument count; the optional-argument count (a first
// pass over the options); version; devices; block sizes; data blocks (and the target length
// against them); hash start; algorithm; root digest; salt; the options in full; the hash tree
// layout; FEC. The hash tree's blocks are recorded as an area of the hash device, so a
// declared device size (--device-size) catches "Hash device is too small"; other checks that
// need the devices (logical block sizes, the signature key) are left to the kernel. With
// --host-devices, a table that loads is compared with the superblock veritysetup wrote on
// the hash device (validator/verity_superblock.h): the kernel never reads it, so a table
// that disagrees with it loads and then fails every read.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "support/display_escape.h"
#include "support/major_minor.h"
#include "validator/crypto_algorithms.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/one_to_one_mapping.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"
#include "validator/verity_superblock.h"

namespace dmc {

namespace {

constexpr size_t kVersionArg = 0;
constexpr size_t kDataDeviceArg = 1;
constexpr size_t kHashDeviceArg = 2;
constexpr size_t kDataBlockSizeArg = 3;
constexpr size_t kHashBlockSizeArg = 4;
constexpr size_t kDataBlocksArg = 5;
constexpr size_t kHashStartArg = 6;
constexpr size_t kAlgorithmArg = 7;
constexpr size_t kDigestArg = 8;
constexpr size_t kSaltArg = 9;
constexpr size_t kPositionalArgs = 10;

constexpr uint64_t kPageSize = 4096;          // PAGE_SIZE on x86-64
constexpr uint64_t kMinBlockSize = 512;       // no device has a smaller logical block size
constexpr uint64_t kIntMax = 0x7fffffff;
constexpr uint64_t kFecMinRoots = 255 - 253;  // RSM - DM_VERITY_FEC_MAX_RSN
constexpr uint64_t kFecMaxRoots = 255 - 231;  // RSM - DM_VERITY_FEC_MIN_RSN

// Whether n blocks of 2^shift sectors overflow a 64-bit sector count (the kernel's
// "(x << s) >> s != x" test).
bool overflowsSectors(uint64_t n, unsigned shift) { return shift > 0 && (n >> (64 - shift)) != 0; }

// x86-64 shifts use the count modulo 64; the kernel's tree layout loop relies on that for
// absurd block counts, so dmc computes it the same way.
uint64_t shiftLeft(uint64_t v, unsigned count) { return v << (count & 63); }
uint64_t shiftRight(uint64_t v, unsigned count) { return v >> (count & 63); }

struct Layout {
  uint32_t hashType = 0;    // the <version> argument: 0 Chrome OS, 1 normal
  unsigned dataShift = 0;   // data block size as a power of two of sectors
  unsigned hashShift = 0;
  uint64_t dataBlockSize = 0;
  uint64_t hashBlockSize = 0;
  uint64_t dataBlocks = 0;
  uint64_t hashStart = 0;
  ResolvedAlgorithm hash;   // resolved: hash.size is the digest size
};

bool readBlockSize(TargetCheckContext& c, size_t index, uint64_t max, std::string_view kernelText,
                   std::string_view which, uint64_t& out) {
  auto value = ArgCursor::at(c, index).scan(32, kernelText);
  if (!value) return false;
  std::string problem;
  if (!isPowerOfTwo(*value)) problem = "it must be a power of two";
  else if (*value < kMinBlockSize) problem = "it must be at least 512, the smallest logical block size of any device";
  else if (*value > max) problem = fmt::format("it must be at most {}", max);
  if (!problem.empty()) {
    c.failAt(index, kernelText, fmt::format("the {} block size is {} bytes; {}", which, *value, problem));
    return false;
  }
  out = *value;
  return true;
}

bool readLayout(TargetCheckContext& c, Layout& l) {
  auto version = ArgCursor::at(c, kVersionArg).scan(32, "Invalid version");
  if (!version) return false;
  if (*version > 1) {
    c.failAt(kVersionArg, "Invalid version",
             fmt::format("the format version is {}; it must be 1 (or 0 for the original Chromium OS format)",
                         *version));
    return false;
  }
  l.hashType = static_cast<uint32_t>(*version);
  if (!readBlockSize(c, kDataBlockSizeArg, kPageSize, "Invalid data device block size", "data", l.dataBlockSize))
    return false;
  if (!readBlockSize(c, kHashBlockSizeArg, kIntMax, "Invalid hash device block size", "hash", l.hashBlockSize))
    return false;
  l.dataShift = log2Of(l.dataBlockSize) - 9;
  l.hashShift = log2Of(l.hashBlockSize) - 9;

  auto blocks = ArgCursor::at(c, kDataBlocksArg).scan(64, "Invalid data blocks");
  if (!blocks) return false;
  if (overflowsSectors(*blocks, l.dataShift)) {
    c.failAt(kDataBlocksArg, "Invalid data blocks",
             fmt::format("{} blocks of {} bytes is more than 2^64 sectors", *blocks, l.dataBlockSize));
    return false;
  }
  l.dataBlocks = *blocks;
  uint64_t covered = l.dataBlocks << l.dataShift;
  if (c.length() > covered) {
    c.failAt(kDataBlocksArg, "Data device is too small",
             fmt::format("the target is {} sectors long, but {} data blocks of {} bytes cover only {} sectors",
                         c.length(), l.dataBlocks, l.dataBlockSize, covered));
    return false;
  }
  auto start = ArgCursor::at(c, kHashStartArg).scan(64, "Invalid hash start");
  if (!start) return false;
  if (overflowsSectors(*start, l.hashShift)) {
    c.failAt(kHashStartArg, "Invalid hash start",
             fmt::format("hash block {} of {} bytes lies past 2^64 sectors", *start, l.hashBlockSize));
    return false;
  }
  l.hashStart = *start;
  return true;
}

bool readAlgorithm(TargetCheckContext& c, Layout& l) {
  std::string_view name = c.arg(kAlgorithmArg);
  // crypto_alloc_ahash(): a name the kernel does not have fails (-ENOENT). A keyed hash
  // (hmac(...)) is allocated too; only hashing without its key fails, later.
  l.hash = resolveAlgorithm(name, AlgorithmKind::Hash);
  if (!l.hash.ok) {
    c.failAt(kAlgorithmArg, "Cannot initialize hash function", l.hash.problem);
    return false;
  }
  if (l.hashBlockSize < 2ull * l.hash.size) {
    c.failAt(kAlgorithmArg, "Digest size too big",
             fmt::format("{} digests are {} bytes; a hash block of {} bytes must hold at least two", name,
                         l.hash.size, l.hashBlockSize));
    return false;
  }
  return true;
}

bool readDigestAndSalt(TargetCheckContext& c, const Layout& l) {
  std::string_view digest = c.arg(kDigestArg);
  size_t bad = firstNonHexDigit(digest);
  if (bad != std::string_view::npos) {
    c.failAt(kDigestArg, "Invalid root digest",
             fmt::format("the root digest must be hexadecimal digits; character {} is not one", bad + 1));
    return false;
  }
  if (digest.size() != 2ull * l.hash.size) {
    c.failAt(kDigestArg, "Invalid root digest",
             fmt::format("a {} digest is {} bytes, {} hex digits; this one has {}", c.arg(kAlgorithmArg),
                         l.hash.size, 2 * l.hash.size, digest.size()));
    return false;
  }
  if (digest.size() % 2 != 0) {
    c.failAt(kDigestArg, "Invalid root digest",
             fmt::format("a digest is whole bytes, an even number of hex digits; this one has {}", digest.size()));
    return false;
  }
  std::string_view salt = c.arg(kSaltArg);
  if (salt == "-") return true;
  bad = firstNonHexDigit(salt);
  if (bad != std::string_view::npos || salt.size() % 2 != 0) {
    c.failAt(kSaltArg, "Invalid salt",
             bad != std::string_view::npos
                 ? fmt::format("the salt must be hexadecimal digits, or '-' for none; character {} is not one",
                               bad + 1)
                 : fmt::format("the salt must be whole bytes, an even number of hex digits; this one has {}",
                               salt.size()));
    return false;
  }
  return true;
}

// --- optional arguments -----------------------------------------------------------------------

struct Options {
  std::optional<size_t> fecDevice, fecBlocksAt, fecRootsAt, signatureAt;
  uint64_t fecBlocks = 0;
  uint64_t fecRoots = 0;
};

bool isOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (equalsIgnoringCase(name, n)) return true;
  return false;
}

std::string knownOptions(bool errorModes) {
  return fmt::format("ignore_corruption, restart_on_corruption, panic_on_corruption, {}ignore_zero_blocks, "
                     "check_at_most_once, try_verify_in_tasklet, use_fec_from_device <dev>, fec_blocks <n>, "
                     "fec_start <n>, fec_roots <n>, root_hash_sig_key_desc <key>",
                     errorModes ? "restart_on_error, panic_on_error, " : "");
}

// A FEC option's value (the option count includes it).
bool readFecValue(TargetCheckContext& c, const Layout& l, size_t at, size_t valueAt, Options& o) {
  std::string_view name = c.arg(at);
  bool refusesRepeats = c.has(KernelFeature::VerityRepeatedOptions);
  if (equalsIgnoringCase(name, "use_fec_from_device")) {
    if (refusesRepeats && o.fecDevice) {
      c.failAt(at, "FEC device already specified", "use_fec_from_device is already given; give one FEC device");
      return false;
    }
    o.fecDevice = valueAt;
    return true;
  }
  if (equalsIgnoringCase(name, "fec_blocks") || equalsIgnoringCase(name, "fec_start")) {
    bool blocks = equalsIgnoringCase(name, "fec_blocks");
    std::string_view kernelText = blocks ? "Invalid fec_blocks" : "Invalid fec_start";
    auto n = ArgCursor::at(c, valueAt).scan(64, kernelText);
    if (!n) return false;
    if (overflowsSectors(*n, l.dataShift)) {
      c.failAt(valueAt, kernelText,
               fmt::format("{} blocks of {} bytes is more than 2^64 sectors", *n, l.dataBlockSize));
      return false;
    }
    if (blocks) {
      o.fecBlocks = *n;
      o.fecBlocksAt = valueAt;
    }
    return true;
  }
  // fec_roots, "%hhu": 2..24 parity bytes per 255-byte codeword.
  auto roots = ArgCursor::at(c, valueAt).scan(8, "Invalid fec_roots");
  if (!roots) return false;
  if (*roots < kFecMinRoots || *roots > kFecMaxRoots) {
    c.failAt(valueAt, "Invalid fec_roots",
             fmt::format("fec_roots is {}; it must be from {} to {}", *roots, kFecMinRoots, kFecMaxRoots));
    return false;
  }
  o.fecRoots = *roots;
  o.fecRootsAt = valueAt;
  return true;
}

bool readOptions(TargetCheckContext& c, const Layout& l, uint32_t count, Options& o) {
  bool errorModes = c.has(KernelFeature::VerityErrorModes);
  std::optional<size_t> mode, errorMode;
  // The words after the count, which checkVerity read first.
  ArgCursor args(c, kPositionalArgs + 1, count);
  const FeatureWordReader readOption = [&](size_t at, uint32_t& left) {
    std::string_view name = c.arg(at);
    if (isOneOf(name, {"ignore_corruption", "restart_on_corruption", "panic_on_corruption"})) {
      if (mode) {
        c.failAt(at, "Conflicting error handling parameters",
                 fmt::format("{} is already chosen for corrupted blocks; give one of ignore_corruption, "
                             "restart_on_corruption and panic_on_corruption, once",
                             quoteToken(c.arg(*mode))));
        return false;
      }
      mode = at;
    } else if (errorModes && isOneOf(name, {"restart_on_error", "panic_on_error"})) {
      if (errorMode) {
        c.failAt(at, "Conflicting error handling parameters",
                 fmt::format("{} is already chosen for I/O errors; give one of restart_on_error and "
                             "panic_on_error, once",
                             quoteToken(c.arg(*errorMode))));
        return false;
      }
      errorMode = at;
    } else if (isOneOf(name, {"ignore_zero_blocks", "try_verify_in_tasklet"})) {
      // no arguments, nothing to check
    } else if (equalsIgnoringCase(name, "check_at_most_once")) {
      if (l.dataBlocks > kIntMax) {
        c.failAt(at, "device too large to use check_at_most_once",
                 fmt::format("check_at_most_once keeps one bit per data block, for at most {} blocks; there are {}",
                             kIntMax, l.dataBlocks));
        return false;
      }
    } else if (isOneOf(name, {"use_fec_from_device", "fec_blocks", "fec_start", "fec_roots"})) {
      if (left == 0) {
        c.failAt(at, "FEC feature arguments require a value",
                 fmt::format("{} takes a value, and the feature count must include it", quoteToken(name)));
        return false;
      }
      size_t valueAt = *args.shift();
      --left;
      if (!readFecValue(c, l, at, valueAt, o)) return false;
    } else if (equalsIgnoringCase(name, "root_hash_sig_key_desc")) {
      if (left == 0) {
        c.failAt(at, "DM Verity Sig Verification Signature key not specified",
                 "root_hash_sig_key_desc takes the description of a key in the kernel keyring, and the feature "
                 "count must include it");
        return false;
      }
      if (c.has(KernelFeature::VerityRepeatedOptions) && o.signatureAt) {
        c.failAt(at, "root_hash_sig_key_desc already specified", "give one signature key");
        return false;
      }
      o.signatureAt = *args.shift();
      --left;
    } else {
      c.failAt(at, "Unrecognized verity feature request",
               fmt::format("{} is not a verity feature; the features are {} (names in any case)", quoteToken(name),
                           knownOptions(errorModes)));
      return false;
    }
    return true;
  };
  return readFeatureWords(args, count, readOption);
}

// --- hash tree and FEC ------------------------------------------------------------------------

// The number of hash blocks the tree takes, as the kernel lays it out; nullopt when the hash
// area would pass 2^64 blocks ("Hash device offset overflow").
std::optional<uint64_t> hashTreeBlocks(const Layout& l) {
  if (l.hash.size == 0) return 0;  // digest_null: refused at the root digest already
  unsigned perBlockBits = log2Of(l.hashBlockSize / l.hash.size);
  int levels = 0;
  if (l.dataBlocks != 0)
    while (perBlockBits * static_cast<unsigned>(levels) < 64 &&
           shiftRight(l.dataBlocks - 1, perBlockBits * static_cast<unsigned>(levels)) != 0)
      ++levels;
  uint64_t position = l.hashStart;
  for (int i = levels - 1; i >= 0; --i) {
    unsigned bits = static_cast<unsigned>(i + 1) * perBlockBits;
    uint64_t level = shiftRight(l.dataBlocks + shiftLeft(1, bits) - 1, bits);
    if (position + level < position) return std::nullopt;
    position += level;
  }
  return position - l.hashStart;
}

// The kernel refuses ("Hash device is too small", -E2BIG) a hash device of fewer whole hash
// blocks than hash_start plus the tree. dmc learns device sizes only at the end of the file,
// so it records the tree as an area of the hash device, in sectors: with whole blocks on both
// sides, "fewer blocks" and "the area passes the device's end" are the same test.
void useHashArea(TargetCheckContext& c, const Layout& l, uint64_t treeBlocks) {
  // With one data block there is no tree (the root digest is its hash); the kernel then only
  // needs hash_start blocks, which an empty area cannot express.
  if (treeBlocks == 0) return;
  uint64_t start = l.hashStart << l.hashShift;
  uint64_t end = l.hashStart + treeBlocks;  // hashTreeBlocks() checked that this does not wrap
  uint64_t length = overflowsSectors(end, l.hashShift) ? UINT64_MAX - start : (end << l.hashShift) - start;
  c.needDeviceArea(kHashDeviceArg, start, length, kHashStartArg, "Hash device is too small");
}

bool checkFec(TargetCheckContext& c, const Layout& l, const Options& o, std::optional<uint64_t> treeBlocks) {
  if (!o.fecDevice) return true;  // FEC is on only with a FEC device; other FEC options are then ignored
  size_t at = *o.fecDevice - 1;
  if (l.dataBlockSize != l.hashBlockSize) {
    c.failAt(at, "Block sizes must match to use FEC",
             fmt::format("the data block size is {} bytes and the hash block size {}; FEC needs them equal",
                         l.dataBlockSize, l.hashBlockSize));
    return false;
  }
  if (!o.fecRootsAt) {
    c.failAt(at, "Missing fec_roots", "use_fec_from_device needs fec_roots <2..24> as well");
    return false;
  }
  if (!o.fecBlocksAt || o.fecBlocks == 0) {
    c.failAt(o.fecBlocksAt.value_or(at), "Missing fec_blocks",
             "use_fec_from_device needs fec_blocks <n>, the number of blocks FEC covers (data, then hash blocks)");
    return false;
  }
  if (treeBlocks && o.fecBlocks < l.dataBlocks + *treeBlocks) {
    c.failAt(*o.fecBlocksAt, "Invalid fec_blocks",
             fmt::format("FEC must cover the {} data blocks and the {} hash blocks, {} in all; fec_blocks is {}",
                         l.dataBlocks, *treeBlocks, l.dataBlocks + *treeBlocks, o.fecBlocks));
    return false;
  }
  return true;
}

// --- the hash device's superblock (--host-devices) ------------------------------------------

// Where this machine has the device the table names: a path, or MAJ:MIN through /dev/block.
std::optional<std::string> hostPathOf(std::string_view device) {
  if (device.empty() || device.front() == '@') return std::nullopt;  // a device of this file
  if (isMajorMinor(device)) return "/dev/block/" + std::string(device);
  return std::string(device);
}

std::string lowerHex(std::string_view text) {
  std::string lower(text);
  for (char& ch : lower)
    if (ch >= 'A' && ch <= 'F') ch = static_cast<char>(ch - 'A' + 'a');
  return lower;
}

std::string hexOf(const std::vector<uint8_t>& bytes) {
  std::string hex;
  for (uint8_t byte : bytes) fmt::format_to(std::back_inserter(hex), "{:02x}", byte);
  return hex;
}

// The table's salt as the superblock stores it: lower-case hex, empty for none ('-').
std::string tableSalt(const TargetCheckContext& c) { return c.arg(kSaltArg) == "-" ? "" : lowerHex(c.arg(kSaltArg)); }

// One argument that disagrees with the superblock.
struct Disagreement {
  size_t arg;
  std::string_view field;
  std::string superblockValue;
};

std::vector<Disagreement> disagreements(const TargetCheckContext& c, const Layout& l, const VeritySuperblock& sb,
                                        bool saltSwapped) {
  std::vector<Disagreement> found;
  auto compare = [&](size_t arg, std::string_view field, auto table, auto superblock) {
    if (table != superblock) found.push_back({arg, field, fmt::format("{}", superblock)});
  };
  compare(kVersionArg, "hash type", l.hashType, sb.hashType);
  compare(kDataBlockSizeArg, "data block size", l.dataBlockSize, uint64_t{sb.dataBlockSize});
  compare(kHashBlockSizeArg, "hash block size", l.hashBlockSize, uint64_t{sb.hashBlockSize});
  compare(kDataBlocksArg, "number of data blocks", l.dataBlocks, sb.dataBlocks);
  compare(kHashStartArg, "hash start block", l.hashStart, sb.hashStartBlock());
  compare(kAlgorithmArg, "hash algorithm", std::string(c.arg(kAlgorithmArg)), sb.algorithm);
  const std::string salt = hexOf(sb.salt);
  if (!saltSwapped && tableSalt(c) != salt) found.push_back({kSaltArg, "salt", salt.empty() ? "-" : salt});
  return found;
}

// The common mistake: both are hex strings of one length (a 32-byte salt and a SHA-256
// digest), so the kernel takes them in either order, then fails every read.
void reportSwappedSalt(TargetCheckContext& c, const std::string& where, const std::string& salt) {
  c.warnAt(DiagnosticCode::VeritySuperblockMismatch, kDigestArg,
           fmt::format("the root digest and the salt are swapped: this root digest is the salt of the verity "
                       "superblock {}; the kernel loads the table, then fails every read",
                       where))
      .note(c.argLocation(kSaltArg),
            fmt::format("write <root_digest> <salt> as '{} {}': the root digest first (veritysetup format prints it "
                        "as 'Root hash'), then the salt",
                        c.arg(kSaltArg) == "-" ? "<root hash>" : std::string(c.arg(kSaltArg)), salt));
}

void reportDisagreements(TargetCheckContext& c, const std::string& where, const std::vector<Disagreement>& found) {
  std::string fields;
  for (const Disagreement& d : found) fields += (fields.empty() ? "" : ", ") + std::string(d.field);
  DiagnosticBuilder warning = c.warnAt(
      DiagnosticCode::VeritySuperblockMismatch, found.front().arg,
      fmt::format("the table disagrees with the verity superblock {} on: {}; the kernel loads it, then fails every "
                  "read",
                  where, fields));
  for (const Disagreement& d : found)
    warning.note(c.argLocation(d.arg), fmt::format("the superblock's {} is {}; the table gives {}", d.field,
                                                   d.superblockValue, c.arg(d.arg)));
  warning.note(fmt::format("'veritysetup dump {}' prints the superblock", c.arg(kHashDeviceArg)));
}

// Compares the table with the superblock on its hash device, if the device has one (a device
// formatted with --no-superblock has none, and then nothing is said).
void compareWithSuperblock(TargetCheckContext& c, const Layout& l) {
  std::optional<std::string> path = hostPathOf(c.arg(kHashDeviceArg));
  if (!path) return;
  std::optional<VeritySuperblock> sb = findVeritySuperblock(*path, l.hashStart, l.hashBlockSize);
  if (!sb) return;
  const std::string where = fmt::format("at byte {} of {}", sb->offset, c.arg(kHashDeviceArg));
  if (std::string why = sb->unreadableReason(); !why.empty()) {
    c.warnAt(DiagnosticCode::VeritySuperblockMismatch, kHashDeviceArg,
             fmt::format("the verity superblock {} is not one veritysetup reads, so the table cannot be checked "
                         "against it: {}",
                         where, why));
    return;
  }
  const std::string salt = hexOf(sb->salt);
  const bool swapped = !salt.empty() && lowerHex(c.arg(kDigestArg)) == salt && tableSalt(c) != salt;
  if (swapped) reportSwappedSalt(c, where, salt);
  std::vector<Disagreement> found = disagreements(c, l, *sb, swapped);
  if (!found.empty()) reportDisagreements(c, where, found);
}

void checkVerity(TargetCheckContext& c) {
  // The kernel's first check, that the table is read-only, is a fact of the load, not of the
  // arguments: validator/read_only_rules reports it (readOnlyKernelText below), and the
  // arguments are still checked.
  // An error mode (restart_on_error, panic_on_error) raised the cap on the option count by one.
  uint32_t maxOptions = c.has(KernelFeature::VerityErrorModes) ? 15u : 14u;
  size_t argc = c.argCount();
  if (argc < kPositionalArgs) {
    return c.failAt(argc, "Not enough arguments",
                    fmt::format("verity takes <version> <data_dev> <hash_dev> <data_block_size> <hash_block_size> "
                                "<#data_blocks> <hash_start> <algorithm> <digest> <salt> [<#opt> <opt>...]; "
                                "{} given",
                                argc));
  }
  // The option count is checked first, in a pass that looks for options changing how the
  // rest is read.
  uint32_t optionCount = 0;
  if (argc > kPositionalArgs) {
    ArgCursor args(c, kPositionalArgs, argc - kPositionalArgs);
    auto count = args.readGroup({0, maxOptions, "Invalid number of feature args", "the feature count"});
    if (!count) return;
    optionCount = *count;
  }
  Layout l;
  if (!readLayout(c, l)) return;
  if (!readAlgorithm(c, l)) return;
  if (!readDigestAndSalt(c, l)) return;
  Options o;
  if (!readOptions(c, l, optionCount, o)) return;

  std::optional<uint64_t> treeBlocks = hashTreeBlocks(l);
  if (!treeBlocks) {
    return c.failAt(kHashStartArg, "Hash device offset overflow",
                    fmt::format("the hash tree for {} data blocks, starting at hash block {}, would end past 2^64 "
                                "blocks",
                                l.dataBlocks, l.hashStart));
  }
  if (!checkFec(c, l, o, treeBlocks)) return;
  useHashArea(c, l, *treeBlocks);
  // The FEC device is opened while the options are read ("FEC device lookup failed").
  if (o.fecDevice) c.referToDevice(*o.fecDevice);
  // The kernel's iterate_devices reports the data device from 0 for the target's length (not
  // for all data blocks, which may run past it).
  c.useDevice(kDataDeviceArg, 0, c.length(), std::nullopt);
  c.setLogicalBlockSize(static_cast<uint32_t>(l.dataBlockSize));  // verity_io_hints
  if (c.readsHostDevices()) compareWithSuperblock(c, l);
}

// verity_ctr opens the data, hash and FEC devices read-only, and only reads them.
DeviceUse deviceUse(size_t /*arg*/, size_t /*argc*/) { return DeviceUse{AreaAccess::OpensReadOnly}; }

// One to one onto <data_dev> from sector 0 (verity_map_sector: data_start is 0).
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  return oneToOneMapping(args, 10, 1, std::nullopt);
}

// verity_status(): the digest and salt in lower-case hex, the features only when any.
constexpr std::array<size_t, 2> kEchoHexArgs = {kDigestArg, kSaltArg};

// The hash algorithm asks the crypto API for its module.
void cryptoNames(const std::vector<std::string>& args, std::vector<std::string>& names) {
  if (args.size() > kAlgorithmArg) addCryptoApiNames(args[kAlgorithmArg], names);
}

}  // namespace

extern const TargetType kTarget_verity{
    .name = "verity",
    .summary = "verifies reads against a hash tree (read-only)",
    .usage = "<version> <data_dev> <hash_dev> <data_block_size> <hash_block_size> <#data_blocks> <hash_start> "
             "<algorithm> <digest> <salt> [<#opt> <opt>...]",
    .features61 = kImmutable,
    .features72 = kSingleton | kImmutable,
    .queue = QueueKind::Bio,
    .dmInit = true,
    .sectorMapping = mapSectors,
    .check = checkVerity,
    .deviceUse = deviceUse,
    .readOnlyKernelText = "Device must be readonly",
    .echo = {.hexArgs = kEchoHexArgs, .featuresAfter = kPositionalArgs},
    .cryptoNames = cryptoNames,
};

}  // namespace dmc
