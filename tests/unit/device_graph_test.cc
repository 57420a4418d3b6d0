// Stacking order and cycles.
#include <catch2/catch.hpp>

#include "compiler/device_graph.h"

using dmc::orderDevices;

TEST_CASE("devices come after the devices they use, otherwise in file order") {
  // 0 uses 2, 1 uses nothing, 2 uses 1
  auto result = orderDevices({{2}, {}, {1}});
  CHECK(result.order == std::vector<uint32_t>{1, 2, 0});
  CHECK(result.cycle.empty());
}

TEST_CASE("a cycle is found and named") {
  auto result = orderDevices({{1}, {2}, {0}, {}});
  CHECK(result.order == std::vector<uint32_t>{3});
  CHECK(result.cycle.size() == 3);
}

TEST_CASE("a chain of a thousand devices does not recurse") {
  std::vector<std::vector<uint32_t>> uses(1000);
  for (uint32_t i = 0; i + 1 < 1000; ++i) uses[i] = {i + 1};
  auto result = orderDevices(uses);
  REQUIRE(result.order.size() == 1000);
  CHECK(result.order.front() == 999);
  CHECK(result.order.back() == 0);
}
