// thin (dm-thin.c thin_ctr): argument count, external origin != pool, 24-bit device id.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("thin accepts a pool and an id, with an optional external origin", "[target][thin]") {
  expectClean("0 2048 thin /dev/mapper/pool 0");
  expectClean("0 2048 thin /dev/mapper/pool 16777215");
  expectClean("0 2048 thin /dev/mapper/pool +7");  // kstrtoull takes a '+'
  expectClean("0 2048 thin /dev/mapper/pool 1 /dev/sdd");
  expectClean("0 2048 thin /dev/mapper/pool 1 /dev/sdd", dmc::kKernel7_2);
  // A thin device may be larger than its pool: nothing about sizes is checked here.
  expectClean("device d\n0 1T thin /dev/mapper/pool 1");
}

TEST_CASE("thin takes 2 or 3 arguments", "[target][thin]") {
  constexpr const char* kText = "thin: Invalid argument count";
  expectArgError("0 2048 thin", kText, "");
  expectArgError("0 2048 thin /dev/mapper/pool", kText, "");
  expectArgError("0 2048 thin /dev/mapper/pool 1 /dev/sdd extra", kText, "extra");
}

TEST_CASE("thin's external origin must not be the pool itself", "[target][thin]") {
  expectArgError("0 2048 thin /dev/mapper/pool 1 /dev/mapper/pool", "thin: Error setting origin device",
                 "/dev/mapper/pool", 2);
  // Checked before the device id.
  expectArgError("0 2048 thin /dev/mapper/pool x /dev/mapper/pool", "Error setting origin device", "/dev/mapper/pool",
                 2);
}

TEST_CASE("thin device id is kstrtoull and at most 2^24 - 1", "[target][thin]") {
  constexpr const char* kText = "thin: Invalid device id";
  expectArgError("0 2048 thin /dev/mapper/pool 16777216", kText, "16777216");
  expectArgError("0 2048 thin /dev/mapper/pool -1", kText, "-1");
  expectArgError("0 2048 thin /dev/mapper/pool one", kText, "one");
  expectArgError("0 2048 thin /dev/mapper/pool 0x10", kText, "0x10");
}
