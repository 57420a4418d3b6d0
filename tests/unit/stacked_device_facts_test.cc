// The facts a device of the same file (@name) shows the devices above it
// (validator/stacked_device_facts.h): logical block size and zone model, stacked as the
// kernel stacks queue limits, used by the checks that disk facts feed.
#include <string>

#include <catch2/catch.hpp>

#include "tests/unit/test_support.h"
#include "validator/stacked_device_facts.h"

using dmc::DiagnosticCode;
using dmc::ZoneModel;
using dmc::test::compileText;

namespace {

const std::string kDisks =
    "disk /dev/k4 size=1G logical-block=4096\n"
    "disk /dev/sdb size=1G\n"
    "disk /dev/hm size=1G zoned=host-managed\n"
    "disk /dev/ha size=1G zoned=host-aware\n";
const std::string kKey(64, '7');

size_t alignmentErrors(const std::string& text) {
  return compileText(kDisks + text).count(DiagnosticCode::BlockAlignment);
}

}  // namespace

TEST_CASE("zone models stack to the most zoned, unknown unless host-managed", "[stacked-facts]") {
  using dmc::stackZoneModels;
  CHECK(stackZoneModels(ZoneModel::None, ZoneModel::None) == ZoneModel::None);
  CHECK(stackZoneModels(ZoneModel::None, ZoneModel::HostAware) == ZoneModel::HostAware);
  CHECK(stackZoneModels(ZoneModel::HostAware, ZoneModel::HostManaged) == ZoneModel::HostManaged);
  CHECK(stackZoneModels(ZoneModel::Unknown, ZoneModel::None) == ZoneModel::Unknown);
  CHECK(stackZoneModels(ZoneModel::HostAware, ZoneModel::Unknown) == ZoneModel::Unknown);
  CHECK(stackZoneModels(ZoneModel::Unknown, ZoneModel::HostManaged) == ZoneModel::HostManaged);
}

TEST_CASE("a device over a 4Kn disk has 4096-byte blocks for the devices above it", "[stacked-facts]") {
  CHECK(alignmentErrors("device base\n0 64 linear /dev/k4 0\ndevice top\n0 56 linear @base 8\n") == 0);
  auto length = compileText(kDisks + "device base\n0 64 linear /dev/k4 0\ndevice top\n0 60 linear @base 0\n");
  REQUIRE(length.count(DiagnosticCode::BlockAlignment) == 1);
  CHECK_THAT(length.first(DiagnosticCode::BlockAlignment).message,
             Catch::Contains("len=60 not aligned to h/w logical block size 4096 of @base"));
  CHECK(length.first(DiagnosticCode::BlockAlignment).location.line == 8);
  CHECK(alignmentErrors("device base\n0 64 linear /dev/k4 0\ndevice top\n0 8 linear @base 4\n") == 1);
  // /dev/mapper/NAME of a device of the file is the same device.
  CHECK(alignmentErrors("device base\n0 64 linear /dev/k4 0\ndevice top\n0 8 linear /dev/mapper/base 4\n") == 1);
  // Two levels up: the block size stays.
  CHECK(alignmentErrors("device a\n0 64 linear /dev/k4 0\ndevice b\n0 64 linear @a 0\ndevice c\n0 4 linear @b 0\n") ==
        1);
  // On 512-byte disks nothing changes.
  CHECK(alignmentErrors("device base\n0 64 linear /dev/sdb 0\ndevice top\n0 7 linear @base 1\n") == 0);
}

TEST_CASE("io_hints raise a device's blocks: integrity block_size:, crypt sector_size:", "[stacked-facts]") {
  CHECK(alignmentErrors("device tags\n0 16384 integrity /dev/sdb 0 28 J 1 block_size:4096\n"
                        "device top\n0 12 linear @tags 8\n") == 1);
  CHECK(alignmentErrors("device tags\n0 16384 integrity /dev/sdb 0 28 J 1 block_size:4096\n"
                        "device top\n0 16 linear @tags 8\n") == 0);
  CHECK(alignmentErrors("device c\n0 64 crypt aes-xts-plain64 " + kKey + " 0 /dev/sdb 0 1 sector_size:4096\n" +
                        "device top\n0 8 linear @c 4\n") == 1);
  // The largest target decides: one 4096-byte line makes the whole device 4096.
  CHECK(alignmentErrors("device mix\n0 8 zero\n8 64 linear /dev/k4 0\ndevice top\n0 4 linear @mix 0\n") == 1);
}

TEST_CASE("a device over a zoned disk is zoned; dm-zoned's is regular", "[stacked-facts]") {
  auto zonedErrors = [](const std::string& text) {
    return compileText(kDisks + text).count(DiagnosticCode::TargetArgument);
  };
  CHECK(zonedErrors("device lz\n0 2097152 linear /dev/hm 0\ndevice z\n0 8 zoned @lz\n") == 0);
  CHECK(zonedErrors("device la\n0 2097152 linear /dev/ha 0\ndevice z\n0 8 zoned @la\n") == 0);
  auto regular = compileText(kDisks + "device lr\n0 64 linear /dev/sdb 0\ndevice z\n0 8 zoned @lr\n");
  REQUIRE(regular.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(regular.first(DiagnosticCode::TargetArgument).message, Catch::StartsWith("zoned: Invalid regular device"));
  // zero and error map no disk: regular.
  CHECK(zonedErrors("device nothing\n0 64 zero\ndevice z\n0 8 zoned @nothing\n") == 1);
  // dm-zoned exposes a regular device: zoned on it again is refused.
  CHECK(zonedErrors("device dz\n0 8 zoned /dev/hm\ndevice z\n0 8 zoned @dz\n") == 1);
  // A regular @device first, a zoned one after it.
  CHECK(zonedErrors("device lr\n0 64 linear /dev/sdb 0\ndevice lz\n0 2097152 linear /dev/hm 0\n"
                    "device z\n0 8 zoned @lr @lz\n") == 0);
  CHECK(zonedErrors("device lr\n0 64 linear /dev/sdb 0\ndevice lz\n0 2097152 linear /dev/hm 0\n"
                    "device z\n0 8 zoned @lz @lr\n") == 1);
}

TEST_CASE("what is not known stays unknown", "[stacked-facts]") {
  // Nothing declared: a linear over /dev/sdz may be zoned or not.
  CHECK(compileText("device l\n0 64 linear /dev/sdz 0\ndevice z\n0 8 zoned @l\n").ok());
  // A forward reference: the device's table is read after the line that names it.
  CHECK(compileText(kDisks + "device z\n0 8 zoned @l\ndevice l\n0 64 linear /dev/sdb 0\n").ok());
  CHECK(compileText(kDisks + "device top\n0 4 linear @base 0\ndevice base\n0 64 linear /dev/k4 0\n").ok());
}

TEST_CASE("a device of the file feeds crypt's sector-size warning as a disk does", "[stacked-facts]") {
  const std::string crypt = "crypt aes-xts-plain64 " + kKey + " 0 @base 0";
  auto small = compileText(kDisks + "device base\n0 64 linear /dev/k4 0\ndevice c\n0 64 " + crypt + "\n");
  CHECK(small.ok());
  REQUIRE(small.count(DiagnosticCode::CryptSectorBelowDeviceBlock) == 1);
  CHECK_THAT(small.first(DiagnosticCode::CryptSectorBelowDeviceBlock).message,
             Catch::Contains("below the 4096-byte logical blocks of @base"));
  CHECK(compileText(kDisks + "device base\n0 64 linear /dev/sdb 0\ndevice c\n0 64 " + crypt + "\n")
            .diagnostics.empty());
}
