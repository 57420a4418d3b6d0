// The one constructor-argument reader (validator/ctr/arg_cursor.h): how it walks an argument
// set like the kernel's dm_arg_set, and the one explanation it gives for each kind of failure.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/number_field.h"

namespace {

using dmc::ArgCursor;
using dmc::NumberForm;
using dmc::NumberStatus;

// One target line "0 8 test <words...>" with its arguments at known columns.
struct Line {
  explicit Line(std::vector<std::string> argWords) : words(std::move(argWords)) {
    syntax.type = dmc::Token{"test", 5};
    uint32_t column = 10;
    for (const std::string& w : words) {
      syntax.args.push_back(dmc::Token{w, column});
      column += static_cast<uint32_t>(w.size()) + 1;
    }
  }
  dmc::TargetCheckContext context() { return {engine, 0, 1, syntax, 8, environment, areas}; }
  // The one message reported, or "" when none was.
  std::string message() const {
    REQUIRE(engine.diagnostics().size() <= 1);
    return engine.diagnostics().empty() ? "" : engine.diagnostics()[0].message;
  }
  uint32_t column() const { return engine.diagnostics().at(0).location.column; }

  std::vector<std::string> words;
  dmc::TargetSyntax syntax;
  dmc::DiagnosticEngine engine;
  dmc::TargetCheckEnvironment environment;
  std::vector<dmc::DeviceArea> areas;
};

}  // namespace

TEST_CASE("arg cursor: shift, consume and take walk the set like dm_arg_set", "[arg-cursor]") {
  Line line({"a", "b", "c", "d"});
  auto c = line.context();
  ArgCursor args(c);
  CHECK(args.shift() == std::optional<size_t>(0));
  ArgCursor nested = args.take(2);
  CHECK(nested.remaining() == 2);
  CHECK(args.remaining() == 3);  // take() leaves the outer set where it was
  args.consume(10);              // never past the end
  CHECK(args.remaining() == 0);
  CHECK_FALSE(args.shift().has_value());
  CHECK(ArgCursor::at(c, 3).remaining() == 1);
  CHECK(ArgCursor::at(c, 9).remaining() == 0);
  CHECK(line.message().empty());
}

TEST_CASE("arg cursor: a number of each form", "[arg-cursor]") {
  Line line({"42", "+7", "18446744073709551615", "65535"});
  auto c = line.context();
  ArgCursor args(c);
  CHECK(args.scan(32, "Bad") == std::optional<uint64_t>(42));
  CHECK(args.kstrto(32, "Bad") == std::optional<uint64_t>(7));
  CHECK(args.scan(64, "Bad") == std::optional<uint64_t>(UINT64_MAX));
  CHECK(args.scan(16, "Bad") == std::optional<uint64_t>(65535));
  CHECK(line.message().empty());
}

TEST_CASE("arg cursor: one explanation for each kind of number failure", "[arg-cursor]") {
  struct Case {
    std::string text;
    NumberForm form;
    unsigned bits;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"10ms", NumberForm::Scan, 32, "test: Bad value: the delay '10ms' is not a decimal number"},
      {"-1", NumberForm::Kstrto, 32, "test: Bad value: the delay '-1' is negative; this field is unsigned"},
      {"+5", NumberForm::Scan, 64,
       "test: Bad value: the delay '+5' starts with '+': the kernel reads it with sscanf %llu, which takes digits "
       "only, no '+'"},
      {"4294967296", NumberForm::Scan, 32,
       "test: Bad value: the delay '4294967296' does not fit in 32 bits (the kernel would silently wrap it; dmc "
       "refuses)"},
      {"65536", NumberForm::Scan, 16,
       "test: Bad value: the delay '65536' does not fit in 16 bits (the kernel would silently wrap it; dmc refuses)"},
      {"18446744073709551616", NumberForm::Kstrto, 64,
       "test: Bad value: the delay '18446744073709551616' is out of range: it does not fit in 64 bits"},
      {"0x10", NumberForm::Kstrto, 64, "test: Bad value: the delay '0x10' is not a decimal number"},
  };
  for (const Case& k : cases) {
    Line line({"dev", k.text});
    auto c = line.context();
    INFO(k.text);
    CHECK_FALSE(ArgCursor::at(c, 1).number(k.form, k.bits, "Bad value", "the delay").has_value());
    CHECK(line.message() == k.expected);
    CHECK(line.column() == 14);  // at the number
  }
}

