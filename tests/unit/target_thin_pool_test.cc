// thin-pool (dm-thin.c pool_ctr): one test a rule, in the kernel's order.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("thin-pool accepts the documented forms", "[target][thin-pool]") {
  expectClean("0 2048 thin-pool /dev/sdb /dev/sdc 128 0");
  expectClean("0 2048 thin-pool /dev/sdb /dev/sdc 2097152 18446744073709551615");
  expectClean("0 2048 thin-pool /dev/sdb /dev/sdc +256 +10");  // kstrtoul/kstrtoull take a '+'
  expectClean("0 2048 thin-pool /dev/sdb /dev/sdc 1024 100 0");
  expectClean(
      "0 2048 thin-pool /dev/sdb /dev/sdc 128 0 4 skip_block_zeroing ignore_discard no_discard_passdown "
      "read_only");
  expectClean("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 1 error_if_no_space");
  expectClean("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 2 SKIP_BLOCK_ZEROING Read_Only");  // strcasecmp
  expectClean("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 1 read_only trailing words");      // ignored by the kernel
  expectClean("0 2048 thin-pool /dev/sdb /dev/sdc 128 0", dmc::kKernel7_2);
}

TEST_CASE("thin-pool needs at least 4 arguments", "[target][thin-pool]") {
  expectArgError("0 2048 thin-pool", "thin-pool: Invalid argument count", "");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128", "thin-pool: Invalid argument count", "");
}

TEST_CASE("thin-pool metadata and data must be different texts", "[target][thin-pool]") {
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdb 128 0", "thin-pool: Error setting metadata or data device",
                 "/dev/sdb", 2);
  // @name reaches the kernel as /dev/mapper/name.
  expectArgError("0 2048 thin-pool @meta /dev/mapper/meta 128 0", "Error setting metadata or data device",
                 "/dev/mapper/meta");
  // Checked before the features and the block size.
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdb 7 0 9", "Error setting metadata or data device", "/dev/sdb", 2);
}

TEST_CASE("thin-pool feature count is 0..4 and within the arguments", "[target][thin-pool]") {
  constexpr const char* kText = "thin-pool: Invalid number of pool feature arguments";
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 5 a b c d e", kText, "5");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 2 read_only", kText, "2");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 x", kText, "x");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 +1 read_only", kText, "+1");
}

TEST_CASE("thin-pool feature names", "[target][thin-pool]") {
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 2 read_only zero_blocks",
                 "thin-pool: Unrecognised pool feature requested", "zero_blocks");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128 0 1 readonly", "did you mean 'read_only'?", "readonly");
}

TEST_CASE("thin-pool features are checked before the block size", "[target][thin-pool]") {
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 100 0 1 bogus", "Unrecognised pool feature requested", "bogus");
}

TEST_CASE("thin-pool block size is kstrtoul, 128..2097152 and a multiple of 128", "[target][thin-pool]") {
  constexpr const char* kText = "thin-pool: Invalid block size";
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 64 0", kText, "64");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 0 0", kText, "0", 2);
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 2097280 0", kText, "2097280");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 192 0", "a multiple of 128", "192");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 64K 0", kText, "64K");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 18446744073709551616 0", "out of range", "18446744073709551616");
}

TEST_CASE("thin-pool low water mark is kstrtoull", "[target][thin-pool]") {
  constexpr const char* kText = "thin-pool: Invalid low water mark";
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128 -1", kText, "-1");
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 128 ten", kText, "ten");
  // The block size comes first.
  expectArgError("0 2048 thin-pool /dev/sdb /dev/sdc 1 ten", "Invalid block size", "1");
}

TEST_CASE("thin-pool uses (0, length) of the data device only", "[target][thin-pool]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sdb", 8}, {"/dev/sdc", 2048}};
  auto ok = compileText("0 2048 thin-pool /dev/sdb /dev/sdc 128 0\n", options);
  INFO(ok.describe());
  CHECK(ok.ok());
  auto small = compileText("0 4096 thin-pool /dev/sdb /dev/sdc 128 0\n", options);
  INFO(small.describe());
  REQUIRE(small.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(small.first(DiagnosticCode::DeviceTooSmall).location.column ==
        dmc::test::columnOf("0 4096 thin-pool /dev/sdb /dev/sdc 128 0", "/dev/sdc"));
}
