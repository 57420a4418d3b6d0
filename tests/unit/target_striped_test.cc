// striped (dm-stripe.c): <#stripes> <chunk_sectors> (<dev> <offset>){#stripes}.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("striped accepts its forms", "[target][striped]") {
  expectClean("0 2048 striped 2 256 /dev/sda 0 /dev/sdb 0");
  expectClean("0 4096 striped 4 128 /dev/sda 8 /dev/sdb 8 /dev/sdc 8 /dev/sdd 8");
  expectClean("0 1024 striped 1 8 8:16 0");
}

TEST_CASE("striped counts are kstrtouint and not 0", "[target][striped]") {
  expectArgError("0 2048 striped 2", "striped: Not enough arguments", "");
  expectArgError("0 2048 striped x 256 /dev/sda 0", "striped: Invalid stripe count", "x");
  expectArgError("0 2048 striped 0 256 /dev/sda 0", "striped: Invalid stripe count", "0", 2);
  expectArgError("0 2048 striped 2 y /dev/sda 0 /dev/sdb 0", "striped: Invalid chunk_size", "y");
  expectArgError("0 2048 striped 2 0 /dev/sda 0 /dev/sdb 0", "striped: Invalid chunk_size", "0", 2);
}

TEST_CASE("striped length splits evenly into stripes and chunks", "[target][striped]") {
  expectArgError("0 2049 striped 2 256 /dev/sda 0 /dev/sdb 0",
                 "striped: Target length not divisible by number of stripes", "striped");
  expectArgError("0 2000 striped 2 256 /dev/sda 0 /dev/sdb 0", "striped: Target length not divisible by chunk size",
                 "striped");
}

TEST_CASE("striped needs a device and offset a stripe", "[target][striped]") {
  expectArgError("0 2048 striped 2 256 /dev/sda 0", "striped: Not enough destinations specified", "");
  expectArgError("0 2048 striped 2 256 /dev/sda 0 /dev/sdb 0 /dev/sdc", "striped: Not enough destinations specified",
                 "/dev/sdc");
  expectArgError("0 2048 striped 2 256 /dev/sda 0 /dev/sdb x", "striped: Couldn't parse stripe destination", "x");
}

TEST_CASE("striped uses length / #stripes of each device", "[target][striped]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 1024}, {"/dev/sdb", 1024}};
  CHECK(compileText("0 2048 striped 2 256 /dev/sda 0 /dev/sdb 0\n", options).ok());
  auto r = compileText("0 2048 striped 2 256 /dev/sda 0 /dev/sdb 8\n", options);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);
}