TEST_CASE("arg cursor: without a name the text alone is named", "[arg-cursor]") {
  Line line({"x1"});
  auto c = line.context();
  CHECK_FALSE(ArgCursor(c).scan(32, "Invalid delay").has_value());
  CHECK(line.message() == "test: Invalid delay: 'x1' is not a decimal number");
}

TEST_CASE("arg cursor: a missing argument is reported at the end of its set", "[arg-cursor]") {
  Line line({"dev"});
  auto c = line.context();
  CHECK_FALSE(ArgCursor::at(c, 1).kstrto(32, "Invalid block size", "the block size").has_value());
  CHECK(line.message() == "test: Invalid block size: the block size is missing here");
  CHECK(line.column() == 13);  // just past "dev"

  Line nested({"1", "x", "y"});
  auto n = nested.context();
  ArgCursor set(n, 0, 1);
  set.shift();
  CHECK_FALSE(set.scan(32, "Bad").has_value());
  CHECK(nested.message() == "test: Bad: a number is missing here");
  CHECK(nested.column() == 12);  // the argument after the nested set
}

TEST_CASE("arg cursor: dm_read_arg ranges and dm_read_arg_group counts", "[arg-cursor]") {
  {
    Line line({"7", "a"});
    auto c = line.context();
    CHECK_FALSE(ArgCursor(c).read({0, 6, "Invalid number of feature args", "the feature count"}).has_value());
    CHECK(line.message() ==
          "test: Invalid number of feature args: the feature count is 7; it must be from 0 to 6");
  }
  {
    Line line({"2", "a"});
    auto c = line.context();
    CHECK_FALSE(ArgCursor(c).readGroup({0, 6, "Invalid number of feature args", "the feature count"}).has_value());
    CHECK(line.message() ==
          "test: Invalid number of feature args: the feature count is 2, but only 1 argument follows");
  }
  {
    Line line({"2", "a", "b"});
    auto c = line.context();
    ArgCursor args(c);
    CHECK(args.readGroup({0, 6, "Invalid number of feature args", "the feature count"}) ==
          std::optional<uint32_t>(2));
    CHECK(args.remaining() == 2);
  }
  {
    Line line({});
    auto c = line.context();
    CHECK_FALSE(ArgCursor(c).read({1, 50, "pg_init_retries must be between 1 and 50", "pg_init_retries"}));
    CHECK(line.message() ==
          "test: pg_init_retries must be between 1 and 50: pg_init_retries is missing here (a number from 1 to 50)");
  }
  {
    Line line({"4294967296"});
    auto c = line.context();
    CHECK_FALSE(ArgCursor(c).read({0, 6, "Invalid number of feature args", "the feature count"}));
    CHECK_THAT(line.message(), Catch::Contains("does not fit in 32 bits"));
  }
}

TEST_CASE("arg cursor: a sector may carry a unit; the table gets sectors", "[arg-cursor]") {
  Line line({"1G", "3B", "+1"});
  auto c = line.context();
  ArgCursor args(c);
  CHECK(args.sector("Invalid device sector") == std::optional<uint64_t>(2097152));
  REQUIRE(c.resolvedArgs().size() == 1);
  CHECK(c.resolvedArgs()[0] == std::pair<uint32_t, uint64_t>(0, 2097152));
  CHECK_FALSE(args.sector("Invalid device sector"));
  CHECK(line.message() == "test: Invalid device sector: '3B' is not a whole number of 512-byte sectors");
}

TEST_CASE("number field: the overflow wording is the same inside a larger argument", "[arg-cursor]") {
  CHECK(dmc::numberProblem("4294967296", NumberStatus::Overflow, NumberForm::Scan, 32) ==
        "'4294967296' " + dmc::overflowProblem(NumberForm::Scan, 32));
  CHECK(dmc::readNumber("+1", NumberForm::Scan, 32).status == NumberStatus::Invalid);
  CHECK(dmc::readNumber("+1", NumberForm::Kstrto, 32).value == 1);
  CHECK(dmc::readNumber("256", NumberForm::Scan, 8).status == NumberStatus::Overflow);
  CHECK(dmc::readKstrtoInt("-2147483648") == std::optional<int32_t>(INT32_MIN));
  CHECK_FALSE(dmc::readKstrtoInt("2147483648"));
  CHECK_FALSE(dmc::readKstrtoInt(""));
  CHECK_FALSE(dmc::readKstrtoInt("-"));
}
