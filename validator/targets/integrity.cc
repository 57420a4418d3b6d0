// integrity: <dev> <start> <tag_size|-> <mode> <#opt> [<opt>...]  (drivers/md/dm-integrity.c)
//
// The kernel's order: argument count (the option count is required); device; start; tag size;
// mode (J journal, B bitmap, D direct, R recovery; 7.2 adds I inline); the options, each
// "name:value" or a flag (names case sensitive); then the hash and MAC algorithms, the tag
// size they imply, and the combinations the modes allow. The rest needs the device and its
// superblock.
//
// SECRET: internal_hash:, journal_crypt: and journal_mac: may carry a key after their
// algorithm ("<name>:<alg>:<hex key>"). No message may contain such an option's text.
#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "support/display_escape.h"
#include "validator/crypto_algorithms.h"
#include "validator/integrity_layout.h"
#include "validator/integrity_superblock.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/kernel_number.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kDeviceArg = 0;
constexpr size_t kStartArg = 1;
constexpr size_t kTagSizeArg = 2;
constexpr size_t kModeArg = 3;
constexpr size_t kOptionCountArg = 4;

constexpr std::string_view kMetaDevicePrefix = "meta_device:";
constexpr std::string_view kKeyedRecalculateText =
    "Recalculating with HMAC is disabled for security reasons - if you really need it, use the argument "
    "\"legacy_recalculate\"";
constexpr std::string_view kNotEnoughSectorsText = "Not enough provided sectors for requested mapping size";
constexpr std::string_view kMetaTooSmallText = "Could not initialize superblock";
constexpr std::string_view kDeviceTooSmallText = "The device is too small";
constexpr uint64_t kMaxTagSize = 255;          // MAX_TAG_SIZE
constexpr uint64_t kMaxBlockSize = 8 * 512;    // MAX_SECTORS_PER_BLOCK sectors

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// An algorithm option: internal_hash:, journal_crypt: or journal_mac:.
struct AlgorithmOption {
  std::optional<size_t> at;
  std::string_view algorithm;
  bool hasKey = false;
};

struct Options {
  std::optional<size_t> metaDevice, discard, fixHmac, legacyRecalculate;
  uint32_t blockSize = 512;  // block_size:, bytes
  uint32_t journalSectors = 0, interleaveSectors = 0;  // 0: the kernel's default
  bool fixPadding = false;
  std::optional<size_t> recalculate;  // recalculate or reset_recalculate (which sets it too)
  AlgorithmOption internalHash, journalCrypt, journalMac;
};

// "<prefix><digits>" with nothing after, as sscanf("<prefix>%u%c") == 1 takes it. Returns the
// digits, or nullopt when the option has another shape.
std::optional<std::string_view> numberAfter(std::string_view option, std::string_view prefix) {
  if (!startsWith(option, prefix)) return std::nullopt;
  std::string_view digits = option.substr(prefix.size());
  if (digits.empty()) return std::nullopt;
  for (char ch : digits)
    if (ch < '0' || ch > '9') return std::nullopt;
  return digits;
}

constexpr std::array<std::string_view, 6> kNumberOptions = {"journal_sectors:",  "interleave_sectors:",
                                                            "buffer_sectors:",   "journal_watermark:",
                                                            "commit_time:",      "bitmap_flush_interval:"};
constexpr std::array<std::string_view, 6> kFlags = {"recalculate", "reset_recalculate", "allow_discards",
                                                    "fix_padding", "fix_hmac",          "legacy_recalculate"};

std::string optionList(bool discardsKeyed) {
  return fmt::format("journal_sectors:<n>, interleave_sectors:<n>, buffer_sectors:<n>, journal_watermark:<0..100>, "
                     "commit_time:<ms>, meta_device:<dev>, block_size:<bytes>, sectors_per_bit:<n>, "
                     "bitmap_flush_interval:<ms>, internal_hash:<alg>[:<key>], journal_crypt:<alg>[:<key>], "
                     "journal_mac:<alg>[:<key>], recalculate, reset_recalculate, allow_discards, {}fix_padding, "
                     "fix_hmac, legacy_recalculate (case sensitive)",
                     discardsKeyed ? "allow_discards_keyed, " : "");
}

