// integrity (dm-integrity.c): <dev> <start> <tag_size|-> <mode> <#opt> [<opt>...], 6.1 and 7.2.
#include <string>

#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"
#include "validator/integrity_layout.h"

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
  // block_size:4096 makes 4096-byte logical blocks: the length must be a multiple of 8.
  expectClean(std::string("0 104 integrity /dev/sda ") +
      "0 - J 18 journal_sectors:1024 interleave_sectors:32768 buffer_sectors:128 journal_watermark:100 "
      "commit_time:10000 meta_device:/dev/sdb block_size:4096 sectors_per_bit:32768 bitmap_flush_interval:4294967295 "
      "internal_hash:sha256 journal_crypt:cbc(aes):00112233445566778899aabbccddeeff journal_mac:hmac(sha256):abcd "
      "recalculate reset_recalculate allow_discards fix_padding fix_hmac legacy_recalculate");
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

// Tag 32 on a fresh 8192-sector device: an 8-sector superblock, one 88-sector journal section,
// 2048 sectors of tags for the first 32768-sector area, then data, all from <start>; data
// comes in multiples of 8 sectors.
TEST_CASE("integrity uses its device from the start, or from 0 with a metadata device", "[target][integrity]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 8192}, {"/dev/sdb", 608}};
  auto at = [&](uint64_t start) {
    return compileText("0 96 integrity /dev/sda " + std::to_string(start) + " 32 J 0\n", options);
  };
  CHECK(at(5952).ok());  // 5952 + 8 + 88 + 2048 + 96 = 8192
  CHECK(at(5953).count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(compileText("0 8192 integrity /dev/sda 0 32 J 1 meta_device:/dev/sdb\n", options).ok());
}

TEST_CASE("integrity's meta_device must be a declared device", "[target][integrity]") {
  std::string line = "0 100 integrity /dev/sda 0 4 J 2 internal_hash:crc32c meta_device:/dev/nosuch";
  dmc::test::expectUndeclaredDevice(line, {{"/dev/sda", 8192}}, "/dev/nosuch",
                                    dmc::test::columnOf(line, "meta_device:/dev/nosuch") + 12);
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 8192}, {"/dev/nosuch", 2048}};
  CHECK(compileText(line + "\n", options).ok());
}

TEST_CASE("integrity block_size sets the logical block size the table must align to", "[target][integrity]") {
  // dm_integrity_io_hints: 4096-byte blocks, so a 100-sector table does not end on a block.
  auto r = compileFor("0 100 integrity /dev/sda 0 4 J 2 internal_hash:crc32c block_size:4096\n");
  INFO(r.describe());
  CHECK(r.count(DiagnosticCode::BlockAlignment) == 1);
  expectClean("0 104 integrity /dev/sda 0 4 J 2 internal_hash:crc32c block_size:4096");
}

TEST_CASE("integrity recalculate with a keyed hash needs legacy_recalculate (6.1)", "[target][integrity]") {
  const std::string hmac = "internal_hash:hmac(sha256):" + std::string(64, 'a');
  expectArgError(integrity("0 32 J 2 " + hmac + " recalculate"),
                 "integrity: Recalculating with HMAC is disabled for security reasons", "recalculate");
  expectArgError(integrity("0 32 J 2 " + hmac + " reset_recalculate"),
                 "integrity: Recalculating with HMAC is disabled", "reset_recalculate");
  expectClean(integrity("0 32 J 3 " + hmac + " recalculate legacy_recalculate"));
  expectClean(integrity("0 - J 2 internal_hash:sha256 recalculate"));  // no key, nothing to forge
  // fix_hmac binds tags to sectors: then only a keyed hash without a keyed journal MAC is refused.
  expectArgError(integrity("0 32 J 3 " + hmac + " fix_hmac recalculate"), "Recalculating with HMAC", "recalculate");
  expectClean(integrity("0 32 J 4 " + hmac + " journal_mac:hmac(sha256):abcd fix_hmac recalculate"));
  // A journal MAC key alone is refused without fix_hmac.
  expectArgError(integrity("0 - J 3 internal_hash:sha256 journal_mac:hmac(sha256):abcd recalculate"),
                 "Recalculating with HMAC", "recalculate");
  // Not modelled before 6.1 (see docs/kernel-rules.md).
  expectClean(integrity("0 32 J 2 " + hmac + " recalculate"), KernelVersion{5, 15});
}

