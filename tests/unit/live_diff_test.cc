// dmc diff over the fake kernel: each device of the file against its live table.
#include <catch2/catch.hpp>

#include "kernel/live_diff.h"
#include "tests/unit/fake_kernel.h"
#include "tests/unit/test_support.h"

using dmc::test::compileText;
using dmc::test::FakeKernel;

TEST_CASE("a file the kernel has is equal; a changed or missing device shows in the text") {
  auto r = compileText("device a\n0 100 linear /dev/loop0 8\ndevice b\n0 50 zero\n");
  REQUIRE(r.ok());
  const dmc::TableModel& model = r.outcome.model;
  FakeKernel kernel;
  kernel.devices["a"].live = std::vector<dmc::KernelTarget>{{0, 100, "linear", "7:0 8"}};
  kernel.devices["b"].live = std::vector<dmc::KernelTarget>{{0, 50, "zero", ""}};
  auto same = dmc::diffWithKernel(kernel, model, "f.dm", {});
  CHECK(same.equal);
  CHECK(same.text.empty());

  kernel.devices["a"].live = std::vector<dmc::KernelTarget>{{0, 100, "linear", "7:0 16"}};
  kernel.devices.erase("b");
  auto changed = dmc::diffWithKernel(kernel, model, "f.dm", {});
  CHECK_FALSE(changed.equal);
  CHECK(changed.error.empty());
  CHECK(changed.text ==
        "--- kernel: a\n+++ f.dm: a\n@@ line 2, sector 0 @@\n-0 100 linear 7:0 16\n+0 100 linear 7:0 8\n"
        "--- kernel: b\n+++ f.dm: b\n@@ device @@\n-(not loaded)\n+device b with 1 targets\n");
}
