// crypt: <cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...]  (drivers/md/dm-crypt.c)
//
// The kernel's order: argument count; key size (from the key text); optional arguments (read
// before the cipher, as sector_size and integrity change how the cipher is set up); cipher
// spec; IV mode; key; IV set-up; iv_offset; device; offset. The crypto API name the spec
// becomes must resolve among the algorithms Debian's 6.1 kernel has (crypto_algorithms.h);
// beyond that dmc judges cipher and key only where the outcome is certain: IV mode names for
// ciphers that certainly have IVs, hex decoding, and key lengths for AES in the modes below.
//
// SECRET: argument 1 is a key. No message may contain it or any part of it: say "the key".
#include <array>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "support/display_escape.h"
#include "validator/crypto_algorithms.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/ctr/kernel_number.h"
#include "validator/one_to_one_mapping.h"
#include "validator/target_check_context.h"
#include "validator/target_secrets.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kCipherArg = 0;
constexpr size_t kKeyArg = 1;
constexpr size_t kIvOffsetArg = 2;
constexpr size_t kDeviceArg = 3;
constexpr size_t kOffsetArg = 4;
constexpr size_t kFeatureCountArg = 5;

constexpr uint32_t kMaxTagSize = 480;          // MAX_TAG_SIZE
constexpr size_t kMaxAlgName = 128;            // CRYPTO_MAX_ALG_NAME, with its NUL
constexpr uint64_t kElephantMaxKeySize = 32;   // ELEPHANT_MAX_KEY_SIZE
constexpr uint32_t kKeyIntMax = 0x7fffffff;    // get_key_size() returns an int

// --- key size -------------------------------------------------------------------------------

struct KeyText {
  uint64_t size = 0;            // cc->key_size in bytes
  bool keyring = false;         // :<size>:<type>:<description>
  std::string_view rest;        // keyring: ":<type>:<description>" (what crypt_set_key() sees)
};

// get_key_size(): a hex key gives strlen/2 bytes (an odd last digit is ignored); the keyring
// form gives the decimal size between the first two colons.
std::optional<KeyText> readKeySize(TargetCheckContext& c) {
  std::string_view key = c.arg(kKeyArg);
  KeyText out;
  if (key.front() != ':') {
    out.size = key.size() / 2;
    return out;
  }
  size_t colon = key.find(':', 1);
  std::string_view digits = key.substr(1, colon == std::string_view::npos ? std::string_view::npos : colon - 1);
  KernelNumber size = scanUnsigned(digits, 32);
  if (colon == std::string_view::npos || !size.ok() || size.value > kKeyIntMax) {
    std::string why;
    if (colon == std::string_view::npos)
      why = "the key starts with ':', so it must be the keyring form :<key_size>:<type>:<description>, "
            "but it has no second ':' after the size";
    else if (size.status == NumberStatus::Overflow || (size.ok() && size.value > kKeyIntMax))
      why = fmt::format("the keyring key size ({} digits) is too large; the kernel reads it as an int", digits.size());
    else
      why = "the key starts with ':', so it must be the keyring form :<key_size>:<type>:<description>, "
            "with <key_size> a decimal number of bytes, digits only";
    c.failAt(kKeyArg, "Cannot parse key size", why);
    return std::nullopt;
  }
  out.size = size.value;
  out.keyring = true;
  out.rest = key.substr(colon);
  return out;
}

// --- optional arguments ---------------------------------------------------------------------

struct Features {
  uint32_t sectorSize = 512;     // bytes
  bool integrity = false;        // integrity:<bytes>:<profile> given
  bool aead = false;             // ... with profile aead
  uint32_t tagBytes = 0;         // ... its <bytes>: the on-disk tag a sector
  std::optional<size_t> integrityAt;
  std::optional<size_t> sectorSizeAt;
};

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// Reads sscanf("<prefix>%u...") the kernel's way: the digits right after the prefix. Returns
// the digits (possibly empty) and what follows them.
std::pair<std::string_view, std::string_view> digitsAfter(std::string_view text, std::string_view prefix) {
  std::string_view rest = text.substr(prefix.size());
  size_t n = 0;
  while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
  return {rest.substr(0, n), rest.substr(n)};
}

constexpr std::array<std::string_view, 6> kFlags61 = {"allow_discards",     "same_cpu_crypt",
                                                      "submit_from_crypt_cpus", "no_read_workqueue",
                                                      "no_write_workqueue", "iv_large_sectors"};

bool isFlag(std::string_view option, const KernelChoice& kernel) {
  for (std::string_view flag : kFlags61)
    if (equalsIgnoringCase(option, flag)) return true;
  return kernel.has(KernelFeature::CryptHighPriority) && equalsIgnoringCase(option, "high_priority");
}

std::string knownFeatures(const KernelChoice& kernel) {
  return fmt::format("allow_discards, same_cpu_crypt, {}submit_from_crypt_cpus, no_read_workqueue, "
                     "no_write_workqueue, iv_large_sectors, integrity:<bytes>:<aead|none>, {}sector_size:<bytes>",
                     kernel.has(KernelFeature::CryptHighPriority) ? "high_priority, " : "",
                     kernel.has(KernelFeature::CryptIntegrityKeySize) ? "integrity_key_size:<bytes>, " : "");
}

