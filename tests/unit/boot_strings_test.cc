// Boot strings both ways: reading concise and dm-mod.create strings (problems at their character
// positions), and writing a model as either, with dm-init's rules at the source lines.
#include <catch2/catch.hpp>

#include "emitters/concise_emitter.h"
#include "emitters/dm_init_emitter.h"
#include "emitters/json_model_emitter.h"
#include "grammar/concise_reader.h"
#include "tests/unit/test_support.h"

using dmc::DiagnosticCode;
using dmc::InputFormat;

namespace {

dmc::test::Compiled readString(const std::string& text, InputFormat format) {
  dmc::DiagnosticEngine engine;
  uint32_t file = engine.addFile(dmc::SourceFile("boot", text));
  dmc::BootStringReader reader(engine, file, format);
  dmc::test::Compiled result{dmc::compileLines(engine, file, {}, [&](dmc::LineSink& sink) { return reader.read(sink); }), {}};
  result.diagnostics = engine.sorted();
  return result;
}

dmc::TableModel model(const std::string& text) {
  auto r = dmc::test::compileText(text);
  INFO(r.describe());
  REQUIRE(r.ok());
  return std::move(r.outcome.model);
}

}  // namespace

TEST_CASE("the input format is told from the text") {
  CHECK(dmc::detectInputFormat("0 100 zero\n") == InputFormat::Table);
  CHECK(dmc::detectInputFormat("device a\n0 1 zero\n") == InputFormat::Table);
  CHECK(dmc::detectInputFormat("# a comment\nvroot,,,ro,0 8 zero") == InputFormat::Concise);
  CHECK(dmc::detectInputFormat("dm-mod.create=\"a,,,rw,0 8 linear 8:0 0\"") == InputFormat::DmModCreate);
}

TEST_CASE("a concise string becomes devices with their attributes and tables") {
  auto r = readString("lower,LVM-1,5,ro,0 8 zero,8 8 zero;upper,,,rw,0 16 linear /dev/mapper/lower 0\n",
                      InputFormat::Concise);
  INFO(r.describe());
  REQUIRE(r.ok());
  const auto& m = r.outcome.model;
  REQUIRE(m.devices.size() == 2);
  CHECK(m.devices[0].name == "lower");
  CHECK(m.devices[0].uuid == "LVM-1");
  CHECK(m.devices[0].minor == 5u);
  CHECK(m.devices[0].readOnly);
  CHECK(m.devices[0].targets.size() == 2);
  CHECK(m.devices[1].size() == 16);
  CHECK(m.params(m.devices[1].targets[0]) == "/dev/mapper/lower 0");
}

TEST_CASE("concise escapes: backslash protects ',' and ';'") {
  auto r = readString("we\\,ird,,,,0 8 zero\n", InputFormat::Concise);
  INFO(r.describe());
  REQUIRE(r.ok());
  CHECK(r.outcome.model.devices[0].name == "we,ird");
}

TEST_CASE("problems in a concise string are at their character position") {
  auto r = readString("a,,,rw,0 8 zero,16 8 zero\n", InputFormat::Concise);
  const auto& gap = r.first(DiagnosticCode::Gap);
  CHECK(gap.location.line == 1);
  CHECK(gap.location.column == 17);  // the '16'
  auto flags = readString("a,,,rx,0 8 zero\n", InputFormat::Concise);
  CHECK(flags.first(DiagnosticCode::BootStringSyntax).location.column == 5);
  auto fields = readString("a,,rw,0 8 zero\n", InputFormat::Concise);
  CHECK_THAT(fields.first(DiagnosticCode::BootStringSyntax).message, Catch::Contains("five comma-separated fields"));
}

TEST_CASE("dm-mod.create: only six target types, base-0 numbers, no trailing separators") {
  auto r = readString("dm-mod.create=\"a,,,rw,0 010 zero\"\n", InputFormat::DmModCreate);
  const auto& type = r.first(DiagnosticCode::BootStringTarget);
  CHECK(type.location.column == 29);
  const auto& octal = r.first(DiagnosticCode::OctalNumber);
  CHECK(octal.location.column == 25);
  CHECK_THAT(octal.message, Catch::Contains("8 sectors"));

  auto hex = readString("a,,0x10,ro,0 0x10 linear 8:0 0", InputFormat::DmModCreate);
  INFO(hex.describe());
  REQUIRE(hex.ok());
  CHECK(hex.outcome.model.devices[0].minor == 16u);
  CHECK(hex.outcome.model.devices[0].size() == 16);

  CHECK(readString("a,,,rw,0 8 linear 8:0 0;", InputFormat::DmModCreate).count(DiagnosticCode::BootStringSyntax) == 1);
  CHECK(readString("a,,,rw,0 8 linear 8:0 0,", InputFormat::DmModCreate).count(DiagnosticCode::BootStringSyntax) == 1);
  CHECK(readString("a,,,,0 8 linear 8:0 0", InputFormat::DmModCreate).count(DiagnosticCode::BootStringSyntax) == 1);
  CHECK(readString("a,,,rw,0 4K linear 8:0 0", InputFormat::DmModCreate).count(DiagnosticCode::InvalidNumber) == 1);
}

