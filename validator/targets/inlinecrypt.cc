// inlinecrypt: <cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...]
// crypt's table syntax, encrypting through inline encryption hardware (blk-crypto) instead of
// the crypto API (drivers/md/dm-inlinecrypt.c; docs/kernel-rules.md says which posting these
// rules follow).
//
// The kernel's order: at least 5 arguments; the cipher (only aes-xts-plain64); the key size
// (hex digits: an even number, at most 2 x 128; or ":<size>:logon:<description>") and the key
// itself (hex, or a logon key description without blanks); the IV offset and start sector
// ("%llu"); the device; the optional group (at most 4: keytype:raw|hw-wrapped, allow_discards,
// sector_size:<512..4096, a power of 2>, iv_large_sectors, which a sector_size above 512
// needs); the target length in whole crypto sectors; then the key against the mode (a raw
// AES-256-XTS key is 64 bytes, a hardware-wrapped one 32 to 128). Whether the device below
// can encrypt inline (or blk-crypto's fallback is built) is only known to the kernel.
//
// One known difference from what the kernel's words promise: it sets "Wrong alignment of
// iv_offset sector" for an IV offset that is not a multiple of the crypto sector, but goes on
// and loads the table; dmc does the same and says nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/kernel_number.h"
#include "validator/ctr/number_field.h"
#include "validator/target_check_context.h"
#include "validator/target_secrets.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kCipherArg = 0;
constexpr size_t kKeyArg = 1;
constexpr size_t kIvOffsetArg = 2;
constexpr size_t kDeviceArg = 3;
constexpr size_t kStartArg = 4;
constexpr size_t kFirstOptionalArg = 5;

constexpr std::string_view kCipher = "aes-xts-plain64";  // the only entry of dm_inlinecrypt_ciphers
constexpr uint32_t kMaxAnyKeyBytes = 128;                  // BLK_CRYPTO_MAX_ANY_KEY_SIZE
constexpr uint32_t kXtsKeyBytes = 64;                      // BLK_ENCRYPTION_MODE_AES_256_XTS's key size
constexpr uint32_t kXtsSecurityStrength = 32;              // ... and its security strength

enum class KeyType : uint8_t { Raw, HardwareWrapped };

struct Key {
  uint32_t bytes = 0;
  bool keyring = false;
};

bool isHexDigit(char ch) {
  return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

bool hasBlank(std::string_view text) { return text.find_first_of(" \t\n\v\f\r") != std::string_view::npos; }

// get_key_size(): how many bytes the key argument gives; never quotes the key.
std::optional<Key> readKeySize(TargetCheckContext& c) {
  std::string_view key = c.arg(kKeyArg);
  if (key.empty() || key.front() != ':') {
    if (key.size() % 2 != 0 || key.size() > 2 * kMaxAnyKeyBytes) {
      c.failAt(kKeyArg, "Cannot parse key size",
               fmt::format("the key has {} hex digits; it needs an even number, at most {}", key.size(),
                           2 * kMaxAnyKeyBytes));
      return std::nullopt;
    }
    return Key{static_cast<uint32_t>(key.size() / 2), false};
  }
  // ":<size>:<type>:<description>": the size is the digits up to the second ':'.
  const size_t colon = key.find(':', 1);
  KernelNumber size = colon == std::string_view::npos ? KernelNumber{} : scanUnsigned(key.substr(1, colon - 1), 32);
  if (!size.ok()) {
    c.failAt(kKeyArg, "Cannot parse key size",
             "a keyring key is :<size>:logon:<description>, its size a decimal number of bytes");
    return std::nullopt;
  }
  return Key{static_cast<uint32_t>(size.value), true};
}

// inlinecrypt_get_key(): the key bytes themselves, or the keyring key's type and description.
bool readKey(TargetCheckContext& c, const Key& key) {
  std::string_view text = c.arg(kKeyArg);
  std::string why;
  if (key.bytes > kMaxAnyKeyBytes) {
    why = fmt::format("the key is {} bytes; blk-crypto keys have at most {}", key.bytes, kMaxAnyKeyBytes);
  } else if (key.keyring) {
    std::string_view rest = text.substr(text.find(':', 1) + 1);  // <type>:<description>
    const size_t colon = rest.find(':');
    if (hasBlank(rest))
      why = "a keyring key description must not contain blanks";
    else if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size())
      why = "a keyring key is :<size>:logon:<description>, with a description after the type";
    else if (rest.substr(0, colon) != "logon")
      why = "inlinecrypt takes keyring keys of type logon only";
  } else {
    for (char ch : text) {
      if (!isHexDigit(ch)) {
        why = "the key must be hexadecimal digits";
        break;
      }
    }
  }
  if (why.empty()) return true;
  c.failAt(kKeyArg, "Malformed key string", why);
  return false;
}

struct Options {
  uint32_t sectorSize = 512;
  KeyType keyType = KeyType::Raw;
  std::optional<size_t> sectorSizeAt;
  std::optional<size_t> keyTypeAt;
};