// integrity:<bytes>:<aead|none>. The kernel matches "integrity:%u:" (the prefix is case
// sensitive) and takes the profile after the next ':'.
bool readIntegrity(TargetCheckContext& c, size_t at, std::string_view option, Features& f) {
  auto [digits, after] = digitsAfter(option, "integrity:");
  KernelNumber bytes = scanUnsigned(digits, 32);
  if (!bytes.ok() || bytes.value == 0 || bytes.value > kMaxTagSize) {
    c.failAt(at, "Invalid integrity arguments",
             bytes.ok() ? fmt::format("the integrity tag size is {} bytes; it must be from 1 to {}", bytes.value,
                                      kMaxTagSize)
                        : fmt::format("the integrity tag size {}; it must be from 1 to {}",
                                      overflowProblem(NumberForm::Scan, 32), kMaxTagSize));
    return false;
  }
  size_t colon = option.find(':', std::string_view("integrity:").size());
  if (colon == std::string_view::npos) {
    c.failAt(at, "Invalid integrity arguments",
             "integrity:<bytes> must be followed by :aead or :none; without it the kernel does not report an error "
             "but dereferences a null pointer (a kernel oops)");
    return false;
  }
  std::string_view profile = option.substr(colon + 1);
  if (equalsIgnoringCase(profile, "aead")) {
    f.aead = true;
  } else if (!equalsIgnoringCase(profile, "none")) {
    c.failAt(at, "Unknown integrity profile",
             fmt::format("the integrity profile is {}; it must be aead (authenticated encryption) or none "
                         "(space for the IV only)",
                         quoteToken(profile)));
    return false;
  }
  f.integrity = true;
  f.integrityAt = at;
  f.tagBytes = static_cast<uint32_t>(bytes.value);
  return true;
}

// sector_size:<bytes>, "%hu%c": digits to the end, 512..4096, a power of two; the target length
// must be a multiple of it.
bool readSectorSize(TargetCheckContext& c, size_t at, std::string_view digits, Features& f) {
  KernelNumber value = scanUnsigned(digits, 16);
  if (!value.ok() || value.value < 512 || value.value > 4096 || !isPowerOfTwo(value.value)) {
    c.failAt(at, "Invalid feature value for sector_size",
             value.ok() ? fmt::format("the sector size is {} bytes; it must be 512, 1024, 2048 or 4096", value.value)
                        : fmt::format("the sector size {}; it must be 512, 1024, 2048 or 4096",
                                      overflowProblem(NumberForm::Scan, 16)));
    return false;
  }
  uint64_t sectors = value.value / 512;
  if (c.length() % sectors != 0) {
    c.failAt(at, "Device size is not multiple of sector_size feature",
             fmt::format("the target is {} sectors long, which is not a multiple of {} sectors ({} bytes)", c.length(),
                         sectors, value.value));
    return false;
  }
  f.sectorSize = static_cast<uint32_t>(value.value);
  f.sectorSizeAt = at;
  return true;
}

std::optional<Features> readFeatures(TargetCheckContext& c) {
  Features f;
  if (c.argCount() <= kFeatureCountArg) return f;
  // high_priority raised the kernel's cap on the feature count by one.
  uint32_t maxCount = c.has(KernelFeature::CryptHighPriority) ? 9u : 8u;
  ArgCursor args(c, kFeatureCountArg, c.argCount() - kFeatureCountArg);
  const bool read = readFeatureGroup(
      args, {0, maxCount, "Invalid number of feature args", "the feature count"}, [&](size_t at, uint32_t& /*left*/) {
        std::string_view option = c.arg(at);
        if (isFlag(option, c.kernel())) return true;
        if (startsWith(option, "integrity:") && !digitsAfter(option, "integrity:").first.empty()) {
          return readIntegrity(c, at, option, f);
        }
        if (c.has(KernelFeature::CryptIntegrityKeySize) && startsWith(option, "integrity_key_size:")) {
          auto [digits, after] = digitsAfter(option, "integrity_key_size:");
          if (!digits.empty() && after.empty()) {
            KernelNumber n = scanUnsigned(digits, 32);
            if (!n.ok() || n.value == 0) {
              c.failAt(at, "Invalid integrity_key_size argument",
                       n.ok() ? std::string("the integrity key size must not be 0")
                              : "the integrity key size " + overflowProblem(NumberForm::Scan, 32));
              return false;
            }
            return true;
          }
        }
        if (startsWith(option, "sector_size:")) {
          auto [digits, after] = digitsAfter(option, "sector_size:");
          if (!digits.empty() && after.empty()) return readSectorSize(c, at, digits, f);
        }
        c.failAt(at, "Invalid feature arguments",
                 fmt::format("{} is not a crypt feature; the features are {} (names in any case, but the {} "
                             "prefixes in lower case and their numbers in decimal digits)",
                             quoteToken(option), knownFeatures(c.kernel()),
                             c.has(KernelFeature::CryptIntegrityKeySize) ? "integrity:, integrity_key_size: and sector_size:"
                                                                          : "integrity: and sector_size:"));
        return false;
      });
  if (!read) return std::nullopt;
  return f;
}

// --- cipher specification ---------------------------------------------------------------------

// Whether the cipher certainly has an IV (so the IV mode is used and must be valid), certainly
// has none (ECB: the IV mode is ignored), or dmc does not judge it (other modes and ciphers).
enum class IvUse : uint8_t { Yes, No, Unknown };

