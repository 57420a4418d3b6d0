// verity (dm-verity-target.c, dm-verity-fec.c): a read-only table of <version> <data_dev>
// <hash_dev> <data_bs> <hash_bs> <#blocks> <hash_start> <alg> <digest> <salt> [<#opt> <opt>...].
#include <string>

#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::KernelVersion;
using dmc::test::columnOf;
using dmc::test::compileFor;
using dmc::test::compileText;

namespace {

const std::string sha256 = std::string(64, 'c');
const std::string salt = "a7b8c9d0";

// A verity line of `length` sectors; `fields` are the arguments from <data_bs> on.
std::string verity(const std::string& fields, uint64_t length = 8) {
  return "0 " + std::to_string(length) + " verity 1 /dev/sda /dev/sdb " + fields;
}
// 1 data block of 4096 bytes, sha256, then `tail` (optional arguments).
std::string basic(const std::string& tail = "") {
  return verity("4096 4096 1 1 sha256 " + sha256 + " " + salt + (tail.empty() ? "" : " " + tail));
}
// 1 GiB of data: 262144 blocks, whose sha256 tree takes 2065 hash blocks.
std::string gigabyte(const std::string& tail) {
  return verity("4096 4096 262144 1 sha256 " + sha256 + " - " + tail, 2097152);
}

std::string readOnly(const std::string& line) { return "device v ro\n" + line + "\n"; }

void expectClean(const std::string& line, KernelVersion profile = dmc::kKernel6_1) {
  auto r = compileFor(readOnly(line), profile);
  INFO("line: " << line << "\n" << r.describe());
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
}

// One target-argument error containing `message` at the nth token `at` of the verity line
// (the end of the line when `at` is empty).
void expectError(const std::string& line, std::string_view message, std::string_view at, int nth = 1,
                 KernelVersion profile = dmc::kKernel6_1) {
  auto r = compileFor(readOnly(line), profile);
  INFO("line: " << line << "\n" << r.describe());
  REQUIRE(r.count(DiagnosticCode::TargetArgument) == 1);
  const auto& d = r.first(DiagnosticCode::TargetArgument);
  CHECK_THAT(d.message, Catch::Contains(std::string(message)));
  CHECK(d.location.line == 2);
  CHECK(d.location.column == columnOf(line, at, nth));
}

void expectError72(const std::string& line, std::string_view message, std::string_view at, int nth = 1) {
  expectError(line, message, at, nth, dmc::kKernel7_2);
}

}  // namespace

TEST_CASE("verity accepts its usual forms", "[target][verity]") {
  expectClean(basic());
  expectClean(verity("4096 4096 1 1 sha256 " + sha256 + " -"));
  expectClean(verity("512 4096 16 0 sha1 " + std::string(40, 'F') + " 00"));
  expectClean(verity("4096 65536 1 1 sha512 " + std::string(128, '0') + " -"));
  expectClean("0 8 verity 0 /dev/sda /dev/sdb 4096 4096 1 1 sha256 " + sha256 + " -");  // Chromium OS format
  expectClean(verity("4096 4096 1 1 blake2b-256 " + std::string(64, '1') + " -"));
  expectClean(verity("4096 4096 1 1 sha256-avx2 " + sha256 + " -"));  // a driver name
  expectClean(verity("4096 4096 1 1 crc32c " + std::string(8, '1') + " -"));
  expectClean(verity("4096 4096 1 1 hmac(sha256) " + sha256 + " -"));  // keyed: fails only when used
  expectClean(verity("4096 4096 2 1 sha256 " + sha256 + " -"));  // more data blocks than the target needs
  expectClean(basic("1 ignore_corruption"));
  expectClean(basic("1 RESTART_ON_CORRUPTION"));
  expectClean(basic("3 panic_on_corruption ignore_zero_blocks check_at_most_once"));
  expectClean(basic("2 try_verify_in_tasklet try_verify_in_tasklet"));
  expectClean(basic("2 root_hash_sig_key_desc mykey"));
  expectClean(basic("0"));
  expectClean(basic("1 ignore_zero_blocks ignored_extra"));  // past the count: ignored
}

