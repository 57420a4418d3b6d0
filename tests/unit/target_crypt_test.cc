// crypt (dm-crypt.c): <cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...], 6.1 and 7.2.
#include <string>

#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::KernelVersion;
using dmc::test::compileFor;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectArgError72;
using dmc::test::expectClean;

namespace {

// Keys of n bytes (2n hex digits); each a different digit so a test can look for it.
std::string key(size_t bytes, char digit = 'a') { return std::string(2 * bytes, digit); }
const std::string k16 = key(16, '1'), k20 = key(20, '2'), k24 = key(24, '3'), k32 = key(32, '4');
const std::string k48 = key(48, '5'), k64 = key(64, '6');

std::string line(const std::string& cipher, const std::string& k, const std::string& rest = "0 /dev/sda 0",
                 uint64_t length = 100) {
  return "0 " + std::to_string(length) + " crypt " + cipher + " " + k + " " + rest;
}

// The key must never be shown in a message, whatever went wrong.
void expectKeyHidden(const std::string& table, const std::string& secret,
                     KernelVersion profile = dmc::kKernel6_1) {
  auto r = compileFor(table + "\n", profile);
  INFO(r.describe());
  CHECK(!r.diagnostics.empty());
  for (const auto& d : r.diagnostics) {
    CHECK(d.message.find(secret) == std::string::npos);
    for (const auto& n : d.notes) CHECK(n.message.find(secret) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("crypt accepts the usual cipher specs and key sizes", "[target][crypt]") {
  expectClean(line("aes-xts-plain64", k64));
  expectClean(line("aes-xts-plain64", k32));
  expectClean(line("aes-xts-plain64", k48));  // AES-192-XTS: the kernel takes 2 x 24 bytes
  expectClean(line("aes-cbc-essiv:sha256", k16));
  expectClean(line("aes-cbc-essiv:sha256", k24));
  expectClean(line("aes-cbc-essiv:sha256", k32));
  expectClean(line("aes-cbc-plain", k32));
  expectClean(line("aes-ctr-plain64", k16));
  expectClean(line("aes-lrw-benbi", k48));
  expectClean(line("aes", k16));          // only a cipher: cbc-plain
  expectClean(line("aes-plain", k16));    // the original format, cbc-plain too
  expectClean(line("aes-ecb", k16));      // ECB needs no IV mode
  expectClean(line("capi:xts(aes)-plain64", k64));
  expectClean(line("capi:cbc(aes)-essiv:sha256", k32));
  expectClean(line("capi:xts(aes)", k64));  // capi: with no IV mode at all
  expectClean(line("cipher_null-ecb", "-"));
  expectClean(line("twofish-xts-plain64", k64));
  expectClean(line("serpent-cbc-plain64be", k32));
  expectClean(line("aes-xts-plain64", k64 + "f"));  // an odd last digit is ignored by the kernel
  expectClean(line("aes-xts-plain64", std::string(64, 'A') + std::string(64, 'f')));  // hex in either case
}

TEST_CASE("crypt accepts every IV mode for a cipher with IVs", "[target][crypt]") {
  for (const char* iv : {"plain", "plain64", "plain64be", "essiv:sha256", "benbi", "null", "eboiv", "random"})
    expectClean(line(std::string("aes-cbc-") + iv, k16));
  expectClean(line("aes-cbc-elephant:sha256", k32));  // half the key for the IV, half for AES
  expectClean(line("aes:64-cbc-lmk", key(64 * 16 + 16)));  // 64 keys and the IV seed
  expectClean(line("aes-cbc-lmk", k16));
  expectClean(line("aes-cbc-tcw", key(16 + 32)));     // the key, the IV seed and the whitening
}

TEST_CASE("crypt takes the keyring form of the key", "[target][crypt]") {
  expectClean(line("aes-xts-plain64", ":64:logon:cryptsetup:3fa2"));
  expectClean(line("aes-xts-plain64", ":32:user:mykey"));
  expectClean(line("aes-cbc-essiv:sha256", ":32:encrypted:disk"));
  expectClean(line("aes-xts-plain64", ":64:trusted:tpmkey"), dmc::kKernel7_2);
  expectArgError(line("aes-xts-plain64", ":64:trusted:tpmkey"), "crypt: Error decoding and setting key",
                 ":64:trusted:tpmkey");
}

TEST_CASE("crypt accepts its optional features", "[target][crypt]") {
  expectClean(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 allow_discards"));
  expectClean(line("aes-xts-plain64", k64,
                   "0 /dev/sda 0 8 ALLOW_DISCARDS Same_Cpu_Crypt submit_from_crypt_cpus no_read_workqueue "
                   "no_write_workqueue iv_large_sectors sector_size:4096 integrity:8:none",
                   104));
  expectClean(line("aes-xts-plain64", k64, "8 /dev/sda 2048 1 sector_size:4096", 104));
  expectClean(line("capi:authenc(hmac(sha256),xts(aes))-random", key(96), "0 /dev/sda 0 1 integrity:28:aead"));
  expectClean(line("capi:gcm(aes)-random", k16, "0 /dev/sda 0 1 integrity:28:AEAD"));
  expectClean(line("aes-xts-random", k64, "0 /dev/sda 0 1 integrity:16:none"));
  // sscanf "integrity:%u:" stops at the number; the profile is whatever follows the next ':'.
  expectClean(line("aes-xts-random", k64, "0 /dev/sda 0 1 integrity:16x:none"));
  // Arguments past the feature count are ignored.
  expectClean(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 allow_discards whatever"));
  expectClean(line("aes-xts-plain64", k64, "0 /dev/sda 0 0"));
}

TEST_CASE("crypt 7.2 features", "[target][crypt]") {
  std::string nine = line("aes-xts-plain64", k64,
                          "0 /dev/sda 0 9 allow_discards same_cpu_crypt high_priority submit_from_crypt_cpus "
                          "no_read_workqueue no_write_workqueue iv_large_sectors sector_size:512 "
                          "integrity_key_size:32");
  expectClean(nine, dmc::kKernel7_2);
  expectArgError(nine, "crypt: Invalid number of feature args", "9");
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 high_priority"), "crypt: Invalid feature arguments",
                 "high_priority");
  expectArgError72(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 integrity_key_size:0"),
                   "crypt: Invalid integrity_key_size argument", "integrity_key_size:0");
  expectArgError72(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 integrity_key_size:3x"),
                   "crypt: Invalid feature arguments", "integrity_key_size:3x");
}

TEST_CASE("crypt needs 5 arguments", "[target][crypt]") {
  expectArgError("0 100 crypt aes-xts-plain64 " + k64 + " 0 /dev/sda", "crypt: Not enough arguments", "");
  expectArgError("0 100 crypt", "crypt: Not enough arguments", "");
}

TEST_CASE("crypt keyring key size must be a decimal number then ':'", "[target][crypt]") {
  expectArgError(line("aes-xts-plain64", ":abc:logon:x"), "crypt: Cannot parse key size", ":abc:logon:x");
  expectArgError(line("aes-xts-plain64", ":64"), "crypt: Cannot parse key size", ":64");
  expectArgError(line("aes-xts-plain64", ":+64:logon:x"), "crypt: Cannot parse key size", ":+64:logon:x");
  expectArgError(line("aes-xts-plain64", ":3000000000:logon:x"), "crypt: Cannot parse key size",
                 ":3000000000:logon:x");
  // The key size is read before the features and the cipher.
  expectArgError(line("bad(", ":x:logon:y", "0 /dev/sda 0 1 bogus"), "crypt: Cannot parse key size", ":x:logon:y");
}

TEST_CASE("crypt feature count is 0..8 (7.2: 0..9) and at most the arguments after it", "[target][crypt]") {
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 2 allow_discards"),
                 "crypt: Invalid number of feature args", "2");
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 x"), "crypt: Invalid number of feature args", "x");
  expectArgError72(line("aes-xts-plain64", k64, "0 /dev/sda 0 10 a b c d e f g h i j"),
                   "crypt: Invalid number of feature args", "10");
  // Features are read before the cipher: a bad feature is reported first.
  expectArgError(line("aes-xts-bogus", k64, "0 /dev/sda 0 1 bogus"), "crypt: Invalid feature arguments", "bogus");
}

TEST_CASE("crypt feature names", "[target][crypt]") {
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 discard"), "crypt: Invalid feature arguments",
                 "discard");
  // sscanf prefixes are case sensitive, unlike the plain names.
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 Sector_Size:4096"),
                 "crypt: Invalid feature arguments", "Sector_Size:4096");
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 sector_size:4k"), "crypt: Invalid feature arguments",
                 "sector_size:4k");
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 integrity:aead"), "crypt: Invalid feature arguments",
                 "integrity:aead");
}