// Block ciphers with 16-byte blocks that Debian builds, and the chaining modes that give them
// an IV in every kernel (all built by Debian too).
constexpr std::array<std::string_view, 4> kBlockCiphers = {"aes", "twofish", "serpent", "camellia"};
constexpr std::array<std::string_view, 5> kIvModes = {"cbc", "ctr", "xts", "lrw", "pcbc"};

bool contains(std::span<const std::string_view> list, std::string_view word) {
  for (std::string_view w : list)
    if (w == word) return true;
  return false;
}

// Key lengths per mode of the ciphers whose key is 16, 24 or 32 bytes (crypto/aes, twofish,
// camellia; xts.c: two keys of one cipher size, lrw.c: a cipher key and a 16-byte tweak key).
// Serpent takes any key up to 32 bytes, so it is not listed.
struct KeyedMode {
  std::string_view chain;
  std::array<uint32_t, 3> keyBytes;
};
constexpr std::array<KeyedMode, 6> kKeyedModes = {{{"cbc", {16, 24, 32}},
                                                   {"ecb", {16, 24, 32}},
                                                   {"ctr", {16, 24, 32}},
                                                   {"pcbc", {16, 24, 32}},
                                                   {"xts", {32, 48, 64}},
                                                   {"lrw", {32, 40, 48}}}};
constexpr std::array<std::string_view, 3> kCiphersOf16To32ByteKeys = {"aes", "twofish", "camellia"};

const KeyedMode* keyedMode(std::string_view chain, std::string_view cipher) {
  bool known = false;
  for (std::string_view c : kCiphersOf16To32ByteKeys) known = known || c == cipher;
  if (!known) return nullptr;
  for (const KeyedMode& mode : kKeyedModes)
    if (mode.chain == chain) return &mode;
  return nullptr;
}

struct CipherSpec {
  std::string_view ivmode;   // empty with hasIvmode false: none given
  bool hasIvmode = false;
  std::string_view ivopts;
  bool hasIvopts = false;
  uint64_t tfmsCount = 1;
  IvUse iv = IvUse::Unknown;
  const KeyedMode* keyed = nullptr;  // key lengths known
  std::string_view cipher;           // the block cipher, when keyed is set
  std::string_view api;              // the capi: form's crypto API name ("gcm(aes)")
  uint32_t ivBytes = 0;              // the transform's IV size (at least 8); 0: not known
};

// "<chain>(<cipher>)" split into its two names, or nullopt for any other shape.
std::optional<std::pair<std::string_view, std::string_view>> splitTemplate(std::string_view api) {
  size_t open = api.find('(');
  if (open == std::string_view::npos || open == 0 || api.back() != ')') return std::nullopt;
  std::string_view inner = api.substr(open + 1, api.size() - open - 2);
  if (inner.empty() || inner.find_first_of("(),") != std::string_view::npos) return std::nullopt;
  return std::make_pair(api.substr(0, open), inner);
}

IvUse ivUseOf(std::string_view chain, std::string_view cipher) {
  if (chain == "ecb") return IvUse::No;
  if (contains(kIvModes, chain) && contains(kBlockCiphers, cipher)) return IvUse::Yes;
  return IvUse::Unknown;
}

// Every cipher of kBlockCiphers has 16-byte blocks, so each mode of kIvModes over one takes a
// 16-byte IV.
constexpr uint32_t kBlockCipherIvBytes = 16;

// crypto_aead_ivsize() of the AEADs dmc knows, raised to 8 as crypt_ctr does (room for a
// 64-bit sector number); 0: not known.
uint32_t aeadIvBytes(std::string_view api) {
  if (api == "gcm(aes)") return 12;
  if (api == "ccm(aes)") return 16;
  if (api == "rfc4106(gcm(aes))" || api == "rfc4309(ccm(aes))") return 8;
  return 0;
}

// Why crypto_aead_setauthsize() refuses an authentication tag of `bytes` for this AEAD;
// nullopt when it takes it, or when dmc does not know the AEAD's rule.
std::optional<std::string> authSizeProblem(std::string_view api, uint32_t bytes) {
  auto oneOf = [&](std::initializer_list<uint32_t> sizes, std::string_view list) -> std::optional<std::string> {
    for (uint32_t size : sizes)
      if (size == bytes) return std::nullopt;
    return fmt::format("{} takes authentication tags of {} bytes, not {}", api, list, bytes);
  };
  if (api == "gcm(aes)") return oneOf({4, 8, 12, 13, 14, 15, 16}, "4, 8 or 12 to 16");
  if (api == "ccm(aes)") return oneOf({4, 6, 8, 10, 12, 14, 16}, "4 to 16 (even)");
  if (api == "rfc4106(gcm(aes))" || api == "rfc4309(ccm(aes))") return oneOf({8, 12, 16}, "8, 12 or 16");
  if (startsWith(api, "authenc(")) {
    // authenc(<mac>,<cipher>): any tag up to the MAC's digest size.
    std::string_view inner = api.substr(8, api.size() - 9);
    int depth = 0;
    size_t comma = std::string_view::npos;
    for (size_t i = 0; i < inner.size() && comma == std::string_view::npos; ++i) {
      if (inner[i] == '(') ++depth;
      else if (inner[i] == ')') --depth;
      else if (inner[i] == ',' && depth == 0) comma = i;
    }
    if (comma == std::string_view::npos) return std::nullopt;
    ResolvedAlgorithm mac = resolveAlgorithm(inner.substr(0, comma), AlgorithmKind::Hash);
    if (!mac.ok || mac.size == 0 || bytes <= mac.size) return std::nullopt;
    return fmt::format("{} gives at most {}-byte authentication tags (its MAC's digest), not {}", api, mac.size,
                       bytes);
  }
  return std::nullopt;
}

