#include "validator/crypto_algorithms.h"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace dmc {

namespace {

// Hashes of the kernel's crypto/ directory (6.1 and newer) that Debian builds, with their
// digest sizes in bytes. (sm3 is left out: Debian's 6.1 does not build it.)
constexpr std::array<std::pair<std::string_view, uint32_t>, 24> kHashes = {{
    {"md5", 16},          {"sha1", 20},         {"sha224", 28},       {"sha256", 32},
    {"sha384", 48},       {"sha512", 64},       {"sha3-224", 28},     {"sha3-256", 32},
    {"sha3-384", 48},     {"sha3-512", 64},     {"rmd160", 20},
    {"streebog256", 32},  {"streebog512", 64},  {"wp256", 32},        {"wp384", 48},
    {"wp512", 64},        {"blake2b-160", 20},  {"blake2b-256", 32},  {"blake2b-384", 48},
    {"blake2b-512", 64},  {"crc32c", 4},        {"crc32", 4},         {"xxhash64", 8},
    {"crct10dif", 2},
}};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

bool hasUpperCase(std::string_view text) {
  for (char c : text)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

HashAlgorithm lookUpPlain(std::string_view name) {
  HashAlgorithm result;
  for (const auto& [known, size] : kHashes) {
    if (name == known) {
      result.verdict = AlgorithmVerdict::Known;
      result.digestSize = size;
      return result;
    }
  }
  if (hasUpperCase(name)) {
    std::string low = lowered(name);
    for (const auto& [known, size] : kHashes) {
      if (low == known) {
        result.verdict = AlgorithmVerdict::Impossible;
        result.correctName = std::string(known);
        return result;
      }
    }
  }
  return result;
}

}  // namespace

HashAlgorithm lookUpHash(std::string_view name) {
  if (name.empty()) return HashAlgorithm{AlgorithmVerdict::Impossible, 0, false, ""};
  constexpr std::string_view kHmac = "hmac(";
  if (name.size() > kHmac.size() + 1 && lowered(name.substr(0, kHmac.size())) == kHmac && name.back() == ')') {
    std::string_view inner = name.substr(kHmac.size(), name.size() - kHmac.size() - 1);
    HashAlgorithm result = lookUpPlain(inner);
    bool templateCased = name.substr(0, kHmac.size()) == kHmac;
    if (result.verdict == AlgorithmVerdict::Known && templateCased) {
      result.needsKey = true;
      return result;
    }
    if (result.verdict != AlgorithmVerdict::Unknown || !templateCased) {
      // A known hash under a wrongly cased template or inner name.
      HashAlgorithm fixed = lookUpPlain(lowered(inner));
      if (fixed.verdict == AlgorithmVerdict::Known)
        return HashAlgorithm{AlgorithmVerdict::Impossible, 0, false, fmt::format("hmac({})", lowered(inner))};
    }
    return HashAlgorithm{};
  }
  return lookUpPlain(name);
}

size_t firstNonHexDigit(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = lower(text[i]);
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return i;
  }
  return std::string_view::npos;
}

std::string describeImpossibleHash(std::string_view name, const HashAlgorithm& hash) {
  if (name.empty()) return "the algorithm name is empty";
  return fmt::format("'{}' cannot be found: the kernel compares algorithm names exactly and they are all lower case; "
                     "did you mean '{}'?",
                     name, hash.correctName);
}

}  // namespace dmc