// "Invalid argument" for an option the kernel matches with none of its patterns. The text is
// quoted only when it cannot hold a key.
void failUnknownOption(TargetCheckContext& c, size_t at, std::string_view option, std::string_view why) {
  bool mayHoldKey = startsWith(option, "internal_hash") || startsWith(option, "journal_crypt") ||
                    startsWith(option, "journal_mac");
  std::string shown = mayHoldKey ? std::string("this option") : quoteToken(option);
  c.failAt(at, "Invalid argument",
           why.empty() ? fmt::format("{} is not an integrity option; the options are {}", shown,
                                     optionList(c.has(KernelFeature::IntegrityDiscardsKeyed)))
                       : fmt::format("{}: {}", shown, why));
}

// internal_hash:, journal_crypt:, journal_mac: "<alg>[:<hex key>]", the key an even number of
// hex digits (get_alg_and_key).
bool readAlgorithmOption(TargetCheckContext& c, size_t at, std::string_view option, std::string_view name,
                         AlgorithmOption& out) {
  std::string_view value = option.substr(name.size() + 1);
  size_t colon = value.find(':');
  out = AlgorithmOption{at, value.substr(0, colon), colon != std::string_view::npos};
  if (out.hasKey) {
    std::string_view key = value.substr(colon + 1);
    size_t bad = firstNonHexDigit(key);
    if (key.size() % 2 != 0 || bad != std::string_view::npos) {
      c.failAt(at, fmt::format("Invalid {} argument", name),
               bad != std::string_view::npos
                   ? fmt::format("the key after the algorithm must be hexadecimal digits; its character {} is not one",
                                 bad + 1)
                   : std::string("the key after the algorithm must be whole bytes, an even number of hex digits"));
      return false;
    }
  }
  return true;
}

// One option of the group at index `at` (the kernel's loop over its option words).
bool readOption(TargetCheckContext& c, size_t at, Options& o) {
  std::string_view option = c.arg(at);
  bool matched = false;
  for (std::string_view prefix : kNumberOptions) {
    auto digits = numberAfter(option, prefix);
    if (!digits) continue;
    KernelNumber n = scanUnsigned(*digits, 32);
    if (n.status == NumberStatus::Overflow) {
      failUnknownOption(c, at, option, "the number " + overflowProblem(NumberForm::Scan, 32));
      return false;
    }
    // journal_watermark above 100 matches no pattern, so the kernel rejects it as unknown.
    if (prefix == "journal_watermark:" && n.value > 100) {
      failUnknownOption(c, at, option, "the journal watermark is a percentage, from 0 to 100");
      return false;
    }
    if (prefix == "journal_sectors:") o.journalSectors = n.value ? static_cast<uint32_t>(n.value) : 1;
    if (prefix == "interleave_sectors:") o.interleaveSectors = static_cast<uint32_t>(n.value);
    matched = true;
    break;
  }
  if (matched) return true;
  if (startsWith(option, kMetaDevicePrefix)) {
    if (option.size() == kMetaDevicePrefix.size()) {
      c.failAt(at, "Device lookup failed", "meta_device: needs a device path after the ':'");
      return false;
    }
    o.metaDevice = at;
    return true;
  }
  if (auto digits = numberAfter(option, "block_size:")) {
    KernelNumber n = scanUnsigned(*digits, 32);
    if (!n.ok() || n.value < 512 || n.value > kMaxBlockSize || !isPowerOfTwo(n.value)) {
      c.failAt(at, "Invalid block_size argument",
               n.ok() ? fmt::format("the block size is {} bytes; it must be 512, 1024, 2048 or 4096", n.value)
                      : fmt::format("the block size {}; it must be 512, 1024, 2048 or 4096",
                                    overflowProblem(NumberForm::Scan, 32)));
      return false;
    }
    o.blockSize = static_cast<uint32_t>(n.value);
    return true;
  }
  if (auto digits = numberAfter(option, "sectors_per_bit:")) {
    if (scanUnsigned(*digits, 64).status == NumberStatus::Overflow) {
      failUnknownOption(c, at, option, "the number " + overflowProblem(NumberForm::Scan, 64));
      return false;
    }
    return true;
  }
  if (startsWith(option, "internal_hash:")) {
    return readAlgorithmOption(c, at, option, "internal_hash", o.internalHash);
  }
  if (startsWith(option, "journal_crypt:")) {
    return readAlgorithmOption(c, at, option, "journal_crypt", o.journalCrypt);
  }
  if (startsWith(option, "journal_mac:")) {
    return readAlgorithmOption(c, at, option, "journal_mac", o.journalMac);
  }
  bool flag = false;
  for (std::string_view f : kFlags) flag = flag || option == f;
  if (c.has(KernelFeature::IntegrityDiscardsKeyed) && option == "allow_discards_keyed") flag = true;
  if (flag) {
    if (option == "allow_discards") o.discard = at;
    if (option == "recalculate" || option == "reset_recalculate") o.recalculate = at;
    if (option == "legacy_recalculate") o.legacyRecalculate = at;
    if (option == "fix_hmac") o.fixHmac = at;
    if (option == "fix_padding") o.fixPadding = true;
    return true;
  }
  failUnknownOption(c, at, option, "");
  return false;
}