// crypt_alloc_tfms(): the kernel allocates the transform by the name the spec became, and a
// name it does not have fails the allocation (-ENOENT).
bool allocatesTfm(TargetCheckContext& c, std::string_view api, bool aead) {
  ResolvedAlgorithm tfm = resolveAlgorithm(api, aead ? AlgorithmKind::Aead : AlgorithmKind::Skcipher);
  if (tfm.ok) return true;
  c.failAt(kCipherArg, "Error allocating crypto tfm",
           fmt::format("this spec asks the crypto API for {}{}: {}", api, aead ? " (an AEAD)" : "", tfm.problem));
  return false;
}

// The capi: form, "capi:<crypto API spec>[-<ivmode>][:<ivopts>]" (crypt_ctr_cipher_new).
std::optional<CipherSpec> readCapiSpec(TargetCheckContext& c, const Features& f) {
  std::string_view spec = c.arg(kCipherArg).substr(std::string_view("capi:").size());
  CipherSpec out;
  size_t colon = spec.rfind(':');
  if (colon != std::string_view::npos) {
    out.ivopts = spec.substr(colon + 1);
    out.hasIvopts = true;
    spec = spec.substr(0, colon);
  }
  size_t dash = spec.rfind('-');
  if (dash != std::string_view::npos) {
    out.ivmode = spec.substr(dash + 1);
    out.hasIvmode = true;
    spec = spec.substr(0, dash);
  }
  std::string_view api = spec;
  if (f.aead && startsWith(api, "authenc(")) {
    size_t comma = api.find(',');
    if (comma == std::string_view::npos || comma == std::string_view("authenc(").size()) {
      c.failAt(kCipherArg, "Invalid AEAD cipher spec",
               "an authenc(<mac>,<cipher>) spec needs a MAC algorithm before its ',', such as "
               "capi:authenc(hmac(sha256),xts(aes))-random");
      return std::nullopt;
    }
  }
  if (out.hasIvmode && out.ivmode == "lmk") {
    if (f.aead && !c.has(KernelFeature::CryptLmkWithAead)) {
      c.failAt(kCipherArg, "AEAD transforms not supported for LMK",
               "the lmk IV mode cannot be used with integrity:<bytes>:aead");
      return std::nullopt;
    }
    out.tfmsCount = 64;
  }
  bool essiv = out.hasIvmode && out.ivmode == "essiv";
  if (essiv && !out.hasIvopts) {
    c.failAt(kCipherArg, "Digest algorithm missing for ESSIV mode",
             "the essiv IV mode needs a hash after a ':', such as capi:cbc(aes)-essiv:sha256");
    return std::nullopt;
  }
  if (essiv && std::string_view("essiv(,)").size() + api.size() + out.ivopts.size() >= kMaxAlgName) {
    c.failAt(kCipherArg, "Cannot allocate cipher string",
             fmt::format("essiv({},{}) is longer than the kernel's {}-byte limit for algorithm names", api, out.ivopts,
                         kMaxAlgName - 1));
    return std::nullopt;
  }
  if (api.empty() || (!essiv && api.size() >= kMaxAlgName) || (essiv && out.ivopts.empty())) {
    c.failAt(kCipherArg, "Error allocating crypto tfm",
             api.empty() ? std::string("the crypto API spec after capi: is empty")
             : essiv     ? std::string("the essiv IV mode needs a hash name after its ':'")
                         : fmt::format("the crypto API spec is {} bytes; kernel algorithm names have at most {}",
                                       api.size(), kMaxAlgName - 1));
    return std::nullopt;
  }
  std::string essivApi = essiv ? fmt::format("essiv({},{})", api, out.ivopts) : std::string();
  if (!allocatesTfm(c, essiv ? std::string_view(essivApi) : api, f.aead)) return std::nullopt;
  if (f.aead) {
    // AEAD transforms with an IV: gcm/ccm and their RFC wrappers, authenc over a known mode.
    out.api = api;
    if (api == "gcm(aes)" || api == "ccm(aes)" || api == "rfc4106(gcm(aes))" || api == "rfc4309(ccm(aes))")
      out.iv = IvUse::Yes;
    out.ivBytes = aeadIvBytes(api);
    if (startsWith(api, "authenc(") && api.back() == ')') {
      size_t comma = api.rfind(',');
      auto inner = comma == std::string_view::npos ? std::nullopt
                                                   : splitTemplate(api.substr(comma + 1, api.size() - comma - 2));
      if (inner && ivUseOf(inner->first, inner->second) == IvUse::Yes) {
        out.iv = IvUse::Yes;
        out.ivBytes = kBlockCipherIvBytes;
      }
    }
    return out;
  }
  if (auto parts = splitTemplate(api)) {
    out.iv = ivUseOf(parts->first, parts->second);
    if (out.iv == IvUse::Yes) out.ivBytes = kBlockCipherIvBytes;
    out.keyed = keyedMode(parts->first, parts->second);
    out.cipher = parts->second;
  }
  return out;
}

