// The kernel's whole-table type rules (dm_table_add_target, dm_table_determine_type), called
// directly with the table's typed lines. Each test fails if its rule is removed.
#include <catch2/catch.hpp>

#include "validator/table_type_rules.h"
#include "validator/target_registry.h"

using dmc::DiagnosticCode;
using dmc::DiagnosticEngine;
using dmc::KernelVersion;
using dmc::QueueKind;
using dmc::TargetType;
using dmc::TypedLine;

namespace {

const TargetType* type(std::string_view name) {
  const TargetType* t = dmc::findTargetType(name);
  REQUIRE(t != nullptr);
  return t;
}

// Lines 1, 2, ... each with its type token at column 7.
std::vector<TypedLine> table(std::initializer_list<const TargetType*> types) {
  std::vector<TypedLine> lines;
  uint32_t line = 0;
  for (const TargetType* t : types) {
    ++line;
    lines.push_back(TypedLine{line, 7, t});
  }
  return lines;
}

std::vector<dmc::Diagnostic> check(const std::vector<TypedLine>& lines, bool readOnly = false,
                                   KernelVersion profile = dmc::kKernel6_1) {
  DiagnosticEngine engine;
  dmc::checkTableTypeRules(engine, 0, lines, readOnly, dmc::KernelChoice::of(profile));
  return engine.diagnostics();
}

// Request-based types that are neither singletons nor immutable: none exists in the kernel
// today (multipath is both), but the completion rules are written for them.
const TargetType kRequestType{.name = "rq-test", .summary = "test", .usage = "", .queue = QueueKind::Request};
const TargetType kOtherRequestType{.name = "rq-other", .summary = "test", .usage = "", .queue = QueueKind::Request};

}  // namespace

TEST_CASE("table types: ordinary mixes are accepted", "[table-type]") {
  CHECK(check(table({type("linear"), type("striped"), type("zero"), type("error"), type("crypt")})).empty());
  CHECK(check(table({type("multipath")})).empty());
  CHECK(check(table({type("thin-pool")})).empty());
  CHECK(check(table({type("linear")}), true).empty());
  CHECK(check(table({type("error"), type("error")})).empty());
  CHECK(check(table({})).empty());
}

TEST_CASE("table types: a singleton first line allows no second line", "[table-type]") {
  auto d = check(table({type("multipath"), type("linear"), type("linear")}));
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == DiagnosticCode::TableType);
  CHECK(d[0].location.line == 2);
  CHECK_THAT(d[0].message, Catch::StartsWith("target type multipath must appear alone in table"));
  REQUIRE(d[0].notes.size() == 1);
  CHECK(d[0].notes[0].location.line == 1);
  // Even a line of unknown type: the kernel checks this before looking the type up.
  auto unknown = check(table({type("zoned"), nullptr}));
  REQUIRE(unknown.size() == 1);
  CHECK_THAT(unknown[0].message, Catch::StartsWith("target type zoned must appear alone in table"));
}

TEST_CASE("table types: a singleton type after the first line", "[table-type]") {
  auto d = check(table({type("linear"), type("integrity")}));
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 2);
  CHECK(d[0].location.column == 7);
  CHECK_THAT(d[0].message, Catch::StartsWith("integrity: singleton target type must appear alone in table"));
}

TEST_CASE("table types: verity is immutable in 6.1 and also a singleton in 7.2", "[table-type]") {
  auto lines = table({type("verity"), type("verity")});
  CHECK(check(lines, true, dmc::kKernel6_1).empty());
  auto d = check(lines, true, dmc::kKernel7_2);
  REQUIRE(d.size() == 1);
  CHECK_THAT(d[0].message, Catch::StartsWith("target type verity must appear alone in table"));
}

