// One table opening a device read-only, then read-write: kernel 6.1 frees the first target's
// handle (an oops). The other order, other devices and read-only tables are fine.

#include <catch2/catch.hpp>

#include "validator/open_modes.h"

using dmc::AreaAccess;
using dmc::DeviceArea;
using dmc::Diagnostic;
using dmc::DiagnosticEngine;
using dmc::Location;

namespace {

DeviceArea opens(std::string_view device, uint32_t line, std::string_view type, AreaAccess access) {
  DeviceArea a{device, 0, 8, Location{0, line, 10, 8}, Location{0, line, 20, 2}, type};
  a.use.access = access;
  return a;
}

std::vector<Diagnostic> check(const std::vector<DeviceArea>& areas, bool readOnlyTable = false) {
  DiagnosticEngine engine;
  dmc::checkOpenModes(engine, areas, readOnlyTable);
  return engine.sorted();
}

}  // namespace

TEST_CASE("open modes: read-only, then read-write in one table", "[open-modes]") {
  auto d = check({opens("/dev/sdb", 1, "snapshot", AreaAccess::OpensReadOnly),
                  opens("/dev/sdb", 2, "linear", AreaAccess::ReadsWrites),
                  opens("/dev/sdb", 3, "delay", AreaAccess::Reads)});
  REQUIRE(d.size() == 1);  // once a device
  CHECK(d[0].location.line == 2);
  CHECK(d[0].code == dmc::DiagnosticCode::MixedOpenModes);
  CHECK_THAT(d[0].message, Catch::StartsWith("linear: this target opens /dev/sdb read-write, after the snapshot "
                                             "target on line 1 of the same table opened it read-only"));
  REQUIRE(d[0].notes.size() == 1);
  CHECK(d[0].notes[0].location.line == 1);
}

TEST_CASE("open modes: the safe cases", "[open-modes]") {
  // Read-write first: the later read-only open is covered.
  CHECK(check({opens("/dev/sdb", 1, "linear", AreaAccess::ReadsWrites),
               opens("/dev/sdb", 2, "snapshot", AreaAccess::OpensReadOnly)})
            .empty());
  // Another device, or a table loaded read-only, where every open is read-only.
  CHECK(check({opens("/dev/sdb", 1, "snapshot", AreaAccess::OpensReadOnly),
               opens("/dev/sdc", 2, "linear", AreaAccess::ReadsWrites)})
            .empty());
  CHECK(check({opens("/dev/sdb", 1, "snapshot", AreaAccess::OpensReadOnly),
               opens("/dev/sdb", 2, "linear", AreaAccess::ReadsWrites)},
              true)
            .empty());
}
