// Targets mapping the same sectors of the same device: a warning at the later target, with a
// note at the earlier one; sharing by design is not reported.

#include <catch2/catch.hpp>

#include "validator/area_overlaps.h"

using dmc::DeviceArea;
using dmc::Diagnostic;
using dmc::DiagnosticEngine;
using dmc::Location;
using dmc::Severity;

namespace {

DeviceArea area(std::string_view device, uint64_t start, uint64_t length, uint32_t line,
                std::string_view type = "linear") {
  return DeviceArea{device, start, length, Location{0, line, 10, 8}, Location{0, line, 20, 2}, type};
}

std::vector<Diagnostic> check(const std::vector<DeviceArea>& areas) {
  DiagnosticEngine engine;
  dmc::checkAreaOverlaps(engine, areas);
  return engine.sorted();
}

}  // namespace

TEST_CASE("overlaps: disjoint and adjacent areas are fine", "[area-overlaps]") {
  CHECK(check({area("/dev/sda", 0, 100, 1), area("/dev/sda", 100, 100, 2), area("/dev/sdb", 0, 100, 3)}).empty());
  CHECK(check({}).empty());
  CHECK(check({area("/dev/sda", 0, 0, 1), area("/dev/sda", 0, 10, 2)}).empty());  // zero length maps nothing
}

TEST_CASE("overlaps: the later target is warned with a note at the earlier", "[area-overlaps]") {
  auto d = check({area("/dev/sda", 50, 100, 2, "striped"), area("/dev/sda", 0, 60, 1)});
  REQUIRE(d.size() == 1);
  CHECK(d[0].severity == Severity::Warning);
  CHECK(d[0].location.line == 2);
  CHECK(d[0].location.column == 20);
  CHECK_THAT(d[0].message, Catch::StartsWith("striped: sectors 50 to 59 of /dev/sda are also mapped by the linear "
                                             "target on line 1"));
  REQUIRE(d[0].notes.size() == 1);
  CHECK(d[0].notes[0].location.line == 1);
  CHECK_THAT(d[0].notes[0].message, Catch::Contains("sectors 0 to 59 of /dev/sda"));
}

TEST_CASE("overlaps: only the same device text counts", "[area-overlaps]") {
  CHECK(check({area("/dev/sda", 0, 100, 1), area("8:0", 0, 100, 2), area("@other", 0, 100, 3)}).empty());
  CHECK(check({area("@lower", 0, 100, 1), area("@lower", 99, 1, 5)}).size() == 1);
}

TEST_CASE("overlaps: areas of one line are not compared", "[area-overlaps]") {
  CHECK(check({area("/dev/sda", 0, 100, 1, "delay"), area("/dev/sda", 0, 100, 1, "delay")}).empty());
  // ...but a third line still finds the overlap hidden behind them.
  auto d = check({area("/dev/sda", 0, 100, 1, "delay"), area("/dev/sda", 0, 50, 2), area("/dev/sda", 40, 5, 1, "delay")});
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 2);
}

TEST_CASE("overlaps: devices shared by design are not reported", "[area-overlaps]") {
  CHECK(check({area("@real", 0, 100, 1, "snapshot-origin"), area("@real", 0, 100, 2, "snapshot"),
               area("@real", 0, 100, 3, "snapshot")})
            .empty());
  CHECK(check({area("@pool", 0, 1000, 1, "thin"), area("@pool", 0, 1000, 2, "thin")}).empty());
  CHECK(check({area("/dev/sda", 0, 1000, 1, "verity"), area("/dev/sda", 0, 1000, 2, "verity")}).empty());
  // A different kind of target on a shared origin is reported.
  auto d = check({area("@real", 0, 100, 1, "snapshot-origin"), area("@real", 0, 100, 2, "thin"),
                  area("@real", 10, 10, 3, "linear")});
  REQUIRE(d.size() == 2);
  CHECK(d[0].location.line == 2);
  CHECK(d[1].location.line == 3);
}

TEST_CASE("overlaps: one warning a pair of lines", "[area-overlaps]") {
  // Two stripes of one line on the same disk overlapping one linear target: one warning.
  auto d = check({area("/dev/sda", 0, 100, 1), area("/dev/sda", 10, 5, 2, "striped"),
                  area("/dev/sda", 50, 5, 2, "striped")});
  CHECK(d.size() == 1);
}

// A million areas: the one overlap among them is found. (How fast is bench/'s business, not a
// unit test's: a sanitizer build on a busy machine is slow.)
TEST_CASE("overlaps: the one overlap among a million areas", "[area-overlaps]") {
  std::vector<std::string> names = {"/dev/sda", "/dev/sdb", "/dev/sdc", "/dev/sdd"};
  std::vector<DeviceArea> areas;
  areas.reserve(1000000);
  for (uint32_t i = 0; i < 1000000; ++i)
    areas.push_back(area(names[i % 4], uint64_t{i / 4} * 8, 8, i + 1));
  areas.push_back(area("/dev/sdc", 4000, 1, 1000001));  // overlaps one target
  auto d = check(areas);
  CHECK(d.size() == 1);
}