TEST_CASE("crypt integrity feature", "[target][crypt]") {
  expectArgError(line("aes-xts-random", k64, "0 /dev/sda 0 1 integrity:0:none"), "crypt: Invalid integrity arguments",
                 "integrity:0:none");
  expectArgError(line("aes-xts-random", k64, "0 /dev/sda 0 1 integrity:481:none"),
                 "crypt: Invalid integrity arguments", "integrity:481:none");
  // Without ":<profile>" the kernel dereferences a null pointer: dmc refuses it.
  expectArgError(line("aes-xts-random", k64, "0 /dev/sda 0 1 integrity:32"), "kernel oops", "integrity:32");
  expectArgError(line("aes-xts-random", k64, "0 /dev/sda 0 1 integrity:32:hmac"), "crypt: Unknown integrity profile",
                 "integrity:32:hmac");
}

TEST_CASE("crypt sector_size is 512..4096, a power of two dividing the target length", "[target][crypt]") {
  for (const char* bad : {"sector_size:256", "sector_size:8192", "sector_size:1000", "sector_size:66048"})
    expectArgError(line("aes-xts-plain64", k64, std::string("0 /dev/sda 0 1 ") + bad),
                   "crypt: Invalid feature value for sector_size", bad);
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 sector_size:4096", 100),
                 "crypt: Device size is not multiple of sector_size feature", "sector_size:4096");
}