TEST_CASE("verity accepts forward error correction", "[target][verity]") {
  expectClean(gigabyte("8 use_fec_from_device /dev/sdc fec_roots 2 fec_blocks 264209 fec_start 0"));
  expectClean(gigabyte("14 use_fec_from_device /dev/sdc FEC_ROOTS 24 fec_blocks 300000 fec_start 7 "
                       "restart_on_corruption ignore_zero_blocks check_at_most_once try_verify_in_tasklet "
                       "root_hash_sig_key_desc key"));
  // FEC options without a FEC device are read, then ignored.
  expectClean(gigabyte("2 fec_roots 2"));
}

TEST_CASE("verity needs a read-only load, and its arguments are checked all the same", "[target][verity]") {
  // A plain table cannot say how it is loaded: a warning, and the device becomes read-only.
  auto r = compileText(basic() + "\n");
  CHECK(r.ok());
  const auto& d = r.first(DiagnosticCode::NeedsReadOnly);
  CHECK(d.severity == dmc::Severity::Warning);
  CHECK_THAT(d.message, Catch::StartsWith("verity: the kernel loads this table only read-only (\"Device must be "
                                          "readonly\")"));
  CHECK(d.location.column == 5);
  REQUIRE(r.outcome.model.devices.size() == 1);
  CHECK(r.outcome.model.devices[0].readOnly);
  CHECK(r.outcome.model.devices[0].readOnlyForTargets);
  // Every other mistake of the line is still found.
  auto bare = compileText("0 8 verity\n");
  CHECK_THAT(bare.first(DiagnosticCode::TargetArgument).message, Catch::Contains("verity: Not enough arguments"));
  // --readonly says it: no warning, and the device is read-only by the input's word.
  dmc::CompileOptions options;
  options.readOnly = true;
  auto said = compileText(basic() + "\n", options);
  CHECK(said.diagnostics.empty());
  CHECK(said.outcome.model.devices[0].readOnly);
  CHECK_FALSE(said.outcome.model.devices[0].readOnlyForTargets);
  // A header that loads it read-write is an error, once, and the arguments are still checked.
  auto header = compileText("device v\n" + basic() + "\n8 8 verity 9\n");
  CHECK(header.count(DiagnosticCode::TargetArgument) == 2);
  CHECK_THAT(header.first(DiagnosticCode::TargetArgument).message,
             Catch::Contains("verity: Device must be readonly: verity only works in a read-only table; this device's "
                             "header loads it read-write"));
  // --readonly does not change what a header says.
  CHECK_FALSE(compileText("device v\n" + basic() + "\n", options).ok());
}

TEST_CASE("verity needs 10 arguments", "[target][verity]") {
  expectError(verity("4096 4096 1 1 sha256 " + sha256), "verity: Not enough arguments", "");
  expectError("0 8 verity", "verity: Not enough arguments", "");
}

TEST_CASE("verity option count: 0..14 (7.2: 0..15), checked before the other arguments", "[target][verity]") {
  std::string fifteen = basic("15 a b c d e f g h i j k l m n o");
  expectError(fifteen, "verity: Invalid number of feature args", "15");
  expectError72(fifteen, "verity: Unrecognized verity feature request", "a");
  expectError72(basic("16 a b c d e f g h i j k l m n o p"), "verity: Invalid number of feature args", "16");
  expectError(basic("2 ignore_corruption"), "verity: Invalid number of feature args", "2");
  expectError(basic("x"), "verity: Invalid number of feature args", "x");
  expectError("0 8 verity 7 /dev/sda /dev/sdb 4096 4096 1 1 sha256 " + sha256 + " - 2 x",
              "verity: Invalid number of feature args", "2");
}