std::optional<Options> readOptions(TargetCheckContext& c) {
  Options o;
  ArgCursor args(c, kOptionCountArg, c.argCount() - kOptionCountArg);
  const bool read = readFeatureGroup(args, {0, 18, "Invalid number of feature args", "the option count"},
                                     [&](size_t at, uint32_t& /*left*/) { return readOption(c, at, o); });
  if (!read) return std::nullopt;
  return o;
}

// get_mac(): crypto_alloc_shash() must find the algorithm, and a MAC needs its key.
bool checkMac(TargetCheckContext& c, const AlgorithmOption& option, std::string_view invalidText,
              std::string_view keyText, ResolvedAlgorithm& out) {
  if (!option.at) return true;
  out = resolveAlgorithm(option.algorithm, AlgorithmKind::Hash);
  if (!out.ok) {
    c.failAt(*option.at, invalidText, out.problem);
    return false;
  }
  if (out.needsKey && !option.hasKey) {
    c.failAt(*option.at, keyText,
             fmt::format("{} is keyed: give its key after the algorithm, as <alg>:<hex key>", option.algorithm));
    return false;
  }
  return true;
}

// "<name>:<alg>:<key>" (get_alg_and_key): the key is what follows the algorithm's colon. The
// option name and algorithm are no secret and stay readable.
void findIntegritySecrets(std::span<const std::string_view> args, std::vector<SecretSpan>& out) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view option = args[i];
    if (!startsWith(option, "internal_hash:") && !startsWith(option, "journal_crypt:") &&
        !startsWith(option, "journal_mac:"))
      continue;
    size_t keyColon = option.find(':', option.find(':') + 1);
    if (keyColon != std::string_view::npos && keyColon + 1 < option.size())
      out.push_back(SecretSpan{i, keyColon + 1, option.size() - keyColon - 1});
  }
}

// A new superblock is marked for recalculation when `recalculate` is given, and recalculating
// with a keyed hash lets whoever can write the device forge its tags, so the kernel refuses it
// without legacy_recalculate (dm_integrity_disable_recalculate): any key, or with fix_hmac
// (which binds the tags to the sector number) a keyed internal hash without a keyed journal MAC.
bool checkKeyedRecalculate(TargetCheckContext& c, const Options& o) {
  if (!c.has(KernelFeature::IntegrityKeyedRecalculateRefused) || !o.recalculate || o.legacyRecalculate) return true;
  bool internalKey = o.internalHash.hasKey, macKey = o.journalMac.hasKey;
  bool refused = o.fixHmac ? internalKey && !macKey : internalKey || macKey;
  if (!refused) return true;
  c.failAt(*o.recalculate, kKeyedRecalculateText,
           fmt::format("{} with a keyed {} is refused; add legacy_recalculate if you accept that risk",
                       c.arg(*o.recalculate), internalKey ? "internal hash" : "journal MAC"));
  return false;
}