TEST_CASE("crypt legacy cipher spec syntax", "[target][crypt]") {
  expectArgError(line("xts(aes)-plain64", k64), "crypt: Bad cipher specification", "xts(aes)-plain64");
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 0 1 integrity:28:aead"), "crypt: Bad cipher specification",
                 "aes-xts-plain64");
  expectArgError(line("aes:3-cbc-lmk", k16), "crypt: Bad cipher key count specification", "aes:3-cbc-lmk");
  expectArgError(line("aes:x-cbc-plain", k16), "crypt: Bad cipher key count specification", "aes:x-cbc-plain");
  expectArgError(line("aes:0-cbc-plain", k16), "crypt: Bad cipher key count specification", "aes:0-cbc-plain");
  expectArgError(line("aes-cbc", k16), "crypt: IV mechanism required", "aes-cbc");
  expectArgError(line("aes-xts", k64), "crypt: IV mechanism required", "aes-xts");
  expectArgError(line("aes-", k16), "crypt: IV mechanism required", "aes-");
  expectArgError(line("aes-cbc-essiv", k16), "crypt: Digest algorithm missing for ESSIV mode", "aes-cbc-essiv");
  // ESSIV is checked before the cipher is known to have IVs.
  expectArgError(line("aes-ecb-essiv", k16), "crypt: Digest algorithm missing for ESSIV mode", "aes-ecb-essiv");
  std::string longName(130, 'x');
  expectArgError(line(longName + "-cbc-plain", k16), "crypt: Cannot allocate cipher strings", longName + "-cbc-plain");
  expectArgError(line("aes--plain64", k16), "crypt: Error allocating crypto tfm", "aes--plain64");
  expectArgError(line("aes-cbc-essiv:", k16), "crypt: Error allocating crypto tfm", "aes-cbc-essiv:");
}

TEST_CASE("crypt capi: cipher spec syntax", "[target][crypt]") {
  expectArgError(line("capi:cbc(aes)-essiv", k16), "crypt: Digest algorithm missing for ESSIV mode",
                 "capi:cbc(aes)-essiv");
  expectArgError(line("capi:-plain64", k16), "crypt: Error allocating crypto tfm", "capi:-plain64");
  std::string longApi = "cbc(" + std::string(120, 'x') + ")";
  expectArgError(line("capi:" + longApi + "-essiv:sha256", k16), "crypt: Cannot allocate cipher string",
                 "capi:" + longApi + "-essiv:sha256");
  expectArgError(line("capi:authenc(xts(aes))-random", k64, "0 /dev/sda 0 1 integrity:28:aead"),
                 "crypt: Invalid AEAD cipher spec", "capi:authenc(xts(aes))-random");
  expectArgError(line("capi:authenc(,xts(aes))-random", k64, "0 /dev/sda 0 1 integrity:28:aead"),
                 "crypt: Invalid AEAD cipher spec", "capi:authenc(,xts(aes))-random");
  // 16 tag bytes: gcm(aes) takes a 16-byte authentication tag (the lmk IV keeps none in the tag).
  std::string lmk = line("capi:gcm(aes)-lmk", k16, "0 /dev/sda 0 1 integrity:16:aead");
  expectArgError(lmk, "crypt: AEAD transforms not supported for LMK", "capi:gcm(aes)-lmk");
  expectClean(lmk, dmc::kKernel7_2);  // 7.2 dropped this check
}

