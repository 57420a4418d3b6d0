// The kernel's table structure rules, one test a rule: each fails if its rule is removed.
#include <catch2/catch.hpp>

#include "tests/unit/test_support.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;

TEST_CASE("a contiguous table starting at 0 is accepted") {
  auto r = compileText("0 100 zero\n100 50 zero\n150 1 zero\n");
  INFO(r.describe());
  CHECK(r.ok());
  REQUIRE(r.outcome.model.devices.size() == 1);
  CHECK(r.outcome.model.devices[0].size() == 151);
}

TEST_CASE("the first target must start at sector 0") {
  auto r = compileText("8 100 zero\n");
  const auto& d = r.first(DiagnosticCode::StartNotZero);
  CHECK(d.location.line == 1);
  CHECK(d.location.column == 1);
  CHECK_THAT(d.message, Catch::Contains("not 8"));
}

TEST_CASE("a gap says how many sectors and which are unmapped") {
  auto r = compileText("0 2048 zero\n2056 100 zero\n");
  const auto& d = r.first(DiagnosticCode::Gap);
  CHECK(d.location.line == 2);
  CHECK_THAT(d.message, Catch::Contains("gap of 8 sectors"));
  REQUIRE(d.notes.size() == 2);
  CHECK(d.notes[0].location.line == 1);
  CHECK_THAT(d.notes[1].message, Catch::Contains("sectors 2048 to 2055"));
}

TEST_CASE("the kernel rule is start = previous start + previous length, not + 1") {
  auto r = compileText("0 100 zero\n101 100 zero\n");
  CHECK(r.count(DiagnosticCode::Gap) == 1);
  CHECK(compileText("0 100 zero\n100 100 zero\n").ok());
}

TEST_CASE("an overlap names the line it overlaps and by how much") {
  auto r = compileText("0 100 zero\n90 10 zero\n");
  const auto& d = r.first(DiagnosticCode::Overlap);
  CHECK(d.location.line == 2);
  CHECK_THAT(d.message, Catch::Contains("line 1") && Catch::Contains("by 10 sectors"));
}

TEST_CASE("a line starting before the previous line's start is out of order") {
  auto r = compileText("0 100 zero\n100 100 zero\n50 10 zero\n");
  CHECK(r.count(DiagnosticCode::OutOfOrder) == 1);
  CHECK(r.count(DiagnosticCode::Overlap) == 0);
}

TEST_CASE("one misplaced line gives one error, not a cascade") {
  auto r = compileText("0 100 zero\n108 100 zero\n208 100 zero\n308 100 zero\n");
  INFO(r.describe());
  CHECK(r.diagnostics.size() == 1);
  CHECK(r.count(DiagnosticCode::Gap) == 1);
}

TEST_CASE("zero length is an error at the length") {
  auto r = compileText("0 0 zero\n");
  const auto& d = r.first(DiagnosticCode::ZeroLength);
  CHECK(d.location.column == 3);
}

TEST_CASE("start + length past 2^64 is an overflow") {
  auto r = compileText("0 18446744073709551615 zero\n18446744073709551615 1 zero\n");
  CHECK(r.count(DiagnosticCode::SectorOverflow) == 1);
}

TEST_CASE("a device ending past 2^54 - 1 sectors is too large for the kernel") {
  CHECK(compileText("0 18014398509481983 zero\n").ok());
  auto r = compileText("0 18014398509481984 zero\n");
  CHECK(r.count(DiagnosticCode::DeviceTooLarge) == 1);
}

TEST_CASE("a number past 64 bits is refused, not wrapped") {
  auto r = compileText("0 18446744073709551616 zero\n");
  CHECK(r.count(DiagnosticCode::NumberTooLarge) == 1);
}

TEST_CASE("an empty file and a file of only comments are empty tables") {
  CHECK(compileText("").count(DiagnosticCode::EmptyTable) == 1);
  CHECK(compileText("# nothing here\n\n   # indented\n").count(DiagnosticCode::EmptyTable) == 1);
}

TEST_CASE("a device header with no targets is an empty table at the header") {
  auto r = compileText("device a\ndevice b\n0 8 zero\n");
  const auto& d = r.first(DiagnosticCode::EmptyTable);
  CHECK(d.location.line == 1);
}

TEST_CASE("more than 1,048,576 targets is refused at the first one too many") {
  std::string table;
  const uint64_t limit = 1u << 20;
  table.reserve((limit + 1) * 16);
  for (uint64_t i = 0; i <= limit; ++i) table += std::to_string(i) + " 1 zero\n";
  auto r = compileText(table);
  const auto& d = r.first(DiagnosticCode::TooManyTargets);
  CHECK(d.location.line == limit + 1);
  CHECK(r.count(DiagnosticCode::TooManyTargets) == 1);
}

TEST_CASE("what dmsetup accepts is at most a warning: '+', tabs, trailing blanks, comments") {
  auto r = compileText("0\t+100   zero   # comment\r\n100 50 zero\t \n");
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.count(DiagnosticCode::PlusSign) == 1);
}

TEST_CASE("'-0' is zero to the kernel: a warning, not an error") {
  auto r = compileText("-0 8 zero\n8 -000 zero\n");
  INFO(r.describe());
  CHECK(r.count(DiagnosticCode::MinusZero) == 2);  // and "-000" is a zero length, an error
  CHECK(r.count(DiagnosticCode::ZeroLength) == 1);
  CHECK(compileText("-0 8 zero\n").ok());
  CHECK(compileText("0 -1 zero\n").count(DiagnosticCode::InvalidNumber) == 1);
}
