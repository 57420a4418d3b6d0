#include "validator/crypto_algorithms.h"

#include <array>
#include <optional>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "support/edit_distance.h"

namespace dmc {

namespace {

using Kind = AlgorithmKind;

// Sets of kinds, as bits: what a caller or a template parameter accepts.
using KindSet = uint8_t;
constexpr KindSet bit(Kind k) { return static_cast<KindSet>(1u << static_cast<unsigned>(k)); }
constexpr KindSet kCipher = bit(Kind::Cipher);
constexpr KindSet kSkcipher = bit(Kind::Skcipher);
constexpr KindSet kAead = bit(Kind::Aead);
constexpr KindSet kHash = bit(Kind::Hash);

struct Leaf {
  std::string_view name;
  Kind kind;
  uint32_t size;   // block size (Cipher) or digest size (Hash)
  bool needsKey;
};

// The algorithms of Debian 12's 6.1 kernel (x86-64), from `modinfo -F alias` (crypto-NAME) of
// /lib/modules/6.1.0-*-amd64/kernel/{crypto,arch/x86/crypto}/*.ko and, for the built-in ones
// (CONFIG_CRYPTO_AES, _CBC, _HMAC, _MD5, _SHA1, _SHA256, _NULL2 = y in its config), the
// kernel's crypto/ sources. Sizes are the algorithms' cra_blocksize / digestsize.
constexpr std::array<Leaf, 44> kLeaves = {{
    // single-block ciphers
    {"aes", Kind::Cipher, 16, false},
    {"serpent", Kind::Cipher, 16, false},
    {"twofish", Kind::Cipher, 16, false},
    {"camellia", Kind::Cipher, 16, false},
    {"cast6", Kind::Cipher, 16, false},
    {"cast5", Kind::Cipher, 8, false},
    {"blowfish", Kind::Cipher, 8, false},
    {"des", Kind::Cipher, 8, false},
    {"des3_ede", Kind::Cipher, 8, false},
    {"fcrypt", Kind::Cipher, 8, false},
    {"cipher_null", Kind::Cipher, 1, false},
    // stream ciphers and AEADs usable by themselves
    {"chacha20", Kind::Skcipher, 1, false},
    {"xchacha12", Kind::Skcipher, 1, false},
    {"xchacha20", Kind::Skcipher, 1, false},
    {"aegis128", Kind::Aead, 1, false},
    // hashes
    {"md4", Kind::Hash, 16, false},
    {"md5", Kind::Hash, 16, false},
    {"sha1", Kind::Hash, 20, false},
    {"sha224", Kind::Hash, 28, false},
    {"sha256", Kind::Hash, 32, false},
    {"sha384", Kind::Hash, 48, false},
    {"sha512", Kind::Hash, 64, false},
    {"sha3-224", Kind::Hash, 28, false},
    {"sha3-256", Kind::Hash, 32, false},
    {"sha3-384", Kind::Hash, 48, false},
    {"sha3-512", Kind::Hash, 64, false},
    {"rmd160", Kind::Hash, 20, false},
    {"wp256", Kind::Hash, 32, false},
    {"wp384", Kind::Hash, 48, false},
    {"wp512", Kind::Hash, 64, false},
    {"streebog256", Kind::Hash, 32, false},
    {"streebog512", Kind::Hash, 64, false},
    {"blake2b-160", Kind::Hash, 20, false},
    {"blake2b-256", Kind::Hash, 32, false},
    {"blake2b-384", Kind::Hash, 48, false},
    {"blake2b-512", Kind::Hash, 64, false},
    {"crc32", Kind::Hash, 4, false},
    {"crc32c", Kind::Hash, 4, false},
    {"crct10dif", Kind::Hash, 2, false},
    {"crc64-rocksoft", Kind::Hash, 8, false},
    {"xxhash64", Kind::Hash, 8, false},
    {"poly1305", Kind::Hash, 16, false},
    {"ghash", Kind::Hash, 16, true},
    {"nhpoly1305", Kind::Hash, 16, true},
}};

// More keyed or degenerate algorithms, kept apart so the lists above read as the usual ones.
constexpr std::array<Leaf, 2> kOddLeaves = {{
    {"michael_mic", Kind::Hash, 8, true},
    {"digest_null", Kind::Hash, 0, false},
}};

// Implementation suffixes of driver names ("sha256-avx2", "aes-aesni", "camellia-aesni-avx2").
constexpr std::array<std::string_view, 17> kImplementations = {
    "generic", "asm",    "simd",  "aesni", "avx",     "avx2", "sse2", "ssse3", "ni",
    "intel",   "pclmul", "clmulni", "3way", "x86",    "padlock", "nano", "fixed-time"};

// Modes that prefix whole-skcipher driver names ("xts-aes-aesni", "cts-cbc-aes-aesni").
constexpr std::array<std::string_view, 10> kModeDriverPrefixes = {"ecb", "cbc", "pcbc", "ctr", "xts",
                                                                   "lrw", "cts", "cfb", "ofb", "xctr"};

// Whole AEAD drivers whose names follow no pattern.
constexpr std::array<std::string_view, 2> kAeadDrivers = {"rfc4106-gcm-aesni", "generic-gcm-aesni"};

// The size a template instance reports: none, its first argument's (hmac: the digest;
// cmac, xcbc, cbcmac: the cipher's block), or vmac64's 8 bytes.
enum class SizeRule : uint8_t { None, FirstSize, Eight };

struct Template {
  std::string_view name;
  KindSet result;             // 0: the kind of the first argument
  uint8_t minArgs, maxArgs;
  std::array<KindSet, 3> params;
  SizeRule size;
  bool keyed;
};

// Templates of the same kernel (same sources), with the kinds of their arguments.
constexpr std::array<Template, 33> kTemplates = {{
    {"cbc", kSkcipher, 1, 1, {kCipher}, SizeRule::None, false},
    {"ecb", kSkcipher, 1, 1, {kCipher}, SizeRule::None, false},
    {"pcbc", kSkcipher, 1, 1, {kCipher}, SizeRule::None, false},
    {"cfb", kSkcipher, 1, 1, {kCipher}, SizeRule::None, false},
    {"ofb", kSkcipher, 1, 1, {kCipher}, SizeRule::None, false},
    {"ctr", kSkcipher, 1, 1, {kCipher}, SizeRule::None, false},
    {"kw", kSkcipher, 1, 1, {kCipher}, SizeRule::None, false},
    // xts and lrw take a cipher (they wrap it in ecb() themselves) or an ecb skcipher
    {"xts", kSkcipher, 1, 1, {kCipher | kSkcipher}, SizeRule::None, false},
    {"lrw", kSkcipher, 1, 1, {kCipher | kSkcipher}, SizeRule::None, false},
    {"cts", kSkcipher, 1, 1, {kSkcipher}, SizeRule::None, false},
    {"rfc3686", kSkcipher, 1, 1, {kSkcipher}, SizeRule::None, false},
    {"adiantum", kSkcipher, 2, 3, {kSkcipher, kCipher, kHash}, SizeRule::None, false},
    {"essiv", 0, 2, 2, {kSkcipher | kAead, kHash}, SizeRule::None, false},
    {"hmac", kHash, 1, 1, {kHash}, SizeRule::FirstSize, true},
    {"cmac", kHash, 1, 1, {kCipher}, SizeRule::FirstSize, true},
    {"xcbc", kHash, 1, 1, {kCipher}, SizeRule::FirstSize, true},
    {"cbcmac", kHash, 1, 1, {kCipher}, SizeRule::FirstSize, true},
    {"vmac64", kHash, 1, 1, {kCipher}, SizeRule::Eight, true},
    {"gcm", kAead, 1, 1, {kCipher}, SizeRule::None, false},
    {"gcm_base", kAead, 2, 2, {kSkcipher, kHash}, SizeRule::None, false},
    {"rfc4106", kAead, 1, 1, {kAead}, SizeRule::None, false},
    {"rfc4543", kAead, 1, 1, {kAead}, SizeRule::None, false},
    {"ccm", kAead, 1, 1, {kCipher}, SizeRule::None, false},
    {"ccm_base", kAead, 2, 2, {kSkcipher, kHash}, SizeRule::None, false},
    {"rfc4309", kAead, 1, 1, {kAead}, SizeRule::None, false},
    {"authenc", kAead, 2, 2, {kHash, kSkcipher}, SizeRule::None, false},
    {"authencesn", kAead, 2, 2, {kHash, kSkcipher}, SizeRule::None, false},
    {"rfc7539", kAead, 2, 2, {kSkcipher, kHash}, SizeRule::None, false},
    {"rfc7539esp", kAead, 2, 2, {kSkcipher, kHash}, SizeRule::None, false},
    {"seqiv", kAead, 1, 1, {kAead}, SizeRule::None, false},
    {"echainiv", kAead, 1, 1, {kAead}, SizeRule::None, false},
    {"pcrypt", kAead, 1, 1, {kAead}, SizeRule::None, false},
    {"cryptd", 0, 1, 1, {kSkcipher | kAead | kHash}, SizeRule::FirstSize, false},
}};

// In the 6.1 source tree but not built by Debian (off in its config, or behind
// CRYPTO_USER_API_ENABLE_OBSOLETE): named so the message can say why.
constexpr std::array<std::string_view, 14> kNotBuilt = {"anubis", "khazad", "seed", "tea",   "xtea",
                                                        "xeta",   "sm4",    "aria", "arc4",  "sm3",
                                                        "hctr2",  "xctr",   "polyval", "sm2"};

bool isIn(std::span<const std::string_view> list, std::string_view word) {
  for (std::string_view w : list)
    if (w == word) return true;
  return false;
}

const Leaf* findLeaf(std::string_view name) {
  for (const Leaf& leaf : kLeaves)
    if (leaf.name == name) return &leaf;
  for (const Leaf& leaf : kOddLeaves)
    if (leaf.name == name) return &leaf;
  return nullptr;
}

const Template* findTemplate(std::string_view name) {
  for (const Template& t : kTemplates)
    if (t.name == name) return &t;
  return nullptr;
}

// Whether text is one or more implementation words joined by '-' ("aesni-avx2").
bool isImplementation(std::string_view text) {
  if (text.empty()) return false;
  if (isIn(kImplementations, text)) return true;
  for (std::string_view impl : kImplementations)
    if (text.size() > impl.size() + 1 && text.substr(0, impl.size()) == impl && text[impl.size()] == '-' &&
        isImplementation(text.substr(impl.size() + 1)))
      return true;
  return false;
}

// A driver name of a leaf: "<leaf>-<implementation>".
const Leaf* findDriverLeaf(std::string_view name) {
  for (size_t dash = name.find('-'); dash != std::string_view::npos; dash = name.find('-', dash + 1)) {
    const Leaf* leaf = findLeaf(name.substr(0, dash));
    if (leaf != nullptr && isImplementation(name.substr(dash + 1))) return leaf;
  }
  return nullptr;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

std::string kindsText(KindSet kinds) {
  std::vector<std::string_view> parts;
  if (kinds & kCipher) parts.push_back("a block cipher");
  if (kinds & kSkcipher) parts.push_back("a cipher mode or stream cipher");
  if (kinds & kAead) parts.push_back("an AEAD");
  if (kinds & kHash) parts.push_back("a hash");
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i)
    out += fmt::format("{}{}", i == 0 ? "" : i + 1 == parts.size() ? " or " : ", ", parts[i]);
  return out;
}

std::string_view kindName(Kind kind) {
  switch (kind) {
    case Kind::Cipher: return "a block cipher";
    case Kind::Skcipher: return "a cipher mode or stream cipher";
    case Kind::Aead: return "an AEAD";
    case Kind::Hash: return "a hash";
  }
  return "";
}

// The names a misspelling of something of these kinds may have meant.
std::vector<std::string_view> candidatesFor(KindSet kinds) {
  std::vector<std::string_view> out;
  for (const Leaf& leaf : kLeaves)
    if (kinds & bit(leaf.kind)) out.push_back(leaf.name);
  for (const Template& t : kTemplates)
    if (t.result == 0 || (kinds & t.result)) out.push_back(t.name);
  return out;
}

std::string knownText(KindSet kinds) {
  std::string out;
  for (const Leaf& leaf : kLeaves)
    if (kinds & bit(leaf.kind)) out += fmt::format("{}{}", out.empty() ? "" : ", ", leaf.name);
  if (kinds & (kSkcipher | kAead)) out += ", or a template such as xts(aes), cbc(aes) or gcm(aes)";
  if ((kinds & kHash) && !(kinds & (kSkcipher | kAead))) out += ", or hmac(<hash>)";
  return out;
}

// The likeliest meant name: one with two neighbouring letters swapped ("sha265", "xst"),
// which plain edit distance counts as two edits and may tie with worse ones, else the closest.
std::string suggestion(std::string_view name, std::span<const std::string_view> candidates) {
  for (std::string_view candidate : candidates) {
    if (candidate.size() != name.size()) continue;
    for (size_t i = 0; i + 1 < name.size(); ++i) {
      if (name[i] == name[i + 1]) continue;
      std::string swapped(name);
      std::swap(swapped[i], swapped[i + 1]);
      if (swapped == candidate) return swapped;
    }
  }
  return closestMatch(name, candidates);
}

ResolvedAlgorithm failure(std::string problem) {
  ResolvedAlgorithm r;
  r.problem = std::move(problem);
  return r;
}

// Why an unknown leaf or template name cannot resolve, with a suggestion.
ResolvedAlgorithm unknownName(std::string_view name, KindSet kinds, bool asTemplate) {
  std::string low = lowered(name);
  if (low != name && (findLeaf(low) != nullptr || findTemplate(low) != nullptr))
    return failure(fmt::format("'{}' cannot be found: the kernel compares algorithm names exactly and they are all "
                               "lower case; did you mean '{}'?",
                               name, low));
  if (isIn(kNotBuilt, name))
    return failure(fmt::format("'{}' is in the kernel's source, but Debian's 6.1 kernel does not build it", name));
  std::vector<std::string_view> candidates = candidatesFor(asTemplate ? kSkcipher | kAead | kHash : kinds);
  std::string guess = suggestion(name, candidates);
  if (!guess.empty())
    return failure(fmt::format("the kernel has no {} named '{}'; did you mean '{}'?",
                               asTemplate ? "template" : "algorithm", name, guess));
  if (asTemplate)
    return failure(fmt::format("the kernel has no template named '{}' (templates include cbc, ctr, xts, lrw, essiv, "
                               "adiantum, hmac, cmac, gcm, ccm and authenc)",
                               name));
  return failure(fmt::format("the kernel has no algorithm named '{}'; where {} is wanted, Debian's 6.1 kernel has {}",
                             name, kindsText(kinds), knownText(kinds)));
}

ResolvedAlgorithm resolveIn(std::string_view name, KindSet wanted);

ResolvedAlgorithm wrongKind(std::string_view name, Kind kind, KindSet wanted) {
  return failure(fmt::format("'{}' is {}, but {} is wanted here", name, kindName(kind), kindsText(wanted)));
}

ResolvedAlgorithm found(Kind kind, uint32_t size, bool needsKey) {
  ResolvedAlgorithm r;
  r.ok = true;
  r.kind = kind;
  r.size = size;
  r.needsKey = needsKey;
  return r;
}

// Drivers of whole modes: "<mode>-...-<cipher or its driver>" ("xts-aes-aesni",
// "cts-cbc-aes-aesni"), and the AES-NI GCM AEADs.
std::optional<Kind> wholeDriverKind(std::string_view name) {
  if (isIn(kAeadDrivers, name)) return Kind::Aead;
  std::string_view rest = name;
  for (size_t dash = rest.find('-'); dash != std::string_view::npos && isIn(kModeDriverPrefixes, rest.substr(0, dash));
       dash = rest.find('-')) {
    rest = rest.substr(dash + 1);
    const Leaf* cipher = findLeaf(rest);
    if (cipher == nullptr) cipher = findDriverLeaf(rest);
    if (cipher != nullptr && cipher->kind == Kind::Cipher) return Kind::Skcipher;
  }
  return std::nullopt;
}

ResolvedAlgorithm resolveLeaf(std::string_view name, KindSet wanted) {
  if (name.empty()) return failure("an algorithm name is empty");
  if (name.find_first_of("),") != std::string_view::npos)
    return failure(fmt::format("'{}' is not a crypto API name: its parentheses or commas do not match", name));
  const Leaf* leaf = findLeaf(name);
  if (leaf == nullptr) leaf = findDriverLeaf(name);
  if (leaf != nullptr) {
    if (!(wanted & bit(leaf->kind))) return wrongKind(name, leaf->kind, wanted);
    return found(leaf->kind, leaf->size, leaf->needsKey);
  }
  if (std::optional<Kind> kind = wholeDriverKind(name)) {
    if (!(wanted & bit(*kind))) return wrongKind(name, *kind, wanted);
    return found(*kind, 1, false);
  }
  if (const Template* t = findTemplate(name))
    return failure(fmt::format("'{}' is a template: it needs its algorithm in parentheses, such as {}(aes)", t->name,
                               t->name));
  return unknownName(name, wanted, false);
}

// Splits "a,b(c,d),e" at its top-level commas; nullopt if the parentheses do not balance.
std::optional<std::vector<std::string_view>> splitArguments(std::string_view text) {
  std::vector<std::string_view> out;
  int depth = 0;
  size_t begin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    else if (text[i] == ')' && --depth < 0) return std::nullopt;
    else if (text[i] == ',' && depth == 0) {
      out.push_back(text.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  if (depth != 0) return std::nullopt;
  out.push_back(text.substr(begin));
  return out;
}

uint32_t templateSize(const Template& t, const ResolvedAlgorithm& first) {
  switch (t.size) {
    case SizeRule::None: return 0;
    case SizeRule::FirstSize: return first.size;
    case SizeRule::Eight: return 8;
  }
  return 0;
}

ResolvedAlgorithm resolveInstance(std::string_view name, size_t open, KindSet wanted) {
  std::string_view head = name.substr(0, open);
  auto args = name.back() == ')' ? splitArguments(name.substr(open + 1, name.size() - open - 2)) : std::nullopt;
  if (!args) return failure(fmt::format("'{}' is not a crypto API name: its parentheses do not match", name));
  const Template* t = findTemplate(head);
  if (t == nullptr) {
    if (const Leaf* leaf = findLeaf(head))
      return failure(fmt::format("'{}' is {}, not a template: it takes no arguments in parentheses", head,
                                 kindName(leaf->kind)));
    return unknownName(head, wanted, true);
  }
  if (args->size() < t->minArgs || args->size() > t->maxArgs) {
    return failure(fmt::format("the {} template takes {} algorithm{}, but {} {} given", t->name,
                               t->minArgs == t->maxArgs ? fmt::format("{}", t->minArgs)
                                                        : fmt::format("{} or {}", t->minArgs, t->maxArgs),
                               t->maxArgs == 1 ? "" : "s", args->size(), args->size() == 1 ? "is" : "are"));
  }
  ResolvedAlgorithm first;
  for (size_t i = 0; i < args->size(); ++i) {
    ResolvedAlgorithm arg = resolveIn((*args)[i], t->params[i]);
    if (!arg.ok) return arg;
    if (i == 0) first = arg;
  }
  Kind kind = t->result == 0 ? first.kind
              : t->result == kHash ? Kind::Hash
              : t->result == kAead ? Kind::Aead
                                   : Kind::Skcipher;
  if (!(wanted & bit(kind))) return wrongKind(name, kind, wanted);
  return found(kind, templateSize(*t, first), t->keyed || (t->result == 0 && first.needsKey));
}

ResolvedAlgorithm resolveIn(std::string_view name, KindSet wanted) {
  size_t open = name.find('(');
  if (open == std::string_view::npos) return resolveLeaf(name, wanted);
  if (open == 0) return failure(fmt::format("'{}' has no template name before its '('", name));
  return resolveInstance(name, open, wanted);
}

}  // namespace

ResolvedAlgorithm resolveAlgorithm(std::string_view name, AlgorithmKind wanted) {
  // CRYPTO_MAX_ALG_NAME (128, with the NUL): no longer name can be registered. Checking it
  // first also bounds the nesting the resolver recurses through.
  constexpr size_t kMaxAlgName = 128;
  if (name.size() >= kMaxAlgName)
    return failure(fmt::format("the name is {} bytes; kernel algorithm names have at most {}", name.size(),
                               kMaxAlgName - 1));
  return resolveIn(name, bit(wanted));
}

void addCryptoApiNames(std::string_view expression, std::vector<std::string>& names) {
  std::string name;
  for (char c : expression) {
    if (c == '(' || c == ')' || c == ',') {
      if (!name.empty()) names.push_back(name);
      name.clear();
    } else {
      name += c;
    }
  }
  if (!name.empty()) names.push_back(name);
}

size_t firstNonHexDigit(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = lower(text[i]);
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return i;
  }
  return std::string_view::npos;
}

}  // namespace dmc