TEST_CASE("verity version is 0 or 1", "[target][verity]") {
  expectError("0 8 verity 2 /dev/sda /dev/sdb 4096 4096 1 1 sha256 " + sha256 + " -", "verity: Invalid version", "2");
  expectError("0 8 verity v1 /dev/sda /dev/sdb 4096 4096 1 1 sha256 " + sha256 + " -", "verity: Invalid version",
              "v1");
}

TEST_CASE("verity block sizes are powers of two, data 512..4096, hash 512..2^30", "[target][verity]") {
  expectError(verity("0 4096 1 1 sha256 " + sha256 + " -"), "verity: Invalid data device block size", "0", 2);
  for (const char* bad : {"1000", "256", "8192", "+4096"})
    expectError(verity(std::string(bad) + " 4096 1 1 sha256 " + sha256 + " -"),
                "verity: Invalid data device block size", bad);
  for (const char* bad : {"256", "3000", "2147483648"})
    expectError(verity(std::string("4096 ") + bad + " 1 1 sha256 " + sha256 + " -"),
                "verity: Invalid hash device block size", bad);
  expectClean(verity("4096 1073741824 1 1 sha256 " + sha256 + " -"));
}

TEST_CASE("verity data blocks must cover the target", "[target][verity]") {
  expectError(verity("4096 4096 x 1 sha256 " + sha256 + " -"), "verity: Invalid data blocks", "x");
  expectError(verity("4096 4096 2305843009213693952 1 sha256 " + sha256 + " -"), "verity: Invalid data blocks",
              "2305843009213693952");  // 2^61 blocks of 8 sectors: past 2^64 sectors
  expectError(verity("4096 4096 1 1 sha256 " + sha256 + " -", 16), "verity: Data device is too small: the target "
                                                                   "is 16 sectors long",
              "1", 2);
  expectError(verity("4096 4096 1 x sha256 " + sha256 + " -"), "verity: Invalid hash start", "x");
  expectError(verity("4096 4096 1 2305843009213693952 sha256 " + sha256 + " -"), "verity: Invalid hash start",
              "2305843009213693952");
}

TEST_CASE("verity algorithm, root digest and salt", "[target][verity]") {
  expectError(verity("4096 4096 1 1 SHA256 " + sha256 + " -"), "verity: Cannot initialize hash function", "SHA256");
  expectError(verity("4096 4096 1 1 sha256 " + sha256.substr(2) + " -"), "verity: Invalid root digest",
              sha256.substr(2));
  expectError(verity("4096 4096 1 1 sha1 " + sha256 + " -"), "a sha1 digest is 20 bytes", sha256);
  expectError(verity("4096 4096 1 1 sha256 " + sha256.substr(1) + "g -"), "verity: Invalid root digest",
              sha256.substr(1) + "g");
  expectError(verity("4096 4096 1 1 unknownhash abc -"), "verity: Cannot initialize hash function", "unknownhash");
  expectError(verity("4096 4096 1 1 blake2s-256 " + sha256 + " -"), "did you mean 'blake2b-256'?", "blake2s-256");
  expectError(verity("4096 4096 1 1 sm3 " + sha256 + " -"), "Debian's 6.1 kernel does not build it", "sm3");
  expectError(verity("4096 4096 1 1 aes " + sha256 + " -"), "'aes' is a block cipher, but a hash is wanted", "aes");
  std::string nested;
  for (int i = 0; i < 5000; ++i) nested += "hmac(";
  expectError(verity("4096 4096 1 1 " + nested + " " + sha256 + " -"), "kernel algorithm names have at most 127",
              nested);
  // The differential test's table: the kernel says "Cannot initialize hash function".
  expectError("0 224 verity 1 /dev/loop7 /dev/loop7 4096 512 64 544 nosuchhash " + sha256 + " - 1 check_at_most_once",
              "verity: Cannot initialize hash function", "nosuchhash");
  expectError(verity("4096 4096 1 1 sha256 " + sha256 + " abc"), "verity: Invalid salt", "abc");
  expectError(verity("4096 4096 1 1 sha256 " + sha256 + " zz"), "verity: Invalid salt", "zz");
}

