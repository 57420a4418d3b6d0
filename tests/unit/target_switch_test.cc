// switch (dm-switch.c): <#paths> <region_sectors> <#opt = 0> (<dev> <offset>){#paths}.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("switch accepts its forms", "[target][switch]") {
  expectClean("0 1000 switch 1 1 0 /dev/sda 0");
  expectClean("device d\n0 1000 switch 3 128 0 /dev/sda 0 /dev/sdb 2048 8:32 4G");
  expectClean("0 1000 switch 2 4294967295 0 /dev/sda +0 /dev/sdb +16");  // kstrtoull takes a '+'
  expectClean("0 1000 switch 2 7 0 /dev/sda 0 /dev/sdb 0", dmc::kKernel7_2);
}

TEST_CASE("switch path count", "[target][switch]") {
  expectArgError("0 1000 switch", "switch: Invalid number of paths", "");
  expectArgError("0 1000 switch 0 8 0", "switch: Invalid number of paths", "0", 2);
  expectArgError("0 1000 switch x 8 0", "switch: Invalid number of paths", "x");
  // The path list is one kmalloc: (4 MiB - 40) / 16 paths at most.
  expectArgError("0 1000 switch 262142 8 0", "switch: Invalid number of paths", "262142");
}

TEST_CASE("switch region size and optional arguments", "[target][switch]") {
  expectArgError("0 1000 switch 1", "switch: Invalid region size", "");
  expectArgError("0 1000 switch 1 0 0 /dev/sda 0", "switch: Invalid region size", "0", 2);
  expectArgError("0 1000 switch 1 4294967296 0 /dev/sda 0", "switch: Invalid region size", "4294967296");
  expectArgError("0 1000 switch 1 8", "switch: Invalid number of optional args", "");
  expectArgError("0 1000 switch 1 8 1 x /dev/sda 0", "switch: Invalid number of optional args", "1", 2);
}

TEST_CASE("switch takes a device and offset a path", "[target][switch]") {
  expectArgError("0 1000 switch 2 8 0 /dev/sda 0 /dev/sdb", "switch: Incorrect number of path arguments", "");
  expectArgError("0 1000 switch 1 8 0 /dev/sda 0 /dev/sdb", "switch: Incorrect number of path arguments",
                 "/dev/sdb");
  expectArgError("0 1000 switch 1 8 0", "switch: Incorrect number of path arguments", "");
}

TEST_CASE("switch offsets are kstrtoull", "[target][switch]") {
  expectArgError("0 1000 switch 2 8 0 /dev/sda 0 /dev/sdb x", "switch: Invalid device starting offset", "x");
  expectArgError("0 1000 switch 2 8 0 /dev/sda -1 /dev/sdb 0", "switch: Invalid device starting offset", "-1");
  expectArgError("0 1000 switch 1 8 0 /dev/sda +x", "switch: Invalid device starting offset", "+x");
}

TEST_CASE("switch region table must fit the kernel's counts", "[target][switch]") {
  // ceil(length / region) regions: with a length of 2^64 - 1 and one-sector regions the count
  // reaches ULONG_MAX (the table is refused here as too large for the kernel, too).
  auto r = compileText("0 18446744073709551615 switch 1 1 0 /dev/sda 0\n");
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(r.first(DiagnosticCode::TargetArgument).message, Catch::Contains("switch: Region table too large"));
  auto ok = compileText("0 18446744073709551615 switch 1 2 0 /dev/sda 0\n");
  CHECK(ok.count(DiagnosticCode::TargetArgument) == 0);
}

TEST_CASE("switch uses (offset, length) of every path", "[target][switch]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 2000}, {"/dev/sdb", 2000}};
  CHECK(compileText("0 1000 switch 2 8 0 /dev/sda 1000 /dev/sdb 0\n", options).ok());
  auto r = compileText("0 1000 switch 2 8 0 /dev/sda 0 /dev/sdb 1001\n", options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK_THAT(r.first(DiagnosticCode::DeviceTooSmall).message, Catch::Contains("/dev/sdb"));
}