TEST_CASE("table types: an immutable type is not mixed with others", "[table-type]") {
  auto after = check(table({type("verity"), type("linear")}), true);
  REQUIRE(after.size() == 1);
  CHECK(after[0].location.line == 2);
  CHECK_THAT(after[0].message,
             Catch::StartsWith("linear: immutable target type cannot be mixed with other target types"));
  REQUIRE(after[0].notes.size() == 1);
  CHECK(after[0].notes[0].location.line == 1);
  auto before = check(table({type("linear"), type("verity")}), true);
  REQUIRE(before.size() == 1);
  CHECK_THAT(before[0].message,
             Catch::StartsWith("verity: immutable target type cannot be mixed with other target types"));
}

TEST_CASE("table types: an always-writeable type is not in a read-only table", "[table-type]") {
  auto d = check(table({type("thin-pool")}), true);
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 1);
  CHECK_THAT(d[0].message, Catch::StartsWith("thin-pool: target type may not be included in a read-only table"));
  CHECK(check(table({type("thin-pool")}), false).empty());
}

TEST_CASE("table types: the kernel stops at the first broken rule", "[table-type]") {
  // A read-only thin-pool first and a second line: the read-only rule on line 1 comes first.
  auto d = check(table({type("thin-pool"), type("linear")}), true);
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 1);
}

TEST_CASE("table types: bio-based and request-based targets do not mix", "[table-type]") {
  auto d = check(table({type("linear"), type("error"), &kRequestType}));
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 3);
  CHECK_THAT(d[0].message,
             Catch::StartsWith("rq-test: Inconsistent table: different target types can't be mixed up"));
  REQUIRE(d[0].notes.size() == 1);
  CHECK(d[0].notes[0].location.line == 1);
}

TEST_CASE("table types: a request-based table has one target", "[table-type]") {
  CHECK(check(table({&kRequestType})).empty());
  auto d = check(table({type("error"), &kRequestType}));
  REQUIRE(d.size() == 1);
  CHECK(d[0].location.line == 2);
  CHECK_THAT(d[0].message, Catch::StartsWith("rq-test: request-based DM doesn't support multiple targets"));
  auto two = check(table({&kRequestType, &kOtherRequestType}));
  REQUIRE(two.size() == 1);
  CHECK_THAT(two[0].message, Catch::Contains("request-based DM doesn't support multiple targets"));
  // Hybrid targets alone are bio-based for a new device.
  CHECK(check(table({type("error"), type("error")})).empty());
}

TEST_CASE("table types: lines of unknown type are skipped", "[table-type]") {
  CHECK(check(table({nullptr, type("linear")})).empty());
}

// The rules keep only the first two lines and each line whose type differs from the line
// before (TableLines): in long runs of one type, each rule still finds its first offending
// line, and the messages still count every line.
TEST_CASE("table types: runs of one type keep positions and counts", "[table-type]") {
  const TargetType* linear = type("linear");
  auto singleton = check(table({linear, linear, linear, linear, linear, type("integrity"), linear, linear}));
  REQUIRE(singleton.size() == 1);
  CHECK(singleton[0].location.line == 6);
  CHECK_THAT(singleton[0].message, Catch::EndsWith("this is line 6 of 8"));

  auto immutable = check(table({type("verity"), type("verity"), type("verity"), linear, linear}));
  REQUIRE(immutable.size() == 1);
  CHECK(immutable[0].location.line == 4);

  auto mixed = check(table({linear, linear, linear, &kRequestType, &kRequestType, &kRequestType}));
  REQUIRE(mixed.size() == 1);
  CHECK(mixed[0].location.line == 4);
  CHECK_THAT(mixed[0].message, Catch::Contains("line 1 (linear) is bio-based"));

  auto requestRun = check(table({&kRequestType, &kRequestType, &kRequestType, &kRequestType}));
  REQUIRE(requestRun.size() == 1);
  CHECK(requestRun[0].location.line == 1);
  CHECK_THAT(requestRun[0].message, Catch::EndsWith("this one has 4"));
  REQUIRE(requestRun[0].notes.size() == 1);
  CHECK(requestRun[0].notes[0].location.line == 2);
}