TEST_CASE("verity error handling modes conflict", "[target][verity]") {
  expectError(basic("2 ignore_corruption restart_on_corruption"), "verity: Conflicting error handling parameters",
              "restart_on_corruption");
  expectError(basic("2 panic_on_corruption panic_on_corruption"), "verity: Conflicting error handling parameters",
              "panic_on_corruption", 2);
  expectError(basic("1 restart_on_error"), "verity: Unrecognized verity feature request", "restart_on_error");
  expectClean(basic("2 restart_on_corruption panic_on_error"), dmc::kKernel7_2);
  expectError72(basic("2 restart_on_error panic_on_error"), "verity: Conflicting error handling parameters",
                "panic_on_error");
  expectError(basic("1 bogus"), "verity: Unrecognized verity feature request", "bogus");
}

TEST_CASE("verity check_at_most_once needs at most INT_MAX data blocks", "[target][verity]") {
  expectError(verity("4096 4096 2147483648 1 sha256 " + sha256 + " - 1 check_at_most_once"),
              "verity: device too large to use check_at_most_once", "check_at_most_once");
  expectClean(verity("4096 4096 2147483647 1 sha256 " + sha256 + " - 1 check_at_most_once"));
}

TEST_CASE("verity FEC option values", "[target][verity]") {
  expectError(basic("1 use_fec_from_device"), "verity: FEC feature arguments require a value",
              "use_fec_from_device");
  expectError(basic("2 ignore_zero_blocks fec_roots 2"), "verity: FEC feature arguments require a value",
              "fec_roots");
  expectError(basic("2 fec_roots 1"), "verity: Invalid fec_roots", "1", 4);
  expectError(basic("2 fec_roots 0"), "verity: Invalid fec_roots", "0", 2);
  for (const char* bad : {"25", "258", "x"})
    expectError(basic(std::string("2 fec_roots ") + bad), "verity: Invalid fec_roots", bad);
  expectError(basic("2 fec_blocks x"), "verity: Invalid fec_blocks", "x");
  expectError(basic("2 fec_start 2305843009213693952"), "verity: Invalid fec_start", "2305843009213693952");
  std::string twice = gigabyte("10 use_fec_from_device /dev/sdc use_fec_from_device /dev/sdd fec_roots 2 "
                               "fec_blocks 264209 fec_start 0");
  expectClean(twice);
  expectError72(twice, "verity: FEC device already specified", "use_fec_from_device", 2);
}

TEST_CASE("verity FEC needs equal block sizes, roots and enough blocks", "[target][verity]") {
  expectError(verity("4096 8192 1 1 sha256 " + sha256 + " - 6 use_fec_from_device /dev/sdc fec_roots 2 "
                     "fec_blocks 10"),
              "verity: Block sizes must match to use FEC", "use_fec_from_device");
  expectError(gigabyte("4 use_fec_from_device /dev/sdc fec_blocks 264209"), "verity: Missing fec_roots",
              "use_fec_from_device");
  expectError(gigabyte("4 use_fec_from_device /dev/sdc fec_roots 2"), "verity: Missing fec_blocks",
              "use_fec_from_device");
  expectError(gigabyte("6 use_fec_from_device /dev/sdc fec_roots 2 fec_blocks 264208"),
              "verity: Invalid fec_blocks: FEC must cover the 262144 data blocks and the 2065 hash blocks", "264208");
}

TEST_CASE("verity root hash signature key", "[target][verity]") {
  expectError(basic("1 root_hash_sig_key_desc"), "verity: DM Verity Sig Verification Signature key not specified",
              "root_hash_sig_key_desc");
  std::string twice = basic("4 root_hash_sig_key_desc a root_hash_sig_key_desc b");
  expectClean(twice);
  expectError72(twice, "verity: root_hash_sig_key_desc already specified", "root_hash_sig_key_desc", 2);
}