// The legacy form, "<cipher>[:<keycount>]-<chainmode>-<ivmode>[:<ivopts>]" (crypt_ctr_cipher_old).
std::optional<CipherSpec> readLegacySpec(TargetCheckContext& c, const Features& f) {
  std::string_view spec = c.arg(kCipherArg);
  if (spec.find('(') != std::string_view::npos || f.aead) {
    c.failAt(kCipherArg, "Bad cipher specification",
             f.aead ? std::string("integrity:<bytes>:aead needs the capi: form of the cipher, such as "
                                  "capi:authenc(hmac(sha256),xts(aes))-random or capi:gcm(aes)-random")
                    : std::string("a crypto API spec with '(' needs the capi: prefix, such as capi:xts(aes)-plain64; "
                                  "the short form is <cipher>-<chainmode>-<ivmode>, such as aes-xts-plain64"));
    return std::nullopt;
  }
  CipherSpec out;
  size_t firstDash = spec.find('-');
  std::string_view head = spec.substr(0, firstDash);
  std::optional<std::string_view> tail;
  if (firstDash != std::string_view::npos) tail = spec.substr(firstDash + 1);

  std::string_view cipher = head;
  size_t keyColon = head.find(':');
  if (keyColon != std::string_view::npos) {
    cipher = head.substr(0, keyColon);
    std::string_view count = head.substr(keyColon + 1);
    KernelNumber n = scanUnsigned(count, 32);
    if (!n.ok() || !isPowerOfTwo(n.value)) {
      c.failAt(kCipherArg, "Bad cipher key count specification",
               n.ok() ? fmt::format("the key count after '{}:' is {}; it must be a power of two (1, 2, 4, ... 64)",
                                    cipher, n.value)
               : n.status == NumberStatus::Overflow
                   ? fmt::format("the key count after '{}:' {}", cipher, overflowProblem(NumberForm::Scan, 32))
                   : fmt::format("the key count after '{}:' must be a decimal number, a power of two such as 64",
                                 cipher));
      return std::nullopt;
    }
    out.tfmsCount = n.value;
  }

  // strsep() semantics: chainmode up to the next '-', ivmode up to the first ':' after it.
  std::optional<std::string_view> chain;
  if (tail) {
    size_t dash = tail->find('-');
    chain = tail->substr(0, dash);
    if (dash != std::string_view::npos) {
      std::string_view ivPart = tail->substr(dash + 1);
      size_t colon = ivPart.find(':');
      out.ivmode = ivPart.substr(0, colon);
      out.hasIvmode = true;
      if (colon != std::string_view::npos) {
        out.ivopts = ivPart.substr(colon + 1);
        out.hasIvopts = true;
      }
    }
  }
  std::string_view chainmode;
  if (!chain || (*chain == "plain" && !out.hasIvmode)) {
    // Only a cipher (or <cipher>-plain): the original format, cbc with the plain IV.
    chainmode = "cbc";
    out.ivmode = "plain";
    out.hasIvmode = true;
  } else {
    chainmode = *chain;
  }
  if (chainmode != "ecb" && !out.hasIvmode) {
    c.failAt(kCipherArg, "IV mechanism required",
             fmt::format("chain mode {} needs an IV mode after it, such as {}-{}-plain64 or {}-{}-essiv:sha256",
                         quoteToken(chainmode), cipher, chainmode, cipher, chainmode));
    return std::nullopt;
  }
  bool essiv = out.hasIvmode && out.ivmode == "essiv";
  if (essiv && !out.hasIvopts) {
    c.failAt(kCipherArg, "Digest algorithm missing for ESSIV mode",
             fmt::format("the essiv IV mode needs a hash after a ':', such as {}-{}-essiv:sha256", cipher, chainmode));
    return std::nullopt;
  }
  size_t apiLength = essiv ? std::string_view("essiv((),)").size() + chainmode.size() + cipher.size() +
                                 out.ivopts.size()
                           : std::string_view("()").size() + chainmode.size() + cipher.size();
  if (apiLength >= kMaxAlgName) {
    c.failAt(kCipherArg, "Cannot allocate cipher strings",
             fmt::format("the crypto API name built from this spec is {} bytes; the kernel's limit is {}", apiLength,
                         kMaxAlgName - 1));
    return std::nullopt;
  }
  if (cipher.empty() || chainmode.empty() || (essiv && out.ivopts.empty())) {
    c.failAt(kCipherArg, "Error allocating crypto tfm",
             cipher.empty()    ? std::string("the cipher name before the first '-' is empty")
             : chainmode.empty() ? std::string("the chain mode between the first two '-' is empty")
                                 : std::string("the essiv IV mode needs a hash name after its ':'"));
    return std::nullopt;
  }
  // crypt_ctr_cipher_old(): "<chainmode>(<cipher>)", or essiv(<that>,<hash>) for essiv.
  std::string api = essiv ? fmt::format("essiv({}({}),{})", chainmode, cipher, out.ivopts)
                          : fmt::format("{}({})", chainmode, cipher);
  if (!allocatesTfm(c, api, false)) return std::nullopt;
  out.iv = ivUseOf(chainmode, cipher);
  if (out.iv == IvUse::Yes) out.ivBytes = kBlockCipherIvBytes;
  out.keyed = keyedMode(chainmode, cipher);
  out.cipher = cipher;
  return out;
}

