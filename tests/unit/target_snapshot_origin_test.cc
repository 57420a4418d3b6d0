// snapshot-origin (dm-snap.c origin_ctr): exactly one device, used over (0, length).
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("snapshot-origin takes one device", "[target][snapshot-origin]") {
  expectClean("0 2048 snapshot-origin /dev/vg/lv-real");
  expectClean("0 2048 snapshot-origin 253:3", dmc::kKernel7_2);
}

TEST_CASE("snapshot-origin refuses any other argument count", "[target][snapshot-origin]") {
  constexpr const char* kText = "snapshot-origin: origin: incorrect number of arguments";
  expectArgError("0 2048 snapshot-origin", kText, "");
  expectArgError("0 2048 snapshot-origin /dev/sda 0", kText, "0", 2);
}

TEST_CASE("snapshot-origin uses (0, length) of its device", "[target][snapshot-origin]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 2048}};
  CHECK(compileText("0 2048 snapshot-origin /dev/sda\n", options).ok());
  auto r = compileText("0 2049 snapshot-origin /dev/sda\n", options);
  INFO(r.describe());
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);
}
