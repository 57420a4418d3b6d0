#pragma once
// What dmc can tell offline about kernel crypto API names and hex strings, for the targets
// that take them (crypt, verity, integrity).
//
// The kernel resolves a name such as "essiv(cbc(aes),sha256)" by looking each part up among
// its registered algorithms (exact, case-sensitive names or driver names such as
// "aes-generic") and templates, loading "crypto-<name>" modules on demand. dmc knows every
// algorithm and template that Debian 12's 6.1 kernel has for x86-64 (built in or as a
// module; the lists in crypto_algorithms.cc say where they come from), so a name outside
// them cannot resolve there: the kernel fails with -ENOENT, and dmc refuses it too.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dmc {

// What a caller asks the crypto API for, and what a name turns out to be.
enum class AlgorithmKind : uint8_t {
  Cipher,    // a single-block cipher ("aes"): only templates use it
  Skcipher,  // a whole encryption mode ("xts(aes)", "chacha20"): crypto_alloc_skcipher
  Aead,      // authenticated encryption ("gcm(aes)"): crypto_alloc_aead
  Hash,      // a digest or MAC ("sha256", "hmac(sha256)"): crypto_alloc_shash/ahash
};

struct ResolvedAlgorithm {
  bool ok = false;
  AlgorithmKind kind = AlgorithmKind::Hash;
  uint32_t size = 0;       // Hash: digest size in bytes; Cipher: block size in bytes
  bool needsKey = false;   // a MAC (hmac(...), cmac(...)): unusable until a key is set
  std::string problem;     // !ok: why the kernel cannot resolve it, with a suggestion
};

// Resolves a crypto API name as the kernel would when asked for an algorithm of `wanted`
// kind. Driver names and template instances over driver names are accepted.
ResolvedAlgorithm resolveAlgorithm(std::string_view name, AlgorithmKind wanted);

// Appends the names in a crypto API expression: "authenc(hmac(sha256),xts(aes))" gives
// authenc, hmac, sha256, xts and aes (each may need a module of its own).
void addCryptoApiNames(std::string_view expression, std::vector<std::string>& names);

// Index of the first character that is not a hex digit (either case), or npos.
size_t firstNonHexDigit(std::string_view text);

}  // namespace dmc
