// A sector's way down the devices of one source (lookup's chain).
#include <catch2/catch.hpp>

#include "emitters/image_writer.h"
#include "lookup/sector_path.h"
#include "tests/unit/test_support.h"

namespace {

std::unique_ptr<dmc::ImageReader> readerFor(const std::string& text) {
  auto r = dmc::test::compileText(text);
  INFO(r.describe());
  REQUIRE(r.ok());
  std::string error;
  std::optional<std::string> image = dmc::buildImage(r.outcome.model, dmc::kDefaultKeysPerNode, &error);
  REQUIRE(image);
  auto reader = dmc::ImageReader::fromBuffer(std::move(*image), error);
  REQUIRE(reader);
  return reader;
}

}  // namespace

TEST_CASE("a sector follows stacked devices down to a device outside the source") {
  auto reader = readerFor("device top\n0 100 linear @bottom 10\ndevice bottom\n0 200 linear /dev/sdb 1000\n");
  size_t top = *reader->findDevice("top");
  auto hops = dmc::followSector(*reader, top, 5);
  REQUIRE(hops.size() == 2);
  CHECK(hops[0].device == top);
  CHECK(hops[0].placement->device == "/dev/mapper/bottom");
  CHECK(hops[0].placement->sector == 15);
  CHECK(hops[1].sector == 15);
  CHECK(hops[1].placement->device == "/dev/sdb");
  CHECK(hops[1].placement->sector == 1015);
}

TEST_CASE("a sector past the end has no way down") {
  auto reader = readerFor("device top\n0 100 zero\n");
  CHECK(dmc::followSector(*reader, 0, 100).empty());
  auto hops = dmc::followSector(*reader, 0, 99);
  REQUIRE(hops.size() == 1);
  CHECK_FALSE(hops[0].placement);
}

TEST_CASE("an unstriped line not at sector 0 maps its offset, as dm-unstripe does") {
  // Line 2 starts at 16: device sector 19 is offset 3 -> 3 + (3 / 8) * 8 + 1 * 8 = 11 (2 stripes of 8, stripe 1).
  auto reader = readerFor("device half\n0 16 zero\n16 16 unstriped 2 8 1 /dev/md0 0\n");
  auto hops = dmc::followSector(*reader, 0, 19);
  REQUIRE(hops.size() == 1);
  CHECK(hops[0].target == 1u);
  REQUIRE(hops[0].placement);
  CHECK(hops[0].placement->device == "/dev/md0");
  CHECK(hops[0].placement->sector == 11);
}
