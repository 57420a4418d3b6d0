// ebs (dm-ebs-target.c): <dev> <offset> <emulated_bs> [<underlying_bs>], sizes in sectors.
// Upstream since 5.10; Debian 12's 6.1 build leaves it out: the argument tests use 7.2.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::KernelVersion;
using dmc::test::compileFor;
using dmc::test::compileText;
using dmc::test::expectArgError72;
using dmc::test::expectClean;

TEST_CASE("ebs: not built in Debian's 6.1, too new for 5.4", "[target][ebs]") {
  CHECK(compileFor("0 100 ebs /dev/sda 0 1\n").count(DiagnosticCode::TargetNotBuilt) == 1);
  auto old = compileFor("0 100 ebs /dev/sda 0 1\n", dmc::kKernel5_4);
  CHECK(old.count(DiagnosticCode::TargetTooNew) == 1);
  CHECK_THAT(old.first(DiagnosticCode::TargetTooNew).message, Catch::Contains("since 5.10"));
  expectClean("0 100 ebs /dev/sda 0 1", dmc::kKernel5_10);
}

TEST_CASE("ebs accepts its forms", "[target][ebs]") {
  expectClean("0 100 ebs /dev/sda 0 1", dmc::kKernel7_2);
  expectClean("0 100 ebs /dev/sda 8 1 8", dmc::kKernel7_2);
  expectClean("0 104 ebs /dev/sda 0 8 64", dmc::kKernel7_2);  // no page limit on the underlying size
}

TEST_CASE("ebs takes 3 or 4 arguments", "[target][ebs]") {
  expectArgError72("0 100 ebs /dev/sda 0", "ebs: Invalid argument count", "");
  expectArgError72("0 100 ebs /dev/sda 0 1 8 x", "ebs: Invalid argument count", "x");
}

TEST_CASE("ebs offset; 7.2 wants it below the target length", "[target][ebs]") {
  expectArgError72("0 100 ebs /dev/sda x 1", "ebs: Invalid device offset sector", "x");
  expectArgError72("0 100 ebs /dev/sda 100 1", "ebs: Invalid device offset sector", "100", 2);
}

TEST_CASE("ebs block sizes are powers of two, the emulated one at most a page", "[target][ebs]") {
  expectArgError72("0 100 ebs /dev/sda 0 0", "ebs: Invalid emulated block size", "0", 3);
  expectArgError72("0 100 ebs /dev/sda 0 3", "ebs: Invalid emulated block size", "3");
  expectArgError72("0 100 ebs /dev/sda 0 16", "ebs: Invalid emulated block size", "16");
  expectArgError72("0 100 ebs /dev/sda 0 65537", "does not fit in 16 bits", "65537");
  expectArgError72("0 100 ebs /dev/sda 0 1 0", "ebs: Invalid underlying block size", "0", 3);
  expectArgError72("0 100 ebs /dev/sda 0 1 6", "ebs: Invalid underlying block size", "6");
}

TEST_CASE("ebs offset must be a multiple of the underlying block size", "[target][ebs]") {
  expectArgError72("0 100 ebs /dev/sda 4 1 8", "ebs: Device offset must be multiple of underlying block size", "4");
}

TEST_CASE("ebs uses (offset, length) of its device", "[target][ebs]") {
  dmc::CompileOptions options;
  options.kernel = dmc::KernelChoice::of(dmc::kKernel7_2);
  options.deviceSizes = {{"/dev/sda", 900}};
  CHECK(compileText("0 500 ebs /dev/sda 400 1\n", options).ok());
  CHECK(compileText("0 500 ebs /dev/sda 401 1\n", options).count(DiagnosticCode::DeviceTooSmall) == 1);
}