TEST_CASE("crypt IV mode names, for ciphers that certainly have IVs", "[target][crypt]") {
  expectArgError(line("aes-xts-bogus", k64), "crypt: Invalid IV mode", "aes-xts-bogus");
  expectArgError(line("aes-cbc-", k16), "crypt: Invalid IV mode", "aes-cbc-");
  expectArgError(line("capi:xts(aes)-PLAIN64", k64), "crypt: Invalid IV mode", "capi:xts(aes)-PLAIN64");
  expectArgError(line("twofish-cbc-plain65", k32), "crypt: Invalid IV mode", "twofish-cbc-plain65");
  expectClean(line("aes-ecb-bogus", k16));      // ECB has no IV: the kernel ignores the IV mode
  // An unknown cipher fails earlier, when the kernel allocates the transform.
  expectArgError(line("foo-cbc-bogus", k16), "crypt: Error allocating crypto tfm", "foo-cbc-bogus");
  expectArgError(line("capi:bar(aes)-bogus", k16), "crypt: Error allocating crypto tfm", "capi:bar(aes)-bogus");
}

TEST_CASE("crypt cipher, chain mode and ESSIV hash must be algorithms the kernel has", "[target][crypt]") {
  // The differential test's table: the kernel says "Error allocating crypto tfm" (-ENOENT).
  std::string kernelCase = "397 992 crypt nosuchcipher-xts-plain64 " + key(32) + " 47 /dev/loop2 1997";
  expectArgError(kernelCase, "crypt: Error allocating crypto tfm", "nosuchcipher-xts-plain64");
  expectArgError(kernelCase, "no algorithm named 'nosuchcipher'", "nosuchcipher-xts-plain64");
  expectArgError(line("aes-xst-plain64", k64), "no template named 'xst'; did you mean 'xts'?", "aes-xst-plain64");
  expectArgError(line("aes-cbc-essiv:sha265", k32), "essiv(cbc(aes),sha265): the kernel has no algorithm named "
                 "'sha265'; did you mean 'sha256'?", "aes-cbc-essiv:sha265");
  expectArgError(line("sha256-cbc-plain", k32), "'sha256' is a hash, but a block cipher is wanted",
                 "sha256-cbc-plain");
  expectArgError(line("anubis-cbc-plain", k32), "Debian's 6.1 kernel does not build it", "anubis-cbc-plain");
  expectArgError(line("sm4-xts-plain64", k32), "Debian's 6.1 kernel does not build it", "sm4-xts-plain64");
  expectArgError(line("SERPENT-xts-plain64", k64), "did you mean 'serpent'?", "SERPENT-xts-plain64");
  expectArgError(line("capi:xts(nosuch)-plain64", k64), "crypt: Error allocating crypto tfm",
                 "capi:xts(nosuch)-plain64");
  expectArgError(line("capi:xts(aes", k64), "crypt: Error allocating crypto tfm", "capi:xts(aes");
  expectArgError(line("capi:xts(aes,aes)-plain64", k64), "the xts template takes 1 algorithm",
                 "capi:xts(aes,aes)-plain64");
  // An AEAD is allocated as one only with integrity:<bytes>:aead; otherwise crypt asks for a
  // plain cipher mode, which authenc(...) is not.
  expectArgError(line("capi:authenc(hmac(sha256),xts(aes))-random", key(96)), "is an AEAD",
                 "capi:authenc(hmac(sha256),xts(aes))-random");
  expectArgError(line("capi:gcm(nosuch)-random", k16, "0 /dev/sda 0 1 integrity:28:aead"),
                 "crypt: Error allocating crypto tfm", "capi:gcm(nosuch)-random");
}