// The data sectors a freshly formatted device offers must cover the target: recorded as the
// area from <start> to the device size they need, checked when the device's size is known
// (validator/integrity_layout.h). It is the target's whole footprint on the device.
void needProvidedSectors(TargetCheckContext& c, const Options& o, uint64_t start, uint32_t tagSize) {
  IntegrityFormat format{start, tagSize, o.blockSize / 512, o.journalSectors, o.interleaveSectors,
                         o.journalMac.at.has_value(), o.fixPadding};
  std::optional<uint64_t> sectors = integrityDeviceSectorsFor(format, c.length());
  if (!sectors) {
    return c.failAtType(kNotEnoughSectorsText,
                        fmt::format("no device offers {} data sectors with this layout", c.length()));
  }
  c.needDeviceArea(kDeviceArg, start, *sectors - start, kStartArg, kNotEnoughSectorsText.data());
}

// A separate metadata device holds the superblock, the journal and the tags of every block of
// the data device (at least of the mapped length, when the data device's size is unknown).
void needMetadataDevice(TargetCheckContext& c, const Options& o, uint64_t start, uint32_t tagSize) {
  IntegrityFormat format{start, tagSize, o.blockSize / 512, o.journalSectors, 0, o.journalMac.at.has_value(), false};
  uint64_t dataSectors = c.length();
  if (std::optional<DiskFacts> data = c.diskFactsOf(kDeviceArg); data && data->sectors)
    dataSectors = std::max(dataSectors, *data->sectors);
  c.needDeviceAreaInArg(*o.metaDevice, kMetaDevicePrefix.size(), 0,
                        integrityMetadataDeviceSectorsFor(format, dataSectors), kMetaTooSmallText.data());
}

// calculate_device_limits with an existing superblock's layout: all the data sectors it
// records must fit its devices, and the table may map no more of them.
void needSuperblockLayout(TargetCheckContext& c, const Options& o, const IntegritySuperblock& sb, uint64_t start,
                          std::string_view holder) {
  IntegrityFormat format{start, sb.tagSize, o.blockSize / 512, 0, 0, o.journalMac.at.has_value(),
                         (sb.flags & IntegritySuperblock::kFixedPadding) != 0};
  uint64_t journal = integrityJournalSectionSectors(format) * sb.journalSections;
  if (o.metaDevice) {
    c.useDevice(kDeviceArg, 0, c.length(), std::nullopt);
    c.needDeviceAreaInArg(*o.metaDevice, kMetaDevicePrefix.size(), 0,
                          integrityMetadataDeviceSectorsFor(format, sb.providedDataSectors, sb.journalSections),
                          kDeviceTooSmallText.data());
  } else {
    format.journalSectors = journal > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(journal);
    format.interleaveSectors = uint32_t{1} << sb.log2InterleaveSectors;  // 3..31, checked above
    std::optional<uint64_t> sectors = integrityDeviceSectorsFor(format, sb.providedDataSectors);
    if (!sectors || journal > UINT32_MAX) {
      c.failAt(kDeviceArg, kDeviceTooSmallText,
               fmt::format("no device holds the {} data sectors the superblock records", sb.providedDataSectors));
      return;
    }
    c.needDeviceArea(kDeviceArg, start, *sectors - start, kStartArg, kDeviceTooSmallText.data());
  }
  if (c.length() > sb.providedDataSectors) {
    c.failAtType(kNotEnoughSectorsText,
                 fmt::format("the superblock on {} provides {} data sectors; the table maps {}", holder,
                             sb.providedDataSectors, c.length()));
  }
}

