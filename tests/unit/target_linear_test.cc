// linear (dm-linear.c): <dev> <offset>.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("linear accepts its forms", "[target][linear]") {
  expectClean("0 2048 linear /dev/sda 0");
  expectClean("0 2048 linear 8:16 2048");
  expectClean("0 1024 linear /dev/sda 0\n1024 1024 linear /dev/sdb 0");
  expectClean("0 2048 linear /dev/sda 0", dmc::kKernel7_2);
}

TEST_CASE("linear takes exactly 2 arguments", "[target][linear]") {
  expectArgError("0 2048 linear /dev/sda", "linear: Invalid argument count", "");
  expectArgError("0 2048 linear", "linear: Invalid argument count", "");
  expectArgError("0 2048 linear /dev/sda 0 excl", "linear: Invalid argument count", "excl");
}

TEST_CASE("linear offset is %llu", "[target][linear]") {
  expectArgError("0 2048 linear /dev/sda x", "linear: Invalid device sector", "x");
  expectArgError("0 2048 linear /dev/sda 18446744073709551616", "linear: Invalid device sector",
                 "18446744073709551616");
}

TEST_CASE("linear uses (offset, length) of its device", "[target][linear]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 4096}};
  CHECK(compileText("0 2048 linear /dev/sda 2048\n", options).ok());
  auto r = compileText("0 2048 linear /dev/sda 2049\n", options);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);
}
