// delay (dm-delay.c): 3, 6 or 9 arguments; per class offset %llu, delay %u, device.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("delay accepts one, two or three classes", "[target][delay]") {
  expectClean("0 100 delay /dev/sda 0 100");
  expectClean("0 100 delay /dev/sda 8 0 /dev/sdb 16 500");
  expectClean("0 100 delay /dev/sda 0 10 /dev/sdb 0 20 /dev/sdc 0 4294967295");
  expectClean("device d\n0 100 delay /dev/sda 1M 10");  // dmc units in the offset
  expectClean("0 100 delay /dev/sda 0 100", dmc::kKernel7_2);
}

TEST_CASE("delay takes exactly 3, 6 or 9 arguments", "[target][delay]") {
  constexpr const char* kText = "delay: Requires exactly 3, 6 or 9 arguments";
  expectArgError("0 100 delay", kText, "");
  expectArgError("0 100 delay /dev/sda 0", kText, "");
  expectArgError("0 100 delay /dev/sda 0 10 /dev/sdb", kText, "/dev/sdb");
  expectArgError("0 100 delay /dev/sda 0 10 /dev/sdb 0 10 /dev/sdc 0", kText, "/dev/sdc");
  expectArgError("0 100 delay /dev/sda 0 10 /dev/sdb 0 10 /dev/sdc 0 10 x", kText, "x");
}

TEST_CASE("delay offsets are %llu sectors in every class", "[target][delay]") {
  expectArgError("0 100 delay /dev/sda x 10", "delay: Invalid device sector", "x");
  expectArgError("0 100 delay /dev/sda +5 10", "no '+'", "+5");
  expectArgError("0 100 delay /dev/sda 0 10 /dev/sdb -1 10", "delay: Invalid device sector", "-1");
  expectArgError("0 100 delay /dev/sda 0 10 /dev/sdb 0 10 /dev/sdc 1.5 10", "delay: Invalid device sector", "1.5");
  expectArgError("0 100 delay /dev/sda 18446744073709551616 10", "does not fit in 64 bits", "18446744073709551616");
}

TEST_CASE("delay delays are %u milliseconds in every class", "[target][delay]") {
  expectArgError("0 100 delay /dev/sda 0 ten", "delay: Invalid delay", "ten");
  expectArgError("0 100 delay /dev/sda 0 4294967296", "does not fit in 32 bits", "4294967296");
  expectArgError("0 100 delay /dev/sda 0 10 /dev/sdb 0 +1", "delay: Invalid delay", "+1");
  expectArgError("0 100 delay /dev/sda 0 10 /dev/sdb 0 10 /dev/sdc 0 1s", "delay: Invalid delay", "1s");
}

TEST_CASE("delay checks the offset before the delay, and classes in order", "[target][delay]") {
  expectArgError("0 100 delay /dev/sda x y", "Invalid device sector", "x");
  expectArgError("0 100 delay /dev/sda 0 y /dev/sdb x 1", "Invalid delay", "y");
}

TEST_CASE("delay uses (offset, length) of each class's device", "[target][delay]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 1000}, {"/dev/sdb", 1000}, {"/dev/sdc", 1000}};
  CHECK(compileText("0 100 delay /dev/sda 900 0 /dev/sdb 900 0 /dev/sdc 900 0\n", options).ok());
  auto r = compileText("0 100 delay /dev/sda 0 0 /dev/sdb 0 0 /dev/sdc 901 0\n", options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(r.first(DiagnosticCode::DeviceTooSmall).location.column == 48);
  auto w = compileText("0 100 delay /dev/sda 0 0 /dev/sdb 950 0\n", options);
  CHECK(w.count(DiagnosticCode::DeviceTooSmall) == 1);
  // Three arguments: one class for all I/O, reported once.
  auto one = compileText("0 100 delay /dev/sda 950 0\n", options);
  CHECK(one.count(DiagnosticCode::DeviceTooSmall) == 1);
}
