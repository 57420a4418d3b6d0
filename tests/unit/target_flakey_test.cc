// flakey (dm-flakey.c): <dev> <offset> <up> <down> [<#features> <feature>...], 6.1 and 7.2.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::KernelVersion;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectArgError72;
using dmc::test::expectClean;

TEST_CASE("flakey accepts its 6.1 forms", "[target][flakey]") {
  expectClean("0 100 flakey /dev/sda 0 60 0");
  expectClean("0 100 flakey /dev/sda 2048 0 5");
  expectClean("0 100 flakey /dev/sda 0 4294967294 1");
  expectClean("0 100 flakey /dev/sda 0 1 1 0");
  expectClean("0 100 flakey /dev/sda 0 1 1 1 drop_writes");
  expectClean("0 100 flakey /dev/sda 0 1 1 1 error_writes");
  expectClean("0 100 flakey /dev/sda 0 1 1 5 corrupt_bio_byte 32 r 1 0");
  expectClean("0 100 flakey /dev/sda 0 1 1 5 corrupt_bio_byte 4294967295 w 255 4294967295");
  expectClean("0 100 flakey /dev/sda 0 1 1 6 drop_writes corrupt_bio_byte 1 r 0 0");
  expectClean("0 100 flakey /dev/sda 0 1 1 1 DROP_WRITES");                   // strcasecmp
  expectClean("0 100 flakey /dev/sda 0 1 1 5 Corrupt_Bio_Byte 1 W 0 0");
  expectClean("0 100 flakey /dev/sda 0 1 1 1 drop_writes anything after");  // ignored by the kernel
}

TEST_CASE("flakey needs at least 4 arguments", "[target][flakey]") {
  expectArgError("0 100 flakey /dev/sda 0 1", "flakey: Invalid argument count", "");
  expectArgError("0 100 flakey", "flakey: Invalid argument count", "");
}

TEST_CASE("flakey offset is %llu", "[target][flakey]") {
  expectArgError("0 100 flakey /dev/sda x 1 1", "flakey: Invalid device sector", "x");
  expectArgError("0 100 flakey /dev/sda +1 1 1", "flakey: Invalid device sector", "+1");
}

TEST_CASE("flakey intervals: 6.1 calls both the up interval, 7.2 names the down one", "[target][flakey]") {
  expectArgError("0 100 flakey /dev/sda 0 x 1", "flakey: Invalid up interval", "x");
  expectArgError("0 100 flakey /dev/sda 0 1 x", "flakey: Invalid up interval", "x");
  expectArgError72("0 100 flakey /dev/sda 0 1 x", "flakey: Invalid down interval", "x");
  expectArgError72("0 100 flakey /dev/sda 0 -1 1", "flakey: Invalid up interval", "-1");
  expectArgError("0 100 flakey /dev/sda 0 1 4294967296", "does not fit in 32 bits", "4294967296");
}

TEST_CASE("flakey up + down must be non-zero and fit 32 bits", "[target][flakey]") {
  expectArgError("0 100 flakey /dev/sda 0 0 0", "flakey: Total (up + down) interval is zero", "0", 4);
  expectArgError("0 100 flakey /dev/sda 0 4294967295 1", "flakey: Interval overflow", "1");
  expectArgError("0 100 flakey /dev/sda 0 2147483648 2147483648", "flakey: Interval overflow", "2147483648", 2);
}

TEST_CASE("flakey feature count: 0..6 in 6.1, 0..11 in 7.2, and no more than the arguments", "[target][flakey]") {
  const std::string eight = "0 100 flakey /dev/sda 0 1 1 8 drop_writes corrupt_bio_byte 1 r 0 0 random_read_corrupt 5";
  expectArgError(eight, "flakey: Invalid number of feature args", "8");
  expectClean(eight, dmc::kKernel7_2);
  expectArgError72("0 100 flakey /dev/sda 0 1 1 12 a b c d e f g h i j k l", "Invalid number of feature args", "12");
  expectArgError("0 100 flakey /dev/sda 0 1 1 2 drop_writes", "flakey: Invalid number of feature args", "2");
  expectArgError("0 100 flakey /dev/sda 0 1 1 x", "flakey: Invalid number of feature args", "x");
}

TEST_CASE("flakey unknown features", "[target][flakey]") {
  expectArgError("0 100 flakey /dev/sda 0 1 1 1 drop_reads", "flakey: Unrecognised flakey feature requested",
                 "drop_reads");
  // 7.2's features do not exist in 6.1.
  expectArgError("0 100 flakey /dev/sda 0 1 1 1 error_reads", "Unrecognised flakey feature requested",
                 "error_reads");
  expectArgError("0 100 flakey /dev/sda 0 1 1 2 random_read_corrupt 5", "Unrecognised flakey feature requested",
                 "random_read_corrupt");
}

TEST_CASE("flakey drop_writes and error_writes: once each, not together", "[target][flakey]") {
  expectArgError("0 100 flakey /dev/sda 0 1 1 2 drop_writes drop_writes", "flakey: Feature drop_writes duplicated",
                 "drop_writes", 2);
  expectArgError("0 100 flakey /dev/sda 0 1 1 2 error_writes ERROR_WRITES", "Feature error_writes duplicated",
                 "ERROR_WRITES");
  expectArgError("0 100 flakey /dev/sda 0 1 1 2 error_writes drop_writes",
                 "flakey: Feature drop_writes conflicts with feature error_writes", "drop_writes");
  expectArgError("0 100 flakey /dev/sda 0 1 1 2 drop_writes error_writes",
                 "flakey: Feature error_writes conflicts with feature drop_writes", "error_writes");
}