// --- IV mode and key --------------------------------------------------------------------------

constexpr std::array<std::string_view, 11> kIvGenerators = {"plain", "plain64", "plain64be", "essiv",
                                                            "benbi", "null",    "eboiv",     "elephant",
                                                            "lmk",   "tcw",     "random"};

struct KeyLayout {
  uint64_t extra = 0;     // cc->key_extra_size: bytes used by the IV generator, not the cipher
};

// crypt_ctr_ivmode(): the name (only when the cipher has IVs) and the key split it implies.
std::optional<KeyLayout> readIvMode(TargetCheckContext& c, const CipherSpec& spec, uint64_t keySize) {
  KeyLayout layout;
  if (spec.iv != IvUse::Yes || !spec.hasIvmode) return layout;
  if (!contains(kIvGenerators, spec.ivmode)) {
    c.failAt(kCipherArg, "Invalid IV mode",
             fmt::format("{} is not an IV mode; the IV modes are plain, plain64, plain64be, essiv:<hash>, benbi, "
                         "null, eboiv, elephant:<hash>, lmk, tcw and random (lower case)",
                         quoteToken(spec.ivmode)));
    return std::nullopt;
  }
  if (spec.ivmode == "elephant") {
    layout.extra = keySize / 2;
    if (layout.extra > kElephantMaxKeySize) {
      // The kernel returns -EINVAL here without setting an error text.
      c.failAt(kKeyArg, "Unknown error",
               fmt::format("the elephant IV mode takes half of the key for itself, at most {} bytes; the key is {} "
                           "bytes (at most {} allowed)",
                           kElephantMaxKeySize, keySize, 2 * kElephantMaxKeySize + 1));
      return std::nullopt;
    }
  } else if (spec.ivmode == "lmk") {
    uint64_t parts = spec.tfmsCount;
    if (keySize % parts != 0) layout.extra = keySize / (parts + 1);
  } else if (spec.ivmode == "tcw") {
    layout.extra = 16 + 16;  // the IV seed (the cipher's 16-byte IV) and the 16-byte whitening
  }
  return layout;
}

std::string sizesText(const std::array<uint32_t, 3>& bytes) {
  return fmt::format("{}, {} or {} bytes ({}, {} or {} hex digits)", bytes[0], bytes[1], bytes[2], 2 * bytes[0],
                     2 * bytes[1], 2 * bytes[2]);
}

// crypt_set_key(): '-' for no key, the keyring form, or hex; then the cipher's own key check.
bool readKey(TargetCheckContext& c, const KeyText& key, const CipherSpec& spec, const KeyLayout& layout) {
  std::string_view text = c.arg(kKeyArg);
  if (key.size == 0 && text != "-") {
    c.failAt(kKeyArg, "Error decoding and setting key",
             key.keyring ? std::string("a keyring key of size 0 is not allowed; give its size in bytes")
                         : std::string("the key is shorter than one byte (2 hex digits); give it in hex, or '-' for "
                                       "a cipher without a key"));
    return false;
  }
  if (key.keyring) {
    // ":<type>:<description>": the type must be one the kernel's keyring knows.
    std::string_view typeAndDesc = key.rest.substr(1);
    size_t colon = typeAndDesc.find(':');
    std::string_view type = typeAndDesc.substr(0, colon);
    std::optional<std::string> noTrusted = c.kernel().missing(KernelFeature::CryptTrustedKeys);
    bool typeOk = type == "logon" || type == "user" || type == "encrypted" || (!noTrusted && type == "trusted");
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == typeAndDesc.size() || !typeOk) {
      std::string types = noTrusted ? "logon, user or encrypted" : "logon, user, encrypted or trusted";
      c.failAt(kKeyArg, "Error decoding and setting key",
               colon == std::string_view::npos || colon == 0 || colon + 1 == typeAndDesc.size()
                   ? fmt::format("the keyring form of the key is :<key_size>:<type>:<description>, with a key type "
                                 "({}) and a non-empty description",
                                 types)
                   : fmt::format("the keyring key type must be {}{}", types,
                                 noTrusted ? " (trusted keys: " + *noTrusted + ")" : std::string()));
      return false;
    }
  } else if (key.size > 0) {
    size_t bad = firstNonHexDigit(text.substr(0, 2 * key.size));
    if (bad != std::string_view::npos) {
      c.failAt(kKeyArg, "Error decoding and setting key",
               fmt::format("the key must be hexadecimal digits, but its character {} is not one", bad + 1));
      return false;
    }
  }
  if (spec.keyed != nullptr) {
    const KeyedMode& mode = *spec.keyed;
    uint64_t subkey = key.size < layout.extra ? 0 : (key.size - layout.extra) >> log2Of(spec.tfmsCount);
    bool ok = key.size >= layout.extra &&
              (subkey == mode.keyBytes[0] || subkey == mode.keyBytes[1] || subkey == mode.keyBytes[2]);
    if (!ok) {
      std::string split;
      if (layout.extra > 0) split += fmt::format(", less {} bytes for the {} IV mode", layout.extra, spec.ivmode);
      if (spec.tfmsCount > 1) split += fmt::format(", divided among {} keys", spec.tfmsCount);
      c.failAt(kKeyArg, "Error decoding and setting key",
               fmt::format("{} in {} mode takes a key of {}; the key is {} bytes{}{}", spec.cipher, mode.chain,
                           sizesText(mode.keyBytes), key.size, split,
                           split.empty() ? "" : fmt::format(", leaving {} bytes", subkey)));
      return false;
    }
  }
  return true;
}

