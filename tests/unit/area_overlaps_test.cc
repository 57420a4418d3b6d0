// Targets mapping the same sectors of the same device: a warning at the later target, with a
// note at the earlier one, saying what is true from each area's use; sharing by design, or
// by readers only, is not reported.

#include <catch2/catch.hpp>

#include "validator/area_overlaps.h"

using dmc::AreaAccess;
using dmc::DeviceArea;
using dmc::DeviceUse;
using dmc::Diagnostic;
using dmc::DiagnosticEngine;
using dmc::Location;
using dmc::Severity;

namespace {

DeviceArea area(std::string_view device, uint64_t start, uint64_t length, uint32_t line,
                std::string_view type = "linear", DeviceUse use = {}) {
  DeviceArea a{device, start, length, Location{0, line, 10, 8}, Location{0, line, 20, 2}, type};
  a.use = use;
  return a;
}

constexpr DeviceUse kReads{AreaAccess::Reads};
constexpr DeviceUse kOpensReadOnly{AreaAccess::OpensReadOnly};
constexpr const char* kOrigin = "snapshot origin";

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

TEST_CASE("overlaps: areas of one line are compared when both write", "[area-overlaps]") {
  // delay's read class and write class on one disk: its design.
  CHECK(check({area("/dev/sda", 0, 100, 1, "delay", kReads), area("/dev/sda", 0, 100, 1, "delay")}).empty());
  // ...but a third line still finds the overlap hidden behind them.
  auto d = check({area("/dev/sda", 0, 100, 1, "delay", kReads), area("/dev/sda", 0, 50, 2),
                  area("/dev/sda", 40, 5, 1, "delay")});
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 2);
  // One disk given twice to striped: one warning at the second area, a note at the first.
  DeviceArea first = area("/dev/sdb", 16384, 256, 3, "striped");
  DeviceArea second = area("/dev/sdb", 16384, 256, 3, "striped");
  second.startLocation.column = 40;
  d = check({first, second});
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.column == 40);
  CHECK_THAT(d[0].message, Catch::StartsWith("striped: sectors 16384 to 16639 of /dev/sdb are mapped twice by this "
                                             "target"));
  REQUIRE(d[0].notes.size() == 1);
  CHECK(d[0].notes[0].location.column == 20);
  // Two stripes of one disk side by side are fine.
  CHECK(check({area("/dev/sdb", 0, 256, 3, "striped"), area("/dev/sdb", 256, 256, 3, "striped")}).empty());
}

TEST_CASE("overlaps: readers only, and targets sharing by design, are not reported", "[area-overlaps]") {
  CHECK(check({area("@real", 0, 100, 1, "snapshot-origin", {AreaAccess::ReadsWrites, kOrigin}),
               area("@real", 0, 100, 2, "snapshot", {AreaAccess::OpensReadOnly, kOrigin}),
               area("@real", 0, 100, 3, "snapshot-merge", {AreaAccess::ReadsWrites, kOrigin})})
            .empty());
  CHECK(check({area("/dev/sda", 0, 1000, 1, "verity", kOpensReadOnly),
               area("/dev/sda", 0, 1000, 2, "verity", kOpensReadOnly), area("/dev/sda", 0, 10, 3, "delay", kReads)})
            .empty());
  // The tag is compared by its text, not its address.
  std::string tag = kOrigin;
  CHECK(check({area("@real", 0, 100, 1, "snapshot-origin", {AreaAccess::ReadsWrites, kOrigin}),
               area("@real", 0, 100, 2, "snapshot", {AreaAccess::OpensReadOnly, tag.c_str()})})
            .empty());
}

TEST_CASE("overlaps: a writer next to a reader is told what changes", "[area-overlaps]") {
  auto d = check({area("@real", 0, 100, 1, "snapshot", {AreaAccess::OpensReadOnly, kOrigin}),
                  area("@real", 10, 10, 2, "linear")});
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 2);
  CHECK_THAT(d[0].message, Catch::EndsWith("also mapped by the snapshot target on line 1: it only reads them, and "
                                           "this target's writes change them under it"));
  REQUIRE(d[0].notes.size() == 2);
  CHECK_THAT(d[0].notes[0].message, Catch::StartsWith("the snapshot target reads sectors 0 to 99"));
  CHECK_THAT(d[0].notes[1].message, Catch::Contains("a snapshot origin is written safely only through"));

  d = check({area("/dev/sda", 0, 100, 1), area("/dev/sda", 50, 100, 2, "verity", kOpensReadOnly)});
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 2);
  CHECK_THAT(d[0].message, Catch::EndsWith("it writes them, and this target only reads them: they change under it"));
  // Two writers destroy each other's data, whatever tag only one of them has.
  d = check({area("@real", 0, 100, 1, "snapshot-origin", {AreaAccess::ReadsWrites, kOrigin}), area("@real", 0, 1, 2)});
  REQUIRE(d.size() == 1);
  CHECK_THAT(d[0].message, Catch::EndsWith("targets writing the same sectors destroy each other's data"));
}

TEST_CASE("overlaps: two lines claiming one object of a device", "[area-overlaps]") {
  auto claim = [](uint32_t line, uint32_t id, std::string_view pool = "@pool") {
    DeviceArea a = area(pool, 0, 0, line, "thin");
    a.hasRange = false;
    a.claim = id;
    return a;
  };
  auto d = check({claim(1, 7), claim(2, 8), claim(3, 7), claim(4, 7, "@other")});
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 3);
  CHECK(d[0].location.column == 10);
  CHECK_THAT(d[0].message, Catch::StartsWith("thin: id 7 of @pool is also used by the thin target on line 1"));
  REQUIRE(d[0].notes.size() == 1);
  CHECK(d[0].notes[0].location.line == 1);
  // Ranges without a claim never clash through it.
  CHECK(check({area("@pool", 0, 0, 1, "thin"), area("@pool", 0, 0, 2, "thin")}).empty());
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
