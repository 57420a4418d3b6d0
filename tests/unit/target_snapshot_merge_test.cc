// snapshot-merge (dm-snap.c): the snapshot constructor plus a persistent store.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("snapshot-merge accepts persistent stores and the snapshot features", "[target][snapshot-merge]") {
  expectClean("0 2048 snapshot-merge /dev/sda /dev/sdb P 8");
  expectClean("0 2048 snapshot-merge /dev/sda /dev/sdb PO 0");
  expectClean("0 2048 snapshot-merge /dev/sda /dev/sdb p 8 2 discard_zeroes_cow discard_passdown_origin");
  expectClean("0 2048 snapshot-merge /dev/sda /dev/sdb P 8", dmc::kKernel7_2);
}

TEST_CASE("snapshot-merge refuses the transient store", "[target][snapshot-merge]") {
  constexpr const char* kText = "snapshot-merge: Snapshot exception store does not support snapshot-merge.";
  expectArgError("0 2048 snapshot-merge /dev/sda /dev/sdb N 8", kText, "N");
  expectArgError("0 2048 snapshot-merge /dev/sda /dev/sdb n 8", kText, "n");
  // Only after the store itself was created.
  expectArgError("0 2048 snapshot-merge /dev/sda /dev/sdb N 12", "Couldn't create exception store", "12");
}

TEST_CASE("snapshot-merge shares the snapshot rules", "[target][snapshot-merge]") {
  expectArgError("0 2048 snapshot-merge /dev/sda /dev/sdb P", "snapshot-merge: requires 4 or more arguments", "");
  expectArgError("0 2048 snapshot-merge /dev/sda /dev/sda P 8",
                 "snapshot-merge: COW device cannot be the same as origin device", "/dev/sda", 2);
  expectArgError("0 2048 snapshot-merge /dev/sda /dev/sdb P 8 1 x", "snapshot-merge: Unrecognised feature requested",
                 "x");
  expectArgError("0 2048 snapshot-merge /dev/sda /dev/sdb Q 8", "snapshot-merge: Couldn't create exception store", "Q");
}