// The IV generator's own set-up (reported by the kernel as "Error creating IV").
bool checkIvSetup(TargetCheckContext& c, const CipherSpec& spec, const Features& f) {
  if (spec.iv != IvUse::Yes || !spec.hasIvmode) return true;
  if ((spec.ivmode == "lmk" || spec.ivmode == "tcw") && f.sectorSize != 512) {
    c.failAt(f.sectorSizeAt.value_or(kCipherArg), "Error creating IV",
             fmt::format("the {} IV mode works on 512-byte sectors only (the kernel logs \"Unsupported sector size "
                         "for {}\"); remove sector_size:{}",
                         spec.ivmode, spec.ivmode == "lmk" ? "LMK" : "TCW", f.sectorSize));
    return false;
  }
  if ((spec.ivmode == "eboiv" || spec.ivmode == "elephant") && f.aead) {
    c.failAt(kCipherArg, "Error creating IV",
             fmt::format("the {} IV mode cannot be used with integrity:<bytes>:aead (\"AEAD transforms not "
                         "supported for EBOIV\")",
                         spec.ivmode));
    return false;
  }
  return true;
}

// crypt_io_hints keeps the larger of sector_size and the device's logical block size: the
// table loads, but encrypts in units smaller than the disk writes.
void warnSmallSectors(TargetCheckContext& c, const Features& f) {
  std::optional<DiskFacts> disk = c.diskFactsOf(kDeviceArg);
  if (!disk || disk->traits.logicalBlockSize <= f.sectorSize) return;
  c.warnAt(DiagnosticCode::CryptSectorBelowDeviceBlock, f.sectorSizeAt.value_or(kDeviceArg),
           fmt::format("sector_size is {} bytes, below the {}-byte logical blocks of {}: the kernel gives the crypt "
                       "device {}-byte blocks anyway and encrypts each in {}-byte units (slower; cryptsetup uses "
                       "sector_size:{} on such a disk)",
                       f.sectorSize, disk->traits.logicalBlockSize, c.arg(kDeviceArg), disk->traits.logicalBlockSize,
                       f.sectorSize, disk->traits.logicalBlockSize));
}

// crypt_integrity_ctr() once the profile fits: the random IV is kept in each sector's tag
// (integrity_iv_size), and an AEAD's authentication tag is what is left of it; the two must
// fill the profile's tag exactly (kernels with larger profile tags: fit in it, judged against
// the profile).
void checkTagSpace(TargetCheckContext& c, const CipherSpec& spec, const Features& f, bool randomIv) {
  if (randomIv && !f.aead && spec.ivBytes != 0 && c.has(KernelFeature::CryptIntegrityLargerTags))
    return c.needIvSpace(f.integrityAt.value_or(kCipherArg), spec.ivBytes);
  if (!f.integrity || (randomIv && spec.ivBytes == 0)) return;
  const uint32_t ivBytes = randomIv ? spec.ivBytes : 0;
  const size_t at = *f.integrityAt;
  if (f.aead) {
    std::optional<std::string> problem;
    if (f.tagBytes < ivBytes)
      problem = fmt::format("the {}-byte tag cannot hold the random IV's {} bytes and an authentication tag",
                            f.tagBytes, ivBytes);
    else if (auto refused = authSizeProblem(spec.api, f.tagBytes - ivBytes))
      problem = ivBytes == 0 ? *refused
                             : fmt::format("{} (the {}-byte tag less the random IV's {} bytes)", *refused,
                                           f.tagBytes, ivBytes);
    if (problem) c.setIntegrityTagProblem(at, "Integrity AEAD auth tag size is not supported", *problem);
  } else if (randomIv && ivBytes != f.tagBytes) {
    c.setIntegrityTagProblem(at, "Not enough space for integrity tag in the profile",
                             fmt::format("with integrity:<bytes>:none each tag holds only the random IV, {} bytes "
                                         "here; write integrity:{}:none",
                                         ivBytes, ivBytes));
  }
}

// A cipher spec has a '-' ("aes-xts-plain64") or the capi: prefix; a hex key never does.
bool looksLikeCipherSpec(std::string_view text) {
  return text.find('-') != std::string_view::npos || startsWith(text, "capi:");
}

