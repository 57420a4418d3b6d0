// integrity (dm-integrity.c): <dev> <start> <tag_size|-> <mode> <#opt> [<opt>...], 6.1 and 7.2.
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

std::string integrity(const std::string& args) { return "0 100 integrity /dev/sda " + args; }

}  // namespace

TEST_CASE("integrity accepts its usual forms", "[target][integrity]") {
  expectClean(integrity("0 32 J 0"));
  expectClean(integrity("0 - J 1 internal_hash:crc32c"));
  expectClean(integrity("2048 4 D 0"));
  expectClean(integrity("0 - R 1 internal_hash:sha256"));
  expectClean(integrity("0 - B 2 internal_hash:hmac(sha256):00112233 sectors_per_bit:8"));
  expectClean(integrity("0 - J 2 internal_hash:xxhash64 journal_crypt:ctr(aes):" + std::string(64, 'a')));
  expectClean(integrity("0 - J 1 internal_hash:sha256-avx2"));  // a driver name
  expectClean(integrity("0 32 J 1 journal_mac:cmac(aes):00112233445566778899aabbccddeeff"));
  expectClean(integrity(
      "0 - J 18 journal_sectors:1024 interleave_sectors:32768 buffer_sectors:128 journal_watermark:100 "
      "commit_time:10000 meta_device:/dev/sdb block_size:4096 sectors_per_bit:32768 bitmap_flush_interval:4294967295 "
      "internal_hash:sha256 journal_crypt:cbc(aes):00112233445566778899aabbccddeeff journal_mac:hmac(sha256):abcd "
      "recalculate reset_recalculate allow_discards fix_padding fix_hmac legacy_recalculate"));
  expectClean(integrity("0 16 D 1 journal_sectors:0 extra ignored"));
  expectClean(integrity("0 - I 1 internal_hash:crc32c"), dmc::kKernel7_2);
  expectClean(integrity("0 - J 2 internal_hash:crc32c allow_discards_keyed"), dmc::kKernel7_2);
}

TEST_CASE("integrity needs at least 5 arguments", "[target][integrity]") {
  expectArgError(integrity("0 32 J"), "integrity: Invalid argument count", "");
  expectArgError("0 100 integrity", "integrity: Invalid argument count", "");
}

TEST_CASE("integrity start and tag size", "[target][integrity]") {
  expectArgError(integrity("x 32 J 0"), "integrity: Invalid starting offset", "x");
  expectArgError(integrity("+1 32 J 0"), "integrity: Invalid starting offset", "+1");
  expectArgError(integrity("8 0 J 0"), "integrity: Invalid tag size", "0", 2);
  expectArgError(integrity("8 x J 0"), "integrity: Invalid tag size", "x");
  expectArgError(integrity("8 - J 0"), "integrity: Unknown tag size", "-");
  expectArgError(integrity("8 256 J 0"), "integrity: Too big tag size", "256");
  expectClean(integrity("8 255 J 0"));
}

TEST_CASE("integrity modes J, B, D, R (7.2: also I)", "[target][integrity]") {
  expectArgError(integrity("0 32 j 0"), "integrity: Invalid mode (expecting J, B, D, R)", "j");
  expectArgError(integrity("0 32 JB 0"), "integrity: Invalid mode (expecting J, B, D, R)", "JB");
  expectArgError(integrity("0 - I 1 internal_hash:crc32c"), "integrity: Invalid mode (expecting J, B, D, R)", "I");
  expectArgError72(integrity("0 32 X 0"), "integrity: Invalid mode (expecting J, B, D, R, I)", "X");
}

TEST_CASE("integrity option count is 0..18 and at most the arguments after it", "[target][integrity]") {
  expectArgError(integrity("0 32 J 19 a"), "integrity: Invalid number of feature args", "19");
  expectArgError(integrity("0 32 J 2 fix_padding"), "integrity: Invalid number of feature args", "2");
  expectArgError(integrity("0 32 J x"), "integrity: Invalid number of feature args", "x");
}

TEST_CASE("integrity option names are case sensitive", "[target][integrity]") {
  expectArgError(integrity("0 32 J 1 Recalculate"), "integrity: Invalid argument", "Recalculate");
  expectArgError(integrity("0 32 J 1 discard"), "integrity: Invalid argument", "discard");
  expectArgError(integrity("0 32 J 1 journal_sectors:abc"), "integrity: Invalid argument", "journal_sectors:abc");
  expectArgError(integrity("0 32 J 1 journal_sectors:+5"), "integrity: Invalid argument", "journal_sectors:+5");
  expectArgError(integrity("0 32 J 1 journal_watermark:101"), "integrity: Invalid argument", "journal_watermark:101");
  expectArgError(integrity("0 32 J 1 commit_time:4294967296"), "does not fit in 32 bits", "commit_time:4294967296");
  expectArgError(integrity("0 32 J 1 allow_discards_keyed"), "integrity: Invalid argument", "allow_discards_keyed");
}