TEST_CASE("flakey corrupt_bio_byte parameters", "[target][flakey]") {
  const std::string base = "0 100 flakey /dev/sda 0 1 1 ";
  expectArgError(base + "1 corrupt_bio_byte", "flakey: Feature corrupt_bio_byte requires parameters",
                 "corrupt_bio_byte");
  expectArgError(base + "5 corrupt_bio_byte 0 r 0 0", "flakey: Invalid corrupt bio byte", "0", 3);
  expectArgError(base + "5 corrupt_bio_byte x r 0 0", "flakey: Invalid corrupt bio byte", "x");
  expectArgError(base + "5 corrupt_bio_byte 1 rw 0 0", "flakey: Invalid corrupt bio direction (r or w)", "rw");
  expectArgError(base + "5 corrupt_bio_byte 1 r 256 0",
                 "flakey: Invalid corrupt value to write into bio byte (0-255)", "256");
  expectArgError(base + "5 corrupt_bio_byte 1 r 0 -1", "flakey: Invalid corrupt bio flags mask", "-1");
  // The count misses parameters: 6.1 lets its counter wrap and runs out of arguments.
  expectArgError(base + "3 corrupt_bio_byte 1 r 0 0", "flakey: Insufficient feature arguments", "");
  expectArgError(base + "2 corrupt_bio_byte 5", "flakey: Invalid corrupt bio direction (r or w)", "");
  // 7.2 wants all four counted, and one corrupt_bio_byte.
  expectArgError72(base + "3 corrupt_bio_byte 1 r 0 0", "flakey: Feature corrupt_bio_byte requires 4 parameters",
                   "corrupt_bio_byte");
  expectArgError72(base + "10 corrupt_bio_byte 1 r 0 0 corrupt_bio_byte 2 r 0 0",
                   "flakey: Feature corrupt_bio_byte duplicated", "corrupt_bio_byte", 2);
}

TEST_CASE("flakey 6.1: dropping or failing writes excludes corrupting them", "[target][flakey]") {
  const std::string base = "0 100 flakey /dev/sda 0 1 1 6 ";
  expectArgError(base + "drop_writes corrupt_bio_byte 1 w 0 0",
                 "flakey: drop_writes is incompatible with corrupt_bio_byte with the WRITE flag set", "drop_writes");
  expectArgError(base + "corrupt_bio_byte 1 w 0 0 error_writes",
                 "flakey: error_writes is incompatible with corrupt_bio_byte with the WRITE flag set", "error_writes");
  expectClean(base + "error_writes corrupt_bio_byte 1 r 0 0");
}

TEST_CASE("flakey 7.2 features", "[target][flakey]") {
  const std::string base = "0 100 flakey /dev/sda 0 1 1 ";
  expectClean(base + "1 error_reads", dmc::kKernel7_2);
  expectClean(base + "4 random_read_corrupt 0 random_write_corrupt 1000000000", dmc::kKernel7_2);
  expectClean(base + "2 error_reads drop_writes", dmc::kKernel7_2);
  // A duplicate is only noticed when the first value was not 0.
  expectClean(base + "4 random_read_corrupt 0 random_read_corrupt 7", dmc::kKernel7_2);
  expectArgError72(base + "4 random_read_corrupt 7 random_read_corrupt 7",
                   "flakey: Feature random_read_corrupt duplicated", "random_read_corrupt", 2);
  expectArgError72(base + "2 error_reads error_reads", "flakey: Feature error_reads duplicated", "error_reads", 2);
  expectArgError72(base + "1 random_write_corrupt 5", "flakey: Feature random_write_corrupt requires a parameter",
                   "random_write_corrupt");
  expectArgError72(base + "2 random_write_corrupt 1000000001", "flakey: Invalid random corrupt argument",
                   "1000000001");
}

TEST_CASE("flakey 7.2 incompatibilities", "[target][flakey]") {
  const std::string base = "0 100 flakey /dev/sda 0 1 1 ";
  expectArgError72(
      base + "3 drop_writes random_write_corrupt 1",
      "flakey: drop_writes is incompatible with random_write_corrupt or corrupt_bio_byte with the WRITE flag set",
      "drop_writes");
  expectArgError72(
      base + "6 error_writes corrupt_bio_byte 1 w 0 0",
      "flakey: error_writes is incompatible with random_write_corrupt or corrupt_bio_byte with the WRITE flag set",
      "error_writes");
  expectArgError72(
      base + "6 corrupt_bio_byte 1 r 0 0 error_reads",
      "flakey: error_reads is incompatible with random_read_corrupt or corrupt_bio_byte with the READ flag set",
      "error_reads");
  expectArgError72(base + "3 error_reads random_read_corrupt 9", "error_reads is incompatible", "error_reads");
  expectClean(base + "6 error_reads corrupt_bio_byte 1 w 0 0", dmc::kKernel7_2);
}

TEST_CASE("flakey uses (offset, length) of its device", "[target][flakey]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 1000}};
  CHECK(compileText("0 100 flakey /dev/sda 900 1 1\n", options).ok());
  auto r = compileText("0 100 flakey /dev/sda 901 1 1\n", options);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);
}
