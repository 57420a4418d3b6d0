// zoned (dm-zoned-target.c): <zoned_dev> | <regular_dev> <zoned_dev>...
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("zoned accepts one or more devices", "[target][zoned]") {
  expectClean("0 1000 zoned /dev/sdb");
  expectClean("0 1000 zoned /dev/nvme0n1 /dev/sdb /dev/sdc");
  expectClean("0 1000 zoned /dev/sdb", dmc::kKernel7_2);
}

TEST_CASE("zoned needs a device", "[target][zoned]") {
  expectArgError("0 1000 zoned", "zoned: Invalid argument count", "");
}
