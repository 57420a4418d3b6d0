#pragma once
// What dmc can tell offline about kernel crypto API names and hex strings, for the targets
// that take them (crypt, verity, integrity). The kernel looks algorithms up at load time and
// may load modules for them, so an unknown name is "can't tell" unless it certainly cannot
// resolve: the lookup compares names exactly (strcmp), and every kernel algorithm name is
// lower case, so "SHA256" never resolves although "sha256" does.

#include <cstdint>
#include <string>
#include <string_view>

namespace dmc {

enum class AlgorithmVerdict : uint8_t {
  Known,       // a kernel hash dmc knows; digestSize is set
  Unknown,     // might exist (another name, a driver name, a module): dmc accepts it
  Impossible,  // can never resolve: empty, or a known name in the wrong case
};

struct HashAlgorithm {
  AlgorithmVerdict verdict = AlgorithmVerdict::Unknown;
  uint32_t digestSize = 0;   // bytes, for Known
  bool needsKey = false;     // hmac(...): the kernel refuses to use it without a key
  std::string correctName;   // for Impossible names that differ only in case
};

// A shash/ahash name as crypto_alloc_shash()/crypto_alloc_ahash() gets it: plain hashes
// (sha256, crc32c, ...) and hmac(<plain hash>).
HashAlgorithm lookUpHash(std::string_view name);

// Index of the first character that is not a hex digit (either case), or npos.
size_t firstNonHexDigit(std::string_view text);

// A plain explanation of why a hash name is Impossible ("'SHA256': kernel algorithm names are
// lower case; did you mean 'sha256'?").
std::string describeImpossibleHash(std::string_view name, const HashAlgorithm& hash);

}  // namespace dmc