void checkCrypt(TargetCheckContext& c) {
  if (c.argCount() < 5) {
    return c.failAt(c.argCount(), "Not enough arguments",
                    fmt::format("crypt takes <cipher> <key> <iv_offset> <device> <offset> [<#features> "
                                "<feature>...]; {} given",
                                c.argCount()));
  }
  // A key where the cipher belongs and a cipher where the key belongs: say so, whichever check
  // then fails (without quoting either: one of them is a key).
  if (looksLikeKeyMaterial(c.arg(kCipherArg)) && looksLikeCipherSpec(c.arg(kKeyArg)))
    c.setFailureNote("the cipher and the key look swapped: the cipher comes first (such as aes-xts-plain64), "
                     "then the key");
  auto key = readKeySize(c);
  if (!key) return;
  auto features = readFeatures(c);
  if (!features) return;

  bool capi = startsWith(c.arg(kCipherArg), "capi:");
  auto spec = capi ? readCapiSpec(c, *features) : readLegacySpec(c, *features);
  if (!spec) return;
  auto layout = readIvMode(c, *spec, key->size);
  if (!layout) return;
  if (!readKey(c, *key, *spec, *layout)) return;
  if (!checkIvSetup(c, *spec, *features)) return;

  auto ivOffset = ArgCursor::at(c, kIvOffsetArg).sector("Invalid iv_offset sector");
  if (!ivOffset) return;
  uint64_t perSector = features->sectorSize / 512;
  if (*ivOffset % perSector != 0) {
    return c.failAt(kIvOffsetArg, "Invalid iv_offset sector",
                    fmt::format("with sector_size:{} the IV offset must be a multiple of {} sectors; it is {}",
                                features->sectorSize, perSector, *ivOffset));
  }
  auto offset = ArgCursor::at(c, kOffsetArg).sector("Invalid device sector");
  if (!offset) return;
  c.useDevice(kDeviceArg, *offset, c.length(), kOffsetArg);
  c.setLogicalBlockSize(features->sectorSize);  // crypt_io_hints
  // crypt_integrity_ctr: AEAD, and the random IV (kept in the tag space), need the device
  // below to offer dm-integrity's profile; judged when the whole file is read.
  const bool randomIv = spec->hasIvmode && spec->ivmode == "random" && spec->iv != IvUse::No;
  if (features->aead || randomIv) {
    c.needIntegrityProfile(kDeviceArg, features->tagBytes, features->sectorSize,
                           c.has(KernelFeature::CryptIntegrityLargerTags));
    checkTagSpace(c, *spec, *features, randomIv);
  }
  warnSmallSectors(c, *features);
}

// One to one from <offset> of <device> (the IV offset changes only the IVs).
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  return oneToOneMapping(args, 5, 3, 4);
}

// crypt_status(): the key in lower-case hex (zeros in a table read without keys), the
// features in its own order, and only when there are any.
constexpr std::array<size_t, 1> kEchoKeyArgs = {kKeyArg};

// IV generators that ask the crypto API for an algorithm of their own (crypt_ctr_ivmode).
void addIvModeCryptoNames(std::string_view ivMode, std::vector<std::string>& names) {
  const size_t colon = ivMode.find(':');
  const std::string_view mode = ivMode.substr(0, colon);
  if (mode == "essiv") {
    names.push_back("essiv");
    if (colon != std::string_view::npos) addCryptoApiNames(ivMode.substr(colon + 1), names);
  } else if (mode == "lmk") {
    names.push_back("md5");
  } else if (mode == "tcw") {
    names.push_back("crc32");
  } else if (mode == "elephant") {
    names.push_back("ecb");
  }
}

// The algorithms and templates a cipher spec asks for ("aes-xts-plain64",
// "aes-cbc-essiv:sha256", "capi:authenc(hmac(sha256),xts(aes))-random"): modules a boot
// image must carry, since the crypto API loads them on demand.
void cryptoNames(const std::vector<std::string>& args, std::vector<std::string>& names) {
  if (args.size() <= kCipherArg) return;
  std::string_view spec = args[kCipherArg];
  if (spec.starts_with("capi:")) {
    // capi:EXPRESSION-IVMODE: the IV mode follows the last ')'.
    std::string_view rest = spec.substr(5);
    const size_t close = rest.rfind(')');
    const size_t dash = rest.find('-', close == std::string_view::npos ? 0 : close);
    addCryptoApiNames(rest.substr(0, dash), names);
    if (dash != std::string_view::npos) addIvModeCryptoNames(rest.substr(dash + 1), names);
    return;
  }
  // CIPHER[:KEYCOUNT]-CHAINMODE-IVMODE[:IVOPTS]; the kernel asks for "CHAINMODE(CIPHER)", and
  // reads "CIPHER" and "CIPHER-plain" as CBC (crypt_ctr_cipher_old).
  const size_t dash = spec.find('-');
  const std::string_view cipher = spec.substr(0, dash);
  names.emplace_back(cipher.substr(0, cipher.find(':')));
  const std::string_view rest = dash == std::string_view::npos ? std::string_view() : spec.substr(dash + 1);
  const size_t ivDash = rest.find('-');
  const std::string_view chainMode = rest.substr(0, ivDash);
  if (chainMode.empty() || (chainMode == "plain" && ivDash == std::string_view::npos)) names.emplace_back("cbc");
  else names.emplace_back(chainMode);
  if (ivDash != std::string_view::npos) addIvModeCryptoNames(rest.substr(ivDash + 1), names);
}

}  // namespace

extern const TargetType kTarget_crypt{
    .name = "crypt",
    .summary = "encrypts the range with the kernel crypto API (dm-crypt)",
    .usage = "<cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...]",
    .features61 = kZonedHostManaged,
    .features72 = kZonedHostManaged | kAtomicWrites,
    .queue = QueueKind::Bio,
    .dmInit = true,
    .sectorMapping = mapSectors,
    .check = checkCrypt,
    .secrets = findKeyInSecondArgument,
    .echo = {.hexArgs = kEchoKeyArgs,
             .featuresAfter = kFeatureCountArg,
             .reordersFeatures = true,
             .hideableKeyArgs = kEchoKeyArgs},
    .cryptoNames = cryptoNames,
};

}  // namespace dmc
