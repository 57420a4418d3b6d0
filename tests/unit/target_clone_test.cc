// clone (dm-clone-target.c, upstream since 5.4): <metadata_dev> <destination_dev> <source_dev>
// <region_sectors> [<#features> <feature>...] [<#core> <key> <value>...]. Debian 12's 6.1 build
// leaves it out; the argument tests use 6.6, an upstream build with every option.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileFor;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

namespace {

const dmc::KernelVersion k66 = dmc::kKernel6_6;
const std::string kHead = "0 2048 clone /dev/sda /dev/sdb /dev/sdc ";

void expectCloneError(const std::string& line, std::string_view message, std::string_view at, int nth = 1) {
  expectArgError(line, message, at, nth, k66);
}

}  // namespace

TEST_CASE("clone: in 5.4 and later, not in Debian's 6.1 build", "[target][clone]") {
  CHECK(compileFor(kHead + "8\n").count(DiagnosticCode::TargetNotBuilt) == 1);
  CHECK(compileFor(kHead + "8\n", {5, 3}).count(DiagnosticCode::TargetTooNew) == 1);
  expectClean(kHead + "8", dmc::kKernel5_4);
}

TEST_CASE("clone accepts its forms", "[target][clone]") {
  expectClean(kHead + "8", k66);
  expectClean(kHead + "2097152", k66);
  expectClean(kHead + "8 0", k66);
  expectClean(kHead + "8 2 no_hydration No_Discard_Passdown", k66);
  expectClean(kHead + "8 1 no_hydration 4 hydration_threshold 256 HYDRATION_BATCH_SIZE +8", k66);
  expectClean(kHead + "8 0 0 ignored extra", k66);  // the kernel reads no further
}

TEST_CASE("clone argument count and region size", "[target][clone]") {
  expectCloneError("0 2048 clone /dev/sda /dev/sdb /dev/sdc", "clone: Invalid number of arguments", "");
  expectCloneError(kHead + "x", "clone: Invalid region size", "x");
  expectCloneError(kHead + "+8", "clone: Invalid region size", "+8");  // dm_read_arg: digits only
  expectCloneError(kHead + "4", "clone: Invalid region size", "4");
  expectCloneError(kHead + "4194304", "clone: Invalid region size", "4194304");
  expectCloneError(kHead + "24", "clone: Region size is not a power of 2", "24");
  expectArgError("0 17179869192 clone /dev/sda /dev/sdb /dev/sdc 8", "clone: Too many regions", "8", 1, k66);
}

TEST_CASE("clone feature and core groups", "[target][clone]") {
  expectCloneError(kHead + "8 3 no_hydration no_hydration no_hydration", "clone: Invalid number of feature arguments",
                   "3");
  expectCloneError(kHead + "8 2 no_hydration", "clone: Invalid number of feature arguments", "2");
  expectCloneError(kHead + "8 1 hydrate", "clone: Invalid feature argument", "hydrate");
  expectCloneError(kHead + "8 0 6 a 1 b 2 c 3", "clone: Invalid number of core arguments", "6");
  expectCloneError(kHead + "8 0 1 hydration_threshold", "clone: Number of core arguments must be even", "1");
  expectCloneError(kHead + "8 0 2 hydration_threshold -1", "clone: Invalid value for argument `hydration_threshold'",
                   "-1");
  expectCloneError(kHead + "8 0 2 hydration_batch_size 4294967296",
                   "clone: Invalid value for argument `hydration_batch_size'", "4294967296");
  expectCloneError(kHead + "8 0 2 hydration_speed 1", "clone: Invalid core argument", "hydration_speed");
}

TEST_CASE("clone maps the whole target onto its destination and source", "[target][clone]") {
  dmc::CompileOptions options;
  options.kernel = dmc::KernelChoice::of(k66);
  options.deviceSizes = {{"/dev/sda", 100}, {"/dev/sdb", 2048}, {"/dev/sdc", 2048}};
  CHECK(compileText(kHead + "8\n", options).ok());
  options.deviceSizes = {{"/dev/sda", 100}, {"/dev/sdb", 2047}, {"/dev/sdc", 2048}};
  CHECK(compileText(kHead + "8\n", options).count(DiagnosticCode::DeviceTooSmall) == 1);
  options.deviceSizes = {{"/dev/sdb", 2048}, {"/dev/sdc", 2048}};  // the metadata device is not declared
  CHECK(compileText(kHead + "8\n", options).count(DiagnosticCode::UnknownDevice) == 1);
}