TEST_CASE("crypt accepts every kernel spelling of its ciphers", "[target][crypt]") {
  expectClean(line("serpent-xts-plain64", k64));
  expectClean(line("camellia-cbc-essiv:sha256", k32));
  expectClean(line("cast6-cbc-essiv:sha3-256", k32));
  expectClean(line("blowfish-cbc-plain", k16));
  expectClean(line("cast5-cbc-plain64", k16));
  expectClean(line("des3_ede-cbc-plain", k24));
  expectClean(line("aes-pcbc-plain64", k16));
  expectClean(line("aes-cbc-essiv:sha256-generic", k32));      // a driver name as the ESSIV hash
  expectClean(line("xchacha12,aes-adiantum-plain64", k32));   // Adiantum, as cryptsetup writes it
  expectClean(line("capi:adiantum(xchacha20,aes)-plain64", k32));
  expectClean(line("capi:xts(aes-generic)-plain64", k64));    // driver names inside templates
  expectClean(line("capi:xts(aes-aesni)-plain64", k64));
  expectClean(line("capi:xts(ecb(aes))-plain64", k64));
  expectClean(line("capi:xts-aes-aesni-plain64", k64));       // a whole-mode driver name
  expectClean(line("capi:cbc-camellia-aesni-avx2-plain64", k32));
  expectClean(line("capi:cts(cbc(aes))-plain64", k32));
  expectClean(line("capi:rfc3686(ctr(aes))-plain64", key(20)));
  expectClean(line("capi:essiv(cbc(aes),sha256)-plain64", k32));
  expectClean(line("capi:rfc4309(ccm(aes))-random", key(19), "0 /dev/sda 0 1 integrity:16:aead"));
  expectClean(line("capi:authenc(hmac(sha512),cbc(aes))-random", key(96), "0 /dev/sda 0 1 integrity:64:aead"));
  expectClean(line("capi:authenc(cmac(aes),xts(aes))-random", key(96), "0 /dev/sda 0 1 integrity:16:aead"));
  expectClean(line("capi:aegis128-random", k16, "0 /dev/sda 0 1 integrity:16:aead"));
}

TEST_CASE("crypt elephant takes half the key, at most 32 bytes", "[target][crypt]") {
  expectArgError(line("aes-cbc-elephant:sha256", key(66)), "crypt: Unknown error", key(66));
}

TEST_CASE("crypt key must be '-' for no key, the keyring form, or hex", "[target][crypt]") {
  expectArgError(line("aes-xts-plain64", k64.substr(0, 100) + "xy" + k64.substr(102)),
                 "crypt: Error decoding and setting key: the key must be hexadecimal digits, but its character 101",
                 k64.substr(0, 100) + "xy" + k64.substr(102));
  expectArgError(line("aes-cbc-plain", "a"), "crypt: Error decoding and setting key", "a");
  expectArgError(line("aes-cbc-plain", ":0:logon:x"), "crypt: Error decoding and setting key", ":0:logon:x");
  expectArgError(line("aes-cbc-plain", ":32:bogus:x"), "crypt: Error decoding and setting key", ":32:bogus:x");
  expectArgError(line("aes-cbc-plain", ":32:logon:"), "crypt: Error decoding and setting key", ":32:logon:");
  expectArgError(line("aes-cbc-plain", ":32:logon"), "crypt: Error decoding and setting key", ":32:logon");
  expectArgError(line("aes-cbc-plain", ":32::x"), "crypt: Error decoding and setting key", ":32::x");
}

TEST_CASE("crypt AES key lengths per mode", "[target][crypt]") {
  expectArgError(line("aes-xts-plain64", k16), "takes a key of 32, 48 or 64 bytes", k16);
  expectArgError(line("aes-cbc-essiv:sha256", k20), "crypt: Error decoding and setting key", k20);
  expectArgError(line("aes-cbc-essiv:sha256", "-"), "crypt: Error decoding and setting key", "-");
  expectArgError(line("capi:xts(aes)-plain64", k16 + k20), "crypt: Error decoding and setting key", k16 + k20);
  expectArgError(line("aes-lrw-benbi", k32.substr(0, 62) + "00" + "00"), "crypt: Error decoding and setting key",
                 k32.substr(0, 62) + "0000");  // 33 bytes
  expectArgError(line("aes-cbc-tcw", k32), "crypt: Error decoding and setting key", k32);  // nothing left for AES
  expectArgError(line("aes:64-cbc-lmk", k32), "divided among 64 keys", k32);
  // The keyring form is checked too: no key of that size can work.
  expectArgError(line("aes-xts-plain64", ":16:logon:k"), "crypt: Error decoding and setting key", ":16:logon:k");
  // Ciphers whose key sizes dmc does not list (serpent takes any key up to 32 bytes): any length.
  expectClean(line("serpent-xts-plain64", k20));
}

