// unstriped (dm-unstripe.c): <#stripes> <chunk_sectors> <stripe#> <dev> <offset>.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("unstriped accepts its forms", "[target][unstriped]") {
  expectClean("0 1024 unstriped 4 256 0 /dev/md0 0");
  expectClean("0 1024 unstriped 4 256 3 /dev/md0 2048");
  expectClean("0 1024 unstriped +4 +256 +1 /dev/md0 0");  // kstrtouint takes a '+'
  expectClean("0 1000 unstriped 2 8 0 /dev/md0 0", dmc::kKernel7_2);
  expectClean("0 1024 unstriped 4 256 4 /dev/md0 0");   // the kernel lets stripe# = #stripes through
  expectClean("0 1024 unstriped 1 256 9 /dev/md0 0");   // and checks nothing for one stripe
  expectClean("0 999 unstriped 2 3 0 /dev/md0 0");      // a chunk need not be a power of two
}

TEST_CASE("unstriped takes exactly 5 arguments", "[target][unstriped]") {
  expectArgError("0 1024 unstriped 4 256 0 /dev/md0", "unstriped: Invalid number of arguments", "");
  expectArgError("0 1024 unstriped 4 256 0 /dev/md0 0 x", "unstriped: Invalid number of arguments", "x");
}

TEST_CASE("unstriped numbers are kstrtouint", "[target][unstriped]") {
  expectArgError("0 1024 unstriped x 256 0 /dev/md0 0", "unstriped: Invalid stripe count", "x");
  expectArgError("0 1024 unstriped 0 256 0 /dev/md0 0", "unstriped: Invalid stripe count", "0", 2);
  expectArgError("0 1024 unstriped 4294967296 256 0 /dev/md0 0", "unstriped: Invalid stripe count", "4294967296");
  expectArgError("0 1024 unstriped 4 0 0 /dev/md0 0", "unstriped: Invalid chunk_size", "0", 2);
  expectArgError("0 1024 unstriped 4 -8 0 /dev/md0 0", "unstriped: Invalid chunk_size", "-8");
  expectArgError("0 1024 unstriped 4 256 one /dev/md0 0", "unstriped: Invalid stripe number", "one");
}

TEST_CASE("unstriped stripe number must exist", "[target][unstriped]") {
  expectArgError("0 1024 unstriped 4 256 5 /dev/md0 0",
                 "unstriped: Please provide stripe between [0, # of stripes]", "5");
}

TEST_CASE("unstriped offset is %llu", "[target][unstriped]") {
  expectArgError("0 1024 unstriped 4 256 0 /dev/md0 +0", "unstriped: Invalid striped device offset", "+0");
  expectArgError("0 1024 unstriped 4 256 0 /dev/md0 x", "unstriped: Invalid striped device offset", "x");
}

TEST_CASE("unstriped length is a multiple of the chunk", "[target][unstriped]") {
  expectArgError("0 1000 unstriped 4 256 0 /dev/md0 0", "unstriped: Target length not divisible by chunk size",
                 "unstriped");
}

TEST_CASE("unstriped uses (offset, length) of its device", "[target][unstriped]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/md0", 4096}};
  CHECK(compileText("0 1024 unstriped 4 256 0 /dev/md0 3072\n", options).ok());
  auto r = compileText("0 1024 unstriped 4 256 0 /dev/md0 3073\n", options);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);
}