// One word of the optional group (inlinecrypt_ctr_optional); words are case-sensitive.
bool readOption(TargetCheckContext& c, size_t at, Options& o, bool& ivLargeSectors) {
  std::string_view word = c.arg(at);
  constexpr std::string_view kKeyType = "keytype:";
  constexpr std::string_view kSectorSize = "sector_size:";
  if (word.starts_with(kKeyType)) {
    std::string_view type = word.substr(kKeyType.size());
    if (type != "raw" && type != "hw-wrapped") {
      c.failAt(at, "Invalid block key type", "keytype: is raw or hw-wrapped");
      return false;
    }
    o.keyType = type == "raw" ? KeyType::Raw : KeyType::HardwareWrapped;
    o.keyTypeAt = at;
    return true;
  }
  if (word == "allow_discards") return true;
  if (word == "iv_large_sectors") {
    ivLargeSectors = true;
    return true;
  }
  if (word.starts_with(kSectorSize) && word.size() > kSectorSize.size()) {
    std::string_view digits = word.substr(kSectorSize.size());
    KernelNumber size = scanUnsigned(digits, 32);
    if (size.status == NumberStatus::Overflow) {
      c.failAt(at, "Invalid sector_size", "the sector size " + overflowProblem(NumberForm::Scan, 32));
      return false;
    }
    if (size.ok()) {
      if (size.value < 512 || size.value > 4096 || !isPowerOfTwo(size.value)) {
        c.failAt(at, "Invalid sector_size",
                 fmt::format("the sector size is {} bytes; it must be 512, 1024, 2048 or 4096", size.value));
        return false;
      }
      o.sectorSize = static_cast<uint32_t>(size.value);
      o.sectorSizeAt = at;
      return true;
    }
  }
  c.failAt(at, "Invalid feature arguments",
           "the features are keytype:<raw|hw-wrapped>, allow_discards, sector_size:<bytes> and iv_large_sectors");
  return false;
}

std::optional<Options> readOptions(TargetCheckContext& c) {
  Options o;
  if (c.argCount() <= kFirstOptionalArg) return o;
  ArgCursor args = ArgCursor::at(c, kFirstOptionalArg);
  bool ivLargeSectors = false;
  bool ok = readFeatureGroup(args, {0, 4, "Invalid number of feature args", "the feature count"},
                             [&](size_t at, uint32_t& /*left*/) { return readOption(c, at, o, ivLargeSectors); });
  if (!ok) return std::nullopt;
  if (o.sectorSize != 512 && !ivLargeSectors) {
    c.failAt(*o.sectorSizeAt, "iv_large_sectors must be specified",
             fmt::format("inlinecrypt counts IVs in {}-byte sectors only: add iv_large_sectors next to sector_size:{}",
                         o.sectorSize, o.sectorSize));
    return std::nullopt;
  }
  return o;
}

// blk_crypto_init_key(): the key against the mode and key type.
bool checkKeyForMode(TargetCheckContext& c, const Key& key, const Options& o) {
  if (o.keyType == KeyType::Raw && key.bytes != kXtsKeyBytes) {
    c.failAt(kKeyArg, "Error initializing blk-crypto key",
             fmt::format("aes-xts-plain64 takes a {}-byte raw key (AES-256-XTS); the key is {} bytes", kXtsKeyBytes,
                         key.bytes));
    return false;
  }
  if (o.keyType == KeyType::HardwareWrapped && (key.bytes < kXtsSecurityStrength || key.bytes > kMaxAnyKeyBytes)) {
    c.failAt(kKeyArg, "Error initializing blk-crypto key",
             fmt::format("a hardware-wrapped AES-256-XTS key is {} to {} bytes; the key is {} bytes",
                         kXtsSecurityStrength, kMaxAnyKeyBytes, key.bytes));
    return false;
  }
  return true;
}

void checkInlinecrypt(TargetCheckContext& c) {
  if (c.argCount() < 5) {
    return c.failAt(c.argCount(), "Not enough arguments",
                    fmt::format("inlinecrypt takes <cipher> <key> <iv_offset> <device> <offset> [<#features> "
                                "<feature>...]; {} given",
                                c.argCount()));
  }
  if (c.arg(kCipherArg) != kCipher)
    return c.failAt(kCipherArg, "Unsupported cipher",
                    fmt::format("inlinecrypt supports {} only", kCipher));
  auto key = readKeySize(c);
  if (!key || !readKey(c, *key)) return;
  if (!ArgCursor::at(c, kIvOffsetArg).sector("Invalid iv_offset sector")) return;
  auto start = ArgCursor::at(c, kStartArg).sector("Invalid start sector");
  if (!start) return;
  auto options = readOptions(c);
  if (!options) return;
  const uint64_t perSector = options->sectorSize / 512;
  if (c.length() % perSector != 0) {
    return c.failAt(*options->sectorSizeAt, "Device size is not a multiple of sector_size",
                    fmt::format("the target is {} sectors; with sector_size:{} it must be a multiple of {}",
                                c.length(), options->sectorSize, perSector));
  }
  if (!checkKeyForMode(c, *key, *options)) return;
  c.useDevice(kDeviceArg, *start, c.length(), kStartArg);
  c.setLogicalBlockSize(options->sectorSize);  // inlinecrypt_io_hints keeps the larger
}

}  // namespace

extern const TargetType kTarget_inlinecrypt{
    .name = "inlinecrypt",
    .summary = "encrypts with inline encryption hardware (blk-crypto), in crypt's table syntax",
    .usage = "<cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...]",
    .features61 = 0,
    .features72 = kZonedHostManaged,
    .queue = QueueKind::Bio,
    .check = checkInlinecrypt,
    .secrets = findKeyInSecondArgument,
};

}  // namespace dmc