TEST_CASE("crypt never shows the key in a message", "[target][crypt]") {
  expectKeyHidden(line("aes-xts-plain64", k16), k16);
  expectKeyHidden(line("aes-xts-plain64", k32 + "zz"), k32);
  expectKeyHidden(line("aes-xts-plain64", k64, "x /dev/sda 0"), k64);
  expectKeyHidden(line("aes-xts-bogus", k64), k64);
  expectKeyHidden(line("aes-cbc-elephant:sha256", key(66, '7')), key(66, '7'));
  expectKeyHidden(line("aes-cbc-plain", ":32:bogus:secretdesc"), "secretdesc");
  expectKeyHidden(line("aes-cbc-plain", ":3x:logon:secretdesc"), "secretdesc");
}

TEST_CASE("crypt IV set-up: lmk and tcw need 512-byte sectors, eboiv no AEAD", "[target][crypt]") {
  expectArgError(line("aes-cbc-lmk", k16, "0 /dev/sda 0 1 sector_size:1024"), "crypt: Error creating IV",
                 "sector_size:1024");
  expectArgError(line("aes-cbc-tcw", key(48), "0 /dev/sda 0 1 sector_size:4096", 104), "crypt: Error creating IV",
                 "sector_size:4096");
  expectArgError(line("capi:gcm(aes)-eboiv", k16, "0 /dev/sda 0 1 integrity:16:aead"), "crypt: Error creating IV",
                 "capi:gcm(aes)-eboiv");
  expectClean(line("aes-cbc-plain64", k16, "0 /dev/sda 0 1 sector_size:1024"));
}

TEST_CASE("crypt iv_offset and offset", "[target][crypt]") {
  expectArgError(line("aes-xts-plain64", k64, "x /dev/sda 0"), "crypt: Invalid iv_offset sector", "x");
  expectArgError(line("aes-xts-plain64", k64, "+1 /dev/sda 0"), "crypt: Invalid iv_offset sector", "+1");
  expectArgError(line("aes-xts-plain64", k64, "4 /dev/sda 0 1 sector_size:4096", 104),
                 "crypt: Invalid iv_offset sector", "4");
  expectClean(line("aes-xts-plain64", k64, "16 /dev/sda 0 1 sector_size:4096", 104));
  expectClean("device d\n" + line("aes-xts-plain64", k64, "1M /dev/sda 1G"));  // dmc units, in a dmc file
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda -1"), "crypt: Invalid device sector", "-1");
  expectArgError(line("aes-xts-plain64", k64, "0 /dev/sda 18446744073709551616"), "does not fit in 64 bits",
                 "18446744073709551616");
}

TEST_CASE("crypt uses (offset, length) of its device", "[target][crypt]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 1000}};
  CHECK(compileText(line("aes-xts-plain64", k64, "0 /dev/sda 900") + "\n", options).ok());
  auto r = compileText(line("aes-xts-plain64", k64, "0 /dev/sda 901") + "\n", options);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);
}

// twofish and camellia take 16, 24 or 32-byte keys like aes; xts splits the key in two.
TEST_CASE("crypt key sizes of twofish and camellia", "[target][crypt]") {
  expectClean(line("twofish-xts-plain64", k32));
  expectClean(line("camellia-cbc-essiv:sha256", k24));
  expectArgError(line("twofish-xts-plain64", k16), "crypt: Error decoding and setting key", k16);
  expectArgError(line("camellia-xts-plain64", k20), "crypt: Error decoding and setting key", k20);
  expectArgError(line("twofish-cbc-plain64", k20), "crypt: Error decoding and setting key", k20);
  expectClean(line("serpent-xts-plain64", k16));  // serpent takes any key up to 32 bytes
}