TEST_CASE("integrity meta_device and block_size", "[target][integrity]") {
  expectArgError(integrity("0 32 J 1 meta_device:"), "integrity: Device lookup failed", "meta_device:");
  for (const char* bad : {"block_size:256", "block_size:8192", "block_size:1000"})
    expectArgError(integrity(std::string("0 32 J 1 ") + bad), "integrity: Invalid block_size argument", bad);
  expectArgError(integrity("0 32 J 1 block_size:4k"), "integrity: Invalid argument", "block_size:4k");
}

TEST_CASE("integrity algorithm options: keys are even-length hex, and never shown", "[target][integrity]") {
  expectArgError(integrity("0 - J 1 internal_hash:hmac(sha256):abc"), "integrity: Invalid internal_hash argument",
                 "internal_hash:hmac(sha256):abc");
  expectArgError(integrity("0 32 J 1 journal_crypt:cbc(aes):zz"), "integrity: Invalid journal_crypt argument",
                 "journal_crypt:cbc(aes):zz");
  expectArgError(integrity("0 32 J 1 journal_mac:hmac(sha256):0g"), "integrity: Invalid journal_mac argument",
                 "journal_mac:hmac(sha256):0g");
  const std::string secret = "0123456789abcdeffedcba987654321";  // odd length: invalid
  auto r = compileFor(integrity("0 32 J 1 journal_crypt:cbc(aes):" + secret) + "\n");
  REQUIRE(r.count(DiagnosticCode::TargetArgument) == 1);
  CHECK(r.first(DiagnosticCode::TargetArgument).message.find(secret) == std::string::npos);
  auto unknown = compileFor(integrity("0 32 J 1 internal_hashx:" + secret + "0") + "\n");
  CHECK(unknown.first(DiagnosticCode::TargetArgument).message.find(secret) == std::string::npos);
}

TEST_CASE("integrity hash and mac must resolve, and hmac needs a key", "[target][integrity]") {
  expectArgError(integrity("0 - J 1 internal_hash:SHA256"), "integrity: Invalid internal hash", "internal_hash:SHA256");
  expectArgError(integrity("0 - J 1 internal_hash:"), "integrity: Invalid internal hash", "internal_hash:");
  expectArgError(integrity("0 - J 1 internal_hash:hmac(sha256)"), "integrity: Error setting internal hash key",
                 "internal_hash:hmac(sha256)");
  expectArgError(integrity("0 32 J 1 journal_mac:hmac(sha1)"), "integrity: Error setting journal mac key",
                 "journal_mac:hmac(sha1)");
  expectArgError(integrity("0 32 J 1 journal_mac:Sha1"), "integrity: Invalid journal mac", "journal_mac:Sha1");
  // Names the kernel does not have fail crypto_alloc_shash() (-ENOENT).
  expectArgError(integrity("0 - J 1 internal_hash:foohash"), "integrity: Invalid internal hash",
                 "internal_hash:foohash");
  expectArgError(integrity("0 - J 1 internal_hash:sha3_256"), "did you mean 'sha3-256'?", "internal_hash:sha3_256");
  expectArgError(integrity("0 32 J 1 journal_mac:hmac(sha3-265):00"), "integrity: Invalid journal mac",
                 "journal_mac:hmac(sha3-265):00");
  expectArgError(integrity("0 32 J 1 journal_mac:cmac(aes)"), "integrity: Error setting journal mac key",
                 "journal_mac:cmac(aes)");
  // The tag size comes from the hash: sha512 gives 64 bytes, within 255.
  expectClean(integrity("0 - J 1 internal_hash:hmac(sha512):00"));
}

TEST_CASE("integrity bitmap mode and discards need an internal hash", "[target][integrity]") {
  expectArgError(integrity("0 32 B 0"), "integrity: Bitmap mode can be only used with internal hash", "B");
  expectArgError(integrity("0 32 J 1 allow_discards"), "integrity: Discard can be only used with internal hash",
                 "allow_discards");
}

TEST_CASE("integrity 7.2 inline mode", "[target][integrity]") {
  expectArgError72(integrity("0 - I 2 internal_hash:crc32c meta_device:/dev/sdb"),
                   "integrity: Metadata device not supported in inline mode", "meta_device:/dev/sdb");
  expectArgError72(integrity("0 4 I 0"), "integrity: Internal hash not set in inline mode", "I");
  expectArgError72(integrity("0 - I 2 internal_hash:crc32c journal_crypt:ctr(aes):00"),
                   "integrity: Journal crypt not supported in inline mode", "journal_crypt:ctr(aes):00");
  expectArgError72(integrity("0 - I 2 internal_hash:crc32c allow_discards"),
                   "integrity: Discards not supported in inline mode", "allow_discards");
}

TEST_CASE("integrity uses its device from the start, or from 0 with a metadata device", "[target][integrity]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 1000}, {"/dev/sdb", 8}};
  CHECK(compileText(integrity("900 32 J 0") + "\n", options).ok());
  CHECK(compileText(integrity("901 32 J 0") + "\n", options).count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(compileText(integrity("950 32 J 1 meta_device:/dev/sdb") + "\n", options).ok());
}