TEST_CASE("dm-mod.create values of 4096 characters or more are refused at the 4096th") {
  std::string value = "a,,,rw,0 8 linear /dev/" + std::string(4100, 'x') + " 0";
  auto r = readString(value, InputFormat::DmModCreate);
  const auto& limit = r.first(DiagnosticCode::BootStringLimit);
  CHECK(limit.location.column == 4096);
}

TEST_CASE("concise output escapes and round-trips") {
  auto m = model("device lower uuid=U-1 minor=3 ro\n0 8 zero\ndevice upper\n0 8 linear @lower 0\n");
  auto out = dmc::emitConcise(m);
  REQUIRE(out.ok());
  CHECK(out.text == "lower,U-1,3,ro,0 8 zero;upper,,,rw,0 8 linear /dev/mapper/lower 0\n");
  auto back = readString(out.text, InputFormat::Concise);
  INFO(back.describe());
  CHECK(back.ok());
  CHECK(dmc::escapeConcise("a,b;c\\d") == "a\\,b\\;c\\\\d");
}

TEST_CASE("dm-mod.create output: references by /dev/dm-MINOR, dm-init's rules at the source lines") {
  auto m = model("device lower minor=3 ro\n0 8 linear /dev/sda 0\ndevice upper\n0 8 linear @lower 0\n");
  auto out = dmc::emitDmInit(m);
  REQUIRE(out.ok());
  CHECK(out.text == "dm-mod.create=\"lower,,3,ro,0 8 linear /dev/sda 0;upper,,,rw,0 8 linear /dev/dm-3 0\"\n");
  auto back = readString(out.text, InputFormat::DmModCreate);
  INFO(back.describe());
  CHECK(back.ok());

  auto noMinor = dmc::emitDmInit(model("device lower\n0 8 linear /dev/sda 0\ndevice upper\n0 8 linear @lower 0\n"));
  REQUIRE_FALSE(noMinor.ok());
  CHECK(noMinor.problems[0].line == 4);
  CHECK_THAT(noMinor.problems[0].message, Catch::Contains("minor"));

  auto zero = dmc::emitDmInit(model("0 8 linear /dev/sda 0\n8 8 zero\n"));
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.problems[0].code == DiagnosticCode::BootStringTarget);
  CHECK(zero.problems[0].line == 2);
  CHECK(zero.text.empty());
}

TEST_CASE("names with white space at an edge: concise keeps them, dm-mod.create refuses them") {
  // dm-init trims every field and dmsetup skips blanks before a field, so an edge blank must be
  // escaped in the concise form and cannot be written in dm-mod.create at all.
  for (const std::string text : {"x ,,,rw,0 8 linear /dev/sda 0", "\\ x,,,rw,0 8 linear /dev/sda 0"}) {
    INFO(text);
    auto read = readString(text, InputFormat::Concise);
    INFO(read.describe());
    REQUIRE(read.ok());
    const std::string name = read.outcome.model.devices.at(0).name;
    CHECK((name == "x " || name == " x"));

    auto concise = dmc::emitConcise(read.outcome.model);
    REQUIRE(concise.ok());
    auto back = readString(concise.text, InputFormat::Concise);
    INFO(concise.text);
    REQUIRE(back.ok());
    CHECK(back.outcome.model.devices.at(0).name == name);

    auto dmInit = dmc::emitDmInit(read.outcome.model);
    REQUIRE_FALSE(dmInit.ok());
    CHECK_THAT(dmInit.problems[0].message, Catch::Contains("trims white space"));
  }
}

TEST_CASE("dm-mod.create output: at most 256 targets, under 4096 characters") {
  std::string many;
  for (int i = 0; i < 257; ++i) many += std::to_string(i) + " 1 linear /dev/sda " + std::to_string(i) + "\n";
  auto out = dmc::emitDmInit(model(many));
  REQUIRE_FALSE(out.ok());
  bool targetLimit = false, lengthLimit = false;
  for (const auto& p : out.problems) {
    if (p.line == 257 && p.message.find("at most 256") != std::string::npos) targetLimit = true;
    if (p.message.find("passes 4095 characters") != std::string::npos) lengthLimit = true;
  }
  CHECK(targetLimit);
  CHECK(lengthLimit);
}

TEST_CASE("the JSON model has every device, target and line") {
  auto m = model("device lower minor=3 ro\n0 8 zero\ndevice upper uuid=U\n0 8 linear @lower 0\n");
  std::string json = dmc::emitJsonModel(m);
  CHECK_THAT(json, Catch::Contains("\"name\": \"lower\"") && Catch::Contains("\"minor\": 3") &&
                       Catch::Contains("\"uses\": [\n        \"lower\"") &&
                       Catch::Contains("\"params\": \"/dev/mapper/lower 0\"") && Catch::Contains("\"line\": 4") &&
                       Catch::Contains("\"loadOrder\": [\n    \"lower\",\n    \"upper\""));
}