// A fresh 8192-sector device, tag 4, 512-byte blocks: a journal of 1 section (176 sectors)
// after the 8-sector superblock, then one area whose 256 sectors of tags come first: 7752 data
// sectors. The real 6.1 kernel agrees (tests/kernel/differential, integrity/length-*-provided).
TEST_CASE("integrity without meta_device provides what its layout leaves", "[target][integrity]") {
  dmc::IntegrityFormat format{0, 4, 1, 0, 0, false, false};
  CHECK(dmc::integrityProvidedSectors(format, 8192) == 7752);
  CHECK(dmc::integrityDeviceSectorsFor(format, 7752) == 8192u);
  CHECK(dmc::integrityDeviceSectorsFor(format, 7753) > 8192u);
  // 4096-byte blocks: 80-byte journal entries, a 392-sector journal section.
  CHECK(dmc::integrityProvidedSectors({0, 4, 8, 0, 0, false, false}, 8192) == 7536);
  // The start moves everything; a device smaller than the superblock and journal provides none.
  CHECK(dmc::integrityProvidedSectors({1000, 4, 1, 0, 0, false, false}, 8192) == 6752);
  CHECK(dmc::integrityProvidedSectors(format, 190) == 0);
  CHECK(dmc::integrityProvidedSectors(format, 0) == 0);

  std::string fits = "0 7752 integrity /dev/sda 0 4 J 1 internal_hash:crc32c";
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 8192}};
  CHECK(compileText(fits + "\n", options).ok());
  std::string line = "0 7753 integrity /dev/sda 0 4 J 1 internal_hash:crc32c";
  dmc::test::expectDeviceTooSmall(line, {{"/dev/sda", 8192}},
                                  "integrity: Not enough provided sectors for requested mapping size",
                                  dmc::test::columnOf(line, "0", 2));
}

// A separate metadata device holds the superblock, one journal section at least and the tags
// of every block of the data device in 4 KiB buffers. Checked in the 6.1 kernel: with tag 4 a
// 256-sector device serves an 8192-sector data device, 128 sectors do not; with tag 32 it
// takes 1024 ("Could not initialize superblock" below that).
TEST_CASE("integrity's meta_device must hold the tags of the whole data device", "[target][integrity]") {
  dmc::IntegrityFormat tag4{0, 4, 1, 0, 0, false, false};
  CHECK(dmc::integrityMetadataDeviceSectorsFor(tag4, 8192) == 8 + 176 + 64);
  CHECK(dmc::integrityMetadataDeviceSectorsFor({0, 32, 1, 0, 0, false, false}, 8192) == 8 + 88 + 512);
  CHECK(dmc::integrityMetadataDeviceSectorsFor({0, 32, 1, 0, 0, false, false}, 32768) == 8 + 88 + 2048);
  // Never less than the superblock, one section and the padding after them.
  CHECK(dmc::integrityMetadataDeviceSectorsFor(tag4, 8) == 8 + 176 + 9);
  CHECK(dmc::integrityMetadataDeviceSectorsFor(tag4, UINT64_MAX) == UINT64_MAX);

  std::string line = "0 100 integrity /dev/sda 0 4 J 1 meta_device:/dev/sdb";
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 8192}, {"/dev/sdb", 248}};
  CHECK(compileText(line + "\n", options).ok());
  // The data device's size counts, not the table's length.
  dmc::test::expectDeviceTooSmall(line, {{"/dev/sda", 8192}, {"/dev/sdb", 247}},
                                  "integrity: Could not initialize superblock: /dev/sdb has 247 sectors",
                                  dmc::test::columnOf(line, "meta_device:/dev/sdb") + 12);
  // A data device of the same file, whose size is not a disk fact: the length is the least it can be.
  options.deviceSizes = {{"/dev/sdb", 200}};
  auto r = compileText("device data\n0 8192 zero\ndevice top\n0 8192 integrity @data 0 4 J 1 meta_device:/dev/sdb\n",
                       options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK_THAT(r.first(DiagnosticCode::DeviceTooSmall).message,
             Catch::Contains("integrity: Could not initialize superblock: /dev/sdb has 200 sectors; this needs start=0, "
                             "len=248"));
}