TEST_CASE("verity hash tree must end before 2^64 blocks", "[target][verity]") {
  expectError(verity("512 512 2 18446744073709551615 sha256 " + sha256 + " -", 1),
              "verity: Hash device offset overflow", "18446744073709551615");
  expectClean(verity("512 512 2 18446744073709551614 sha256 " + sha256 + " -", 1));
}

TEST_CASE("verity uses (0, length) of its data device", "[target][verity]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 16}, {"/dev/sdb", 16}};  // sdb: hash block 1 and the 1-block tree
  CHECK(compileText(readOnly(verity("4096 4096 2 1 sha256 " + sha256 + " -", 16)), options).ok());
  auto r = compileText(readOnly(verity("4096 4096 4 1 sha256 " + sha256 + " -", 32)), options);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);
}

// verity_ctr(): the hash device must hold hash_start plus the tree, in whole hash blocks, or
// "Hash device is too small" (-E2BIG). dmc checks it against declared device sizes.
TEST_CASE("verity hash device must hold the hash tree", "[target][verity]") {
  // 256 data blocks of 1 KiB, sha256: 32 digests a block, so 8 + 1 tree blocks after block 385,
  // that is sectors 770 to 787.
  std::string table = readOnly("0 360 verity 0 /dev/loop7 /dev/loop7 1024 1024 256 385 sha256 " + sha256 + " " +
                               sha256);
  for (uint64_t sectors : {788u, 789u, 1000u}) {
    dmc::CompileOptions options;
    options.deviceSizes = {{"/dev/loop7", sectors}};
    auto r = compileText(table, options);
    INFO(sectors << " sectors\n" << r.describe());
    CHECK(r.ok());
  }
  for (uint64_t sectors : {787u, 771u, 770u, 360u}) {
    dmc::CompileOptions options;
    options.deviceSizes = {{"/dev/loop7", sectors}};
    auto r = compileText(table, options);
    INFO(sectors << " sectors\n" << r.describe());
    REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
    const auto& d = r.first(DiagnosticCode::DeviceTooSmall);
    CHECK_THAT(d.message, Catch::Contains("start=770, len=18"));
    CHECK_THAT(d.message, Catch::Contains("verity: Hash device is too small"));
    CHECK(d.location.column == columnOf(table.substr(table.find('\n') + 1), "385"));
  }
}

TEST_CASE("verity hash tree sizes follow the kernel's layout", "[target][verity]") {
  // 1 GiB of 4 KiB blocks with sha256: 128 digests a block, levels of 2048, 16 and 1 blocks.
  auto check = [](const std::string& line, uint64_t sectors, bool ok) {
    dmc::CompileOptions options;
    options.deviceSizes = {{"/dev/sda", 2097152}, {"/dev/sdb", sectors}};
    auto r = compileText(readOnly(line), options);
    INFO(line << "\nhash device " << sectors << " sectors\n" << r.describe());
    CHECK(r.ok() == ok);
  };
  std::string gib = verity("4096 4096 262144 0 sha256 " + sha256 + " -", 2097152);
  check(gib, 2065 * 8, true);
  check(gib, 2065 * 8 - 1, false);  // a partial last block does not count
  // One data block has no tree: the root digest is its hash.
  check(verity("4096 4096 1 0 sha256 " + sha256 + " -"), 8, true);
}

TEST_CASE("verity's FEC device must be a declared device", "[target][verity]") {
  std::string line = gigabyte("8 use_fec_from_device /dev/nofec fec_roots 2 fec_blocks 264209 fec_start 0");
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 2097152}, {"/dev/sdb", 16528}};  // the tree from hash block 1
  auto r = compileText(readOnly(line), options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::UnknownDevice) == 1);
  CHECK(r.diagnostics.size() == 1);
  CHECK(r.first(DiagnosticCode::UnknownDevice).location.column == columnOf(line, "/dev/nofec"));
  options.deviceSizes.push_back({"/dev/nofec", 8});
  CHECK(compileText(readOnly(line), options).ok());
}