// With --host-devices the device holding the superblock is read: one that has a superblock
// is checked against it, as the constructor does (the layout is then the superblock's, not
// the table's). Returns whether it had one; false with c.failed() when the line fails.
bool checkExistingSuperblock(TargetCheckContext& c, const Options& o, uint64_t start, uint32_t tagSize) {
  std::string_view holder = o.metaDevice ? c.arg(*o.metaDevice).substr(kMetaDevicePrefix.size()) : c.arg(kDeviceArg);
  size_t holderAt = o.metaDevice ? *o.metaDevice : kDeviceArg;
  std::optional<std::array<uint8_t, 512>> sector = c.readDiskSector(holder, start);
  if (!sector) return false;
  IntegritySuperblockRead read = decodeIntegritySuperblock(*sector);
  if (read.kind == IntegritySuperblockKind::Zeroed) return false;
  if (read.kind == IntegritySuperblockKind::Garbage) {
    c.failAt(holderAt, "The device is not initialized",
             fmt::format("sector {} of {} holds neither a dm-integrity superblock nor zeros, and only a zeroed "
                         "device is formatted; wipe it if its data is not needed",
                         start, holder));
    return true;
  }
  const IntegritySuperblock& sb = read.superblock;
  IntegrityTableAsks asks{tagSize, o.blockSize / 512, o.metaDevice.has_value(), o.journalMac.at.has_value(),
                          static_cast<uint8_t>(c.has(KernelFeature::IntegrityInlineMode) ? 6 : 5)};
  if (auto mismatch = integritySuperblockMismatch(sb, asks)) {
    std::string why = fmt::format("{} (superblock at sector {} of {})", mismatch->explanation, start, holder);
    if (mismatch->field == IntegritySuperblockField::TagSize) c.failAt(kTagSizeArg, mismatch->kernelText, why);
    else if (mismatch->field == IntegritySuperblockField::Device) c.failAt(holderAt, mismatch->kernelText, why);
    else c.failAtType(mismatch->kernelText, why);
    return true;
  }
  needSuperblockLayout(c, o, sb, start, holder);
  return true;
}

