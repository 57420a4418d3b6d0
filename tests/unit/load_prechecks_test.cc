// What load and reload ask the kernel before changing anything, over the fake kernel.
#include <catch2/catch.hpp>

#include "kernel/libdevmapper_buffer.h"
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

TEST_CASE("libdevmapper's table buffer: the sizes dmsetup -vvv printed in the test VM") {
  // 1,048,576 and 1,048,575 lines of `I*8 8 linear /dev/nullb0 I*8`: dmsetup create refused
  // both with "Huge memory allocation (size 71164590 / 71164522) rejected".
  auto parameterBytes = [](uint64_t targets) {
    uint64_t bytes = 0;
    for (uint64_t i = 0; i < targets; ++i) bytes += std::string("/dev/nullb0 ").size() + std::to_string(i * 8).size();
    return bytes;
  };
  CHECK(dmc::libdevmapperTableBufferBytes(1048576, parameterBytes(1048576)) == 71164590);
  CHECK(dmc::libdevmapperTableBufferBytes(1048575, parameterBytes(1048575)) == 71164522);
  CHECK(dmc::libdevmapperTableSizeRefusal(1048576, parameterBytes(1048576)).has_value());
  CHECK_FALSE(dmc::libdevmapperTableSizeRefusal(1, 10).has_value());
  // Exactly at the cap is allowed; one byte more is not.
  const uint64_t atCap = dmc::kLibdevmapperAllocationCap - dmc::libdevmapperTableBufferBytes(1000, 0);
  CHECK_FALSE(dmc::libdevmapperTableSizeRefusal(1000, atCap).has_value());
  CHECK(dmc::libdevmapperTableSizeRefusal(1000, atCap + 1).has_value());
}

TEST_CASE("load and reload refuse, before changing anything, a table the back end cannot take") {
  auto model = twoDevices();
  FakeKernel kernel;
  kernel.tableSizeCap = [](uint64_t targets, uint64_t parameterBytes) -> std::optional<std::string> {
    if (targets == 1 && parameterBytes > 0) return "too large";  // top (linear), not bottom (zero)
    return std::nullopt;
  };
  auto refusals = dmc::checkBeforeLoad(kernel, model);
  REQUIRE(refusals.size() == 1);
  CHECK(refusals[0].message == "device 'top' cannot be loaded this way: too large");
  kernel.devices["top"].live = std::vector<dmc::KernelTarget>{};
  kernel.devices["bottom"].live = std::vector<dmc::KernelTarget>{};
  refusals = dmc::checkBeforeReload(kernel, model);
  REQUIRE(refusals.size() == 1);
  CHECK(model.devices[refusals[0].device].name == "top");
  CHECK(kernel.calls.empty());
}
