// era (dm-era-target.c): <metadata_dev> <origin_dev> <block_sectors>.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("era accepts block sizes that are multiples of 8 sectors", "[target][era]") {
  expectClean("0 100 era /dev/sda /dev/sdb 8");
  expectClean("0 100 era /dev/sda /dev/sdb 4096");
  expectClean("0 100 era /dev/sda /dev/sdb 24");  // no power-of-two requirement
}

TEST_CASE("era takes exactly 3 arguments", "[target][era]") {
  expectArgError("0 100 era /dev/sda /dev/sdb", "era: Invalid argument count", "");
  expectArgError("0 100 era /dev/sda /dev/sdb 8 extra", "era: Invalid argument count", "extra");
}

TEST_CASE("era block size is %u, non-zero and a multiple of 8", "[target][era]") {
  expectArgError("0 100 era /dev/sda /dev/sdb x", "era: Error parsing block size", "x");
  expectArgError("0 100 era /dev/sda /dev/sdb +8", "era: Error parsing block size", "+8");
  expectArgError("0 100 era /dev/sda /dev/sdb 4294967296", "does not fit in 32 bits", "4294967296");
  expectArgError("0 100 era /dev/sda /dev/sdb 0", "era: Invalid block size", "0", 2);
  expectArgError("0 100 era /dev/sda /dev/sdb 12", "era: Invalid block size", "12");
}
