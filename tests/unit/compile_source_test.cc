// One front door for every input form: each is recognised from its text, and the same devices
// written in any form compile to the same model.
#include <catch2/catch.hpp>

#include "compiler/compile_source.h"
#include "emitters/dmsetup_table_emitter.h"
#include "tests/unit/test_support.h"

using dmc::DiagnosticCode;
using dmc::InputFormat;

namespace {

dmc::test::Compiled compileAny(const std::string& text) {
  dmc::DiagnosticEngine engine;
  uint32_t file = engine.addFile(dmc::SourceFile("input", text));
  dmc::test::Compiled result{dmc::compileSource(engine, file, {}), {}};
  result.diagnostics = engine.sorted();
  return result;
}

std::string tablesOf(const std::string& text) {
  auto r = compileAny(text);
  INFO(r.describe());
  REQUIRE(r.ok());
  return dmc::emitAllTables(r.outcome.model);
}

const char* kTables = "# device root\n0 2048 linear 8:16 2048\n2048 8 zero\n\n# device swap\n0 1024 linear 8:48 0\n";

}  // namespace

// Tables, concise strings and dm-mod.create values: boot_strings_test.cc.
TEST_CASE("every input form is told from its text") {
  CHECK(dmc::detectInputFormat("* 100 zero\n") == InputFormat::Table);
  CHECK(dmc::detectInputFormat("0,,,rw,0 8 zero") == InputFormat::Concise);
  CHECK(dmc::detectInputFormat("BOOT_IMAGE=/vmlinuz ro dm-mod.create=\"a,,,rw,0 8 linear 8:0 0\" quiet") ==
        InputFormat::KernelCommandLine);
  CHECK(dmc::detectInputFormat("GRUB_CMDLINE_LINUX=\"dm-mod.create=\\\"a,,,rw,0 8 linear 8:0 0\\\"\"") ==
        InputFormat::KernelCommandLine);
  CHECK(dmc::detectInputFormat("vg-root: 0 41943040 linear 8:2 2048\n") == InputFormat::DmsetupTable);
  // "xdm-mod.create=" is another parameter; a table's comment naming the parameter stays a table.
  CHECK(dmc::detectInputFormat("ro xdm-mod.create=a") == InputFormat::Table);
  CHECK(dmc::detectInputFormat("0 8 zero # see dm-mod.create=\n") == InputFormat::Table);
}

TEST_CASE("the kernel keeps the last dm-mod.create= parameter of a command line") {
  CHECK(dmc::findDmModCreateParameter("a dm-mod.create=x b dm-mod.create=y") == 20u);
  CHECK(dmc::findDmModCreateParameter("'dm-mod.create=x'") == 1u);
  CHECK_FALSE(dmc::findDmModCreateParameter("root=/dev/sda ro"));
}

TEST_CASE("the same devices in every form compile to the same tables") {
  CHECK(tablesOf("device root\n0 2048 linear 8:16 2048\n2048 8 zero\ndevice swap\n0 1024 linear 8:48 0\n") == kTables);
  CHECK(tablesOf("root,,,rw,0 2048 linear 8:16 2048,2048 8 zero;swap,,,rw,0 1024 linear 8:48 0") == kTables);
  CHECK(tablesOf("root: 0 2048 linear 8:16 2048\nroot: 2048 8 zero\nswap: 0 1024 linear 8:48 0\n") == kTables);
  // dm-init cannot create zero targets: that form gets its own device list.
  const char* initTables = "# device root\n0 2048 linear 8:16 2048\n\n# device swap\n0 1024 linear 8:48 0\n";
  const char* value = "\"root,,,rw,0 2048 linear 8:16 2048;swap,,,rw,0 1024 linear 8:48 0\"";
  CHECK(tablesOf(std::string("dm-mod.create=") + value) == initTables);
  CHECK(tablesOf(std::string("BOOT_IMAGE=/vmlinuz root=/dev/dm-0 dm-mod.create=") + value + " quiet\n") == initTables);
}

TEST_CASE("a kernel command line is read only at its dm-mod.create= value, with places in the line") {
  auto r = compileAny("ro quiet dm-mod.create=\"a,,,rw,0 8 zero\" splash");
  REQUIRE(r.count(DiagnosticCode::BootStringTarget) == 1);
  CHECK(r.first(DiagnosticCode::BootStringTarget).location.column == 36);
  auto none = compileAny("ro quiet splash");
  CHECK_FALSE(none.ok());
}

TEST_CASE("dmsetup table output: one device a name, problems at their column") {
  auto r = compileAny("a: 0 8 zero\na: 8 8 zero\nb: 0 8 lineer /dev/sda 0\nno name here\n");
  CHECK(r.outcome.model.devices.size() == 2);
  CHECK(r.first(DiagnosticCode::UnknownTarget).location.line == 3);
  CHECK(r.first(DiagnosticCode::UnknownTarget).location.column == 8);
  CHECK(r.first(DiagnosticCode::Syntax).location.line == 4);
  // A name with a colon in it is read whole.
  auto colon = compileAny("a:b: 0 8 zero\n");
  INFO(colon.describe());
  REQUIRE(colon.ok());
  CHECK(colon.outcome.model.devices[0].name == "a:b");
}