void checkIntegrity(TargetCheckContext& c) {
  bool inlineMode = c.has(KernelFeature::IntegrityInlineMode);
  if (c.argCount() <= kOptionCountArg) {
    return c.failAt(c.argCount(), "Invalid argument count",
                    fmt::format("integrity takes <device> <start> <tag_size|-> <mode> <#options> [<option>...], "
                                "the option count included; {} given",
                                c.argCount()));
  }
  auto start = ArgCursor::at(c, kStartArg).sector("Invalid starting offset");
  if (!start) return;
  std::optional<uint64_t> tagSize;  // nullopt: '-', from the internal hash
  if (c.arg(kTagSizeArg) != "-") {
    tagSize = ArgCursor::at(c, kTagSizeArg).scan(32, "Invalid tag size");
    if (!tagSize) return;
    if (*tagSize == 0)
      return c.failAt(kTagSizeArg, "Invalid tag size", "the tag size must not be 0; give '-' to use the internal "
                                                       "hash's digest size");
  }
  std::string_view mode = c.arg(kModeArg);
  bool modeOk = mode == "J" || mode == "B" || mode == "D" || mode == "R" || (inlineMode && mode == "I");
  if (!modeOk) {
    return c.failAt(kModeArg, inlineMode ? "Invalid mode (expecting J, B, D, R, I)" : "Invalid mode (expecting J, B, D, R)",
                    fmt::format("{} is not a mode: J journals writes, B tracks them in a bitmap, D writes directly, "
                                "R recovers (read-only){} (one upper-case letter)",
                                quoteToken(mode), inlineMode ? ", I keeps tags inline in the device's metadata" : ""));
  }
  auto options = readOptions(c);
  if (!options) return;

  ResolvedAlgorithm internal, mac;
  if (!checkMac(c, options->internalHash, "Invalid internal hash", "Error setting internal hash key", internal)) return;
  if (!checkMac(c, options->journalMac, "Invalid journal mac", "Error setting journal mac key", mac)) return;
  bool hasInternal = options->internalHash.at.has_value();
  if (!tagSize) {
    if (!hasInternal) {
      return c.failAt(kTagSizeArg, "Unknown tag size",
                      "with tag size '-' the tag is the internal hash's digest, but no internal_hash:<alg> is given");
    }
    tagSize = internal.size;
  }
  if (tagSize && *tagSize > kMaxTagSize) {
    return c.failAt(kTagSizeArg, "Too big tag size",
                    fmt::format("the tag size is {} bytes; it must be at most {}", *tagSize, kMaxTagSize));
  }
  if (inlineMode && mode == "I") {
    if (options->metaDevice)
      return c.failAt(*options->metaDevice, "Metadata device not supported in inline mode",
                      "inline mode keeps the tags in the device's own metadata space; remove meta_device:");
    if (!hasInternal)
      return c.failAt(kModeArg, "Internal hash not set in inline mode", "inline mode needs internal_hash:<alg>");
    if (options->journalCrypt.at || options->journalMac.at)
      return c.failAt(options->journalCrypt.at.value_or(options->journalMac.at.value_or(kModeArg)),
                      "Journal crypt not supported in inline mode", "inline mode has no journal to encrypt or sign");
    if (options->discard)
      return c.failAt(*options->discard, "Discards not supported in inline mode", "remove allow_discards");
  }
  if (mode == "B" && !hasInternal) {
    return c.failAt(kModeArg, "Bitmap mode can be only used with internal hash",
                    "mode B recalculates tags after a crash, so it needs internal_hash:<alg>");
  }
  if (options->discard && !hasInternal) {
    return c.failAt(*options->discard, "Discard can be only used with internal hash",
                    "allow_discards needs internal_hash:<alg>");
  }
  // The superblock is marked for recalculation, and without an internal hash nothing can
  // compute the tags (upstream since 5.11, stable 4.19 and later).
  if (options->recalculate && !hasInternal) {
    return c.failAt(*options->recalculate, "Recalculate can only be specified with internal_hash",
                    fmt::format("{} recomputes the tags with the internal hash: give internal_hash:<alg>",
                                c.arg(*options->recalculate)));
  }
  if (!checkKeyedRecalculate(c, *options)) return;
  // With a separate metadata device the data device is used from 0; otherwise the target
  // takes the device from the start: superblock, journal, then tags and data.
  // Inline mode (I) keeps another superblock layout; it is checked as a fresh device.
  if (mode != "I" && checkExistingSuperblock(c, *options, *start, static_cast<uint32_t>(*tagSize))) {
    if (c.failed()) return;
  } else if (options->metaDevice) {
    c.useDevice(kDeviceArg, 0, c.length(), std::nullopt);
    // The kernel opens meta_device:<dev> while reading the options ("Device lookup failed"),
    // and it must hold the tags of the whole data device.
    needMetadataDevice(c, *options, *start, static_cast<uint32_t>(*tagSize));
  } else {
    needProvidedSectors(c, *options, *start, static_cast<uint32_t>(*tagSize));
  }
  // dm_integrity_io_hints: block_size:N becomes the device's logical block size, so the
  // table's lines and the areas they map must be aligned to it.
  c.setLogicalBlockSize(options->blockSize);
  // Without an internal hash the tags come from above: the 6.1 constructor registers
  // dm-integrity's profile (dm_integrity_set), which dm-crypt's integrity mode needs.
  if (!hasInternal) c.offerIntegrityProfile(IntegrityProfile{static_cast<uint32_t>(*tagSize), options->blockSize});
}

// internal_hash:, journal_crypt: and journal_mac: ask the crypto API for their algorithm.
void cryptoNames(const std::vector<std::string>& args, std::vector<std::string>& names) {
  for (std::string_view option : args)
    for (std::string_view name : {"internal_hash:", "journal_crypt:", "journal_mac:"}) {
      if (!startsWith(option, name)) continue;
      std::string_view value = option.substr(name.size());
      addCryptoApiNames(value.substr(0, value.find(':')), names);
    }
}

}  // namespace

extern const TargetType kTarget_integrity{
    .name = "integrity",
    .summary = "stores integrity tags beside each sector",
    .usage = "<dev> <start> <tag_size|-> <mode> <#opt> [<opt>...]",
    .features61 = kSingleton | kIntegrity,
    .features72 = kSingleton | kIntegrity,
    .queue = QueueKind::Bio,
    .check = checkIntegrity,
    .secrets = findIntegritySecrets,
    .cryptoNames = cryptoNames,
};

}  // namespace dmc
