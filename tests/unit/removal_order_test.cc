// dmc remove's order and refusals, over the fake kernel: holders go first, and nothing is removed
// when a device is missing or held by something not being removed.
#include <catch2/catch.hpp>

#include "kernel/removal_order.h"
#include "tests/unit/fake_kernel.h"

using dmc::DeviceNumber;
using dmc::orderForRemoval;
using dmc::test::FakeKernel;

namespace {

// bottom <- middle <- top, plus an unrelated device.
FakeKernel stack() {
  FakeKernel kernel;
  kernel.devices["bottom"].number = DeviceNumber{254, 0};
  kernel.devices["middle"].number = DeviceNumber{254, 1};
  kernel.devices["top"].number = DeviceNumber{254, 2};
  kernel.devices["other"].number = DeviceNumber{254, 3};
  kernel.uses["middle"] = {DeviceNumber{254, 0}, DeviceNumber{8, 16}};
  kernel.uses["top"] = {DeviceNumber{254, 1}};
  kernel.devices["bottom"].openCount = 1;  // by middle
  kernel.devices["middle"].openCount = 1;  // by top
  return kernel;
}

}  // namespace

TEST_CASE("remove takes holders before the devices they use, whatever order the names come in") {
  FakeKernel kernel = stack();
  auto removal = orderForRemoval(kernel, {"bottom", "other", "top", "middle"});
  REQUIRE(removal.problems.empty());
  CHECK(removal.order == std::vector<std::string>{"other", "top", "middle", "bottom"});
}

TEST_CASE("remove refuses a device held by one that stays, and names the open count") {
  FakeKernel kernel = stack();
  auto removal = orderForRemoval(kernel, {"bottom"});
  CHECK(removal.order.empty());
  REQUIRE(removal.problems.size() == 1);
  CHECK(removal.problems[0] ==
        "'bottom' is in use (open count 1): unmount or close it, or remove what uses it too; nothing was removed");
  kernel.devices["middle"].openCount = 2;  // top and a mount
  removal = orderForRemoval(kernel, {"middle", "top"});
  REQUIRE(removal.problems.size() == 1);
  CHECK(removal.problems[0].find("open count 2, 1 of them by devices being removed") != std::string::npos);
}

TEST_CASE("remove refuses names the kernel does not have, all of them at once") {
  FakeKernel kernel = stack();
  auto removal = orderForRemoval(kernel, {"nope", "top", "gone"});
  CHECK(removal.order.empty());
  CHECK(removal.problems ==
        std::vector<std::string>{"there is no device named 'nope'", "there is no device named 'gone'"});
}
