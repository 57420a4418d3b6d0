// dust (dm-dust.c): <dev> <offset> <block_bytes>. 6.1 has it, Debian 12's build leaves it out:
// the argument tests use 7.2.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::KernelVersion;
using dmc::test::compileFor;
using dmc::test::compileText;
using dmc::test::expectArgError72;
using dmc::test::expectClean;

TEST_CASE("dust exists in 6.1, but Debian's build leaves it out", "[target][dust]") {
  auto r = compileFor("0 100 dust /dev/sda 0 512\n");
  CHECK(r.count(DiagnosticCode::TargetNotBuilt) == 1);
  CHECK(r.count(DiagnosticCode::UnknownTarget) == 0);
  CHECK_THAT(r.first(DiagnosticCode::TargetNotBuilt).message, Catch::Contains("CONFIG_DM_DUST is not set"));
  dmc::CompileOptions upstream;
  upstream.kernel = dmc::KernelChoice{dmc::kKernel6_1, dmc::KernelBuild::everyOption()};
  CHECK(compileText("0 100 dust /dev/sda 0 512\n", upstream).ok());
}

TEST_CASE("dust accepts block sizes from 512 bytes to the target length", "[target][dust]") {
  expectClean("0 100 dust /dev/sda 0 512", dmc::kKernel7_2);
  expectClean("0 1024 dust /dev/sda 2048 4096", dmc::kKernel7_2);
  expectClean("0 8 dust /dev/sda 0 +4096", dmc::kKernel7_2);  // kstrtouint takes a '+'
  expectClean("0 4194304 dust /dev/sda 0 1073741824", dmc::kKernel7_2);
}

TEST_CASE("dust takes exactly 3 arguments", "[target][dust]") {
  expectArgError72("0 100 dust /dev/sda 0", "dust: Invalid argument count", "");
  expectArgError72("0 100 dust /dev/sda 0 512 x", "dust: Invalid argument count", "x");
}

TEST_CASE("dust block size", "[target][dust]") {
  expectArgError72("0 100 dust /dev/sda 0 x", "dust: Invalid block size parameter", "x");
  expectArgError72("0 100 dust /dev/sda 1 0", "dust: Invalid block size parameter", "0", 2);
  expectArgError72("0 100 dust /dev/sda 0 256", "dust: Block size must be at least 512", "256");
  expectArgError72("0 100 dust /dev/sda 0 1536", "dust: Block size must be a power of 2", "1536");
  expectArgError72("0 4 dust /dev/sda 0 4096", "dust: Block size is too large", "4096");
  expectArgError72("0 8388608 dust /dev/sda 0 2147483648", "dust: Block size is too large", "2147483648");
  // The block size is read before the offset.
  expectArgError72("0 100 dust /dev/sda x 256", "dust: Block size must be at least 512", "256");
}

TEST_CASE("dust offset", "[target][dust]") {
  expectArgError72("0 100 dust /dev/sda x 512", "dust: Invalid device offset sector", "x");
  expectArgError72("0 100 dust /dev/sda +1 512", "dust: Invalid device offset sector", "+1");
}

TEST_CASE("dust uses (offset, length) of its device", "[target][dust]") {
  dmc::CompileOptions options;
  options.kernel = dmc::KernelChoice::of(dmc::kKernel7_2);
  options.deviceSizes = {{"/dev/sda", 1000}};
  CHECK(compileText("0 100 dust /dev/sda 900 512\n", options).ok());
  CHECK(compileText("0 100 dust /dev/sda 901 512\n", options).count(DiagnosticCode::DeviceTooSmall) == 1);
}
