// What load and reload ask the kernel before changing anything, over the fake kernel.
#include <catch2/catch.hpp>

#include "kernel/load_prechecks.h"
#include "tests/unit/fake_kernel.h"
#include "tests/unit/test_support.h"

using dmc::test::compileText;
using dmc::test::FakeKernel;

namespace {

dmc::TableModel twoDevices() {
  auto r = compileText("device top\n0 100 linear @bottom 0\ndevice bottom\n0 100 zero\n");
  REQUIRE(r.ok());
  return std::move(r.outcome.model);
}

}  // namespace

TEST_CASE("load refuses devices that exist already, at each one") {
  auto model = twoDevices();
  FakeKernel kernel;
  CHECK(dmc::checkBeforeLoad(kernel, model).empty());
  kernel.devices["bottom"].number = dmc::DeviceNumber{254, 3};
  auto refusals = dmc::checkBeforeLoad(kernel, model);
  REQUIRE(refusals.size() == 1);
  CHECK(model.devices[refusals[0].device].name == "bottom");
  CHECK(refusals[0].message ==
        "device 'bottom' exists already (254:3): dmc load makes new devices; use dmc reload to change its table, or "
        "dmc remove it first");
  CHECK(kernel.calls.empty());  // only queries
}

TEST_CASE("reload refuses devices that are missing or have no live table") {
  auto model = twoDevices();
  FakeKernel kernel;
  kernel.devices["bottom"].live = std::vector<dmc::KernelTarget>{{0, 100, "zero", ""}};
  kernel.devices["top"];  // created, never resumed with a table
  auto refusals = dmc::checkBeforeReload(kernel, model);
  REQUIRE(refusals.size() == 1);
  CHECK(refusals[0].message == "device 'top' has no live table to replace; use dmc load for new devices");
  kernel.devices.erase("top");
  refusals = dmc::checkBeforeReload(kernel, model);
  REQUIRE(refusals.size() == 1);
  CHECK(refusals[0].message == "device 'top' is not loaded: dmc reload changes live devices; use dmc load");
  kernel.devices["top"].live = std::vector<dmc::KernelTarget>{{0, 100, "linear", "254:0 0"}};
  CHECK(dmc::checkBeforeReload(kernel, model).empty());
}
