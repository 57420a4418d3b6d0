// snapshot (dm-snap.c snapshot_ctr, dm-exception-store.c): one test a rule, in the kernel's order.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

namespace {
constexpr const char* kStore = "snapshot: Couldn't create exception store";
}

TEST_CASE("snapshot accepts the store types, chunk sizes and features", "[target][snapshot]") {
  expectClean("0 2048 snapshot /dev/sda /dev/sdb P 8");
  expectClean("0 2048 snapshot /dev/sda /dev/sdb PO 16");
  expectClean("0 2048 snapshot /dev/sda /dev/sdb po 16");         // the type letter is case-insensitive
  expectClean("0 2048 snapshot /dev/sda /dev/sdb POverflow 16");  // only the first option letter counts
  expectClean("0 2048 snapshot /dev/sda /dev/sdb N 32");
  expectClean("0 2048 snapshot /dev/sda /dev/sdb Nanything 32");  // the transient store ignores options
  expectClean("0 2048 snapshot /dev/sda /dev/sdb P 0");           // 0: from the COW metadata
  expectClean("0 2048 snapshot /dev/sda /dev/sdb P +2097152", dmc::kKernel7_2);  // kstrtouint takes a '+'
  expectClean("0 2048 snapshot /dev/sda /dev/sdb P 8 0");
  expectClean("0 2048 snapshot /dev/sda /dev/sdb P 8 1 discard_zeroes_cow");
  expectClean("0 2048 snapshot /dev/sda /dev/sdb P 8 2 discard_zeroes_cow discard_passdown_origin");
  expectClean("0 2048 snapshot /dev/sda /dev/sdb P 8 2 DISCARD_PASSDOWN_ORIGIN Discard_Zeroes_Cow");
}

TEST_CASE("a transient snapshot needs a chunk size", "[target][snapshot]") {
  // P with 0 reads the chunk size from the COW's header; N has no header to read.
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb N 0", "snapshot: Chunk size not set", "0", 2);
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb n 0 1 discard_zeroes_cow", "snapshot: Chunk size not set", "0", 2);
}

TEST_CASE("snapshot's COW device must be declared when devices are", "[target][snapshot]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 2048}};
  auto r = dmc::test::compileText("0 2048 snapshot /dev/sda /dev/sdb P 8\n", options);
  REQUIRE(r.count(DiagnosticCode::UnknownDevice) == 1);
  CHECK(r.first(DiagnosticCode::UnknownDevice).location.column == 26);
  options.deviceSizes.push_back({"/dev/sdb", 16});  // the COW's size is not checked, only that it exists
  CHECK(dmc::test::compileText("0 2048 snapshot /dev/sda /dev/sdb P 8\n", options).ok());
}

TEST_CASE("snapshot needs at least 4 arguments", "[target][snapshot]") {
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P", "snapshot: requires 4 or more arguments", "");
  expectArgError("0 2048 snapshot", "snapshot: requires 4 or more arguments", "");
}

TEST_CASE("snapshot feature count is 0..2 and within the arguments", "[target][snapshot]") {
  constexpr const char* kText = "snapshot: Invalid number of feature arguments";
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 8 3 a b c", kText, "3");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 8 2 discard_zeroes_cow", kText, "2");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 8 one x", kText, "one");
}

TEST_CASE("snapshot feature names and their dependency", "[target][snapshot]") {
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 8 1 discard", "snapshot: Unrecognised feature requested",
                 "discard");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 8 1 discard_passdown_origin",
                 "snapshot: discard_passdown_origin feature depends on discard_zeroes_cow", "discard_passdown_origin");
  // After an unknown name the kernel still runs the dependency check, and its message wins.
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 8 2 discard_passdown_origin bogus",
                 "discard_passdown_origin feature depends on discard_zeroes_cow", "discard_passdown_origin");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 8 2 bogus discard_passdown_origin",
                 "Unrecognised feature requested", "bogus");
}

TEST_CASE("snapshot features are checked before the devices and the store", "[target][snapshot]") {
  expectArgError("0 2048 snapshot /dev/sda /dev/sda X 3 1 bogus", "Unrecognised feature requested", "bogus");
}

TEST_CASE("snapshot COW device must differ from the origin", "[target][snapshot]") {
  expectArgError("0 2048 snapshot /dev/sda /dev/sda P 8", "snapshot: COW device cannot be the same as origin device",
                 "/dev/sda", 2);
  expectArgError("0 2048 snapshot /dev/mapper/vg-lv @vg-lv P 8", "COW device cannot be the same as origin device",
                 "@vg-lv");
  // Before the store is created.
  expectArgError("0 2048 snapshot /dev/sda /dev/sda X 3", "COW device cannot be the same", "/dev/sda", 2);
}

TEST_CASE("snapshot store type is P, PO or N", "[target][snapshot]") {
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb T 8", kStore, "T");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb persistent 8", kStore, "persistent");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb PX 8", "only option is O", "PX");
  // The letter is checked before the chunk size, the P option after it.
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb T x", kStore, "T");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb PX x", kStore, "x");
}

TEST_CASE("snapshot chunk size: kstrtouint, 0 or a power of two, at most 4194303", "[target][snapshot]") {
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 12", "power of two", "12");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 8388608", "at most 4194303", "8388608");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 4194304", "at most 4194303", "4194304");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb P 4K", kStore, "4K");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb N -8", kStore, "-8");
  expectArgError("0 2048 snapshot /dev/sda /dev/sdb N 4294967296", kStore, "4294967296");
}

TEST_CASE("snapshot uses (0, length) of the origin", "[target][snapshot]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 2048}, {"/dev/sdb", 8}};
  auto ok = compileText("0 2048 snapshot /dev/sda /dev/sdb P 8\n", options);
  INFO(ok.describe());
  CHECK(ok.ok());  // the COW device's area is its own size
  auto small = compileText("0 4096 snapshot /dev/sda /dev/sdb P 8\n", options);
  INFO(small.describe());
  REQUIRE(small.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(small.first(DiagnosticCode::DeviceTooSmall).location.column ==
        dmc::test::columnOf("0 4096 snapshot /dev/sda /dev/sdb P 8", "/dev/sda"));
}
