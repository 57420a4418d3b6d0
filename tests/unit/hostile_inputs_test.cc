// Huge and hostile inputs, in memory: the kernel's target limit and one past it, a line with
// 100,000 arguments, numbers with 10,000 digits, a chain of 1,000 stacked devices, reference
// cycles, and names made of control characters and invalid UTF-8. Each must end in a clear
// answer, in bounded time and memory, with every byte shown to a terminal escaped.
// (Files that change while read, full disks and 100 MB files: tests/cli/hostile_*.sh.)
#include <catch2/catch.hpp>

#include <chrono>

#include "fuzz/fuzz_bodies.h"
#include "tests/unit/test_support.h"
#include "validator/kernel_limits.h"

namespace {

using namespace dmc;
using dmc::test::compileText;

// Fails the test if a step takes longer than it should (a hang shows up as a slow test, not
// as a CI timeout). Generous: sanitizer builds are an order of magnitude slower.
class Deadline {
 public:
  explicit Deadline(double seconds) : seconds_(seconds), start_(std::chrono::steady_clock::now()) {}
  ~Deadline() { CHECK(elapsed() < seconds_); }
  double elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  double seconds_;
  std::chrono::steady_clock::time_point start_;
};

std::string targets(size_t count) {
  std::string text;
  text.reserve(count * 20);
  for (size_t i = 0; i < count; ++i) text += std::to_string(i * 8) + " 8 zero\n";
  return text;
}

std::string allText(const test::Compiled& compiled) { return compiled.describe(); }

size_t longestMessage(const test::Compiled& compiled) {
  size_t longest = 0;
  for (const Diagnostic& d : compiled.diagnostics) {
    longest = std::max(longest, d.message.size());
    for (const Note& n : d.notes) longest = std::max(longest, n.message.size());
  }
  return longest;
}

TEST_CASE("a table of 1,048,576 targets, the kernel's limit, is accepted", "[hostile][huge]") {
  Deadline deadline(120);
  const auto compiled = compileText(targets(kernel::kMaxTargets));
  INFO(compiled.describe().substr(0, 2000));
  REQUIRE(compiled.ok());
  const TableModel& model = compiled.outcome.model;
  REQUIRE(model.devices.size() == 1);
  REQUIRE(model.devices[0].targets.size() == kernel::kMaxTargets);
  CHECK(model.devices[0].size() == 8 * kernel::kMaxTargets);
  // The image of the whole table, and lookups at both ends of it.
  std::string error;
  std::optional<std::string> image = buildImage(model, 8, &error);
  REQUIRE(image.has_value());
  std::unique_ptr<ImageReader> reader = ImageReader::fromBuffer(std::move(*image), error);
  REQUIRE(reader != nullptr);
  const SectorLookup lookup(reader->devices()[0].index);
  CHECK(lookup.find(0) == 0);
  CHECK(lookup.find(8 * kernel::kMaxTargets - 1) == kernel::kMaxTargets - 1);
  CHECK(lookup.find(8 * kernel::kMaxTargets) == kNoTarget);
}

TEST_CASE("one target more is refused with the kernel's limit", "[hostile][huge]") {
  Deadline deadline(60);
  CompileOptions verify;
  verify.keepTargets = false;
  const auto compiled = compileText(targets(kernel::kMaxTargets + 1), verify);
  REQUIRE_FALSE(compiled.ok());
  REQUIRE(compiled.count(DiagnosticCode::TooManyTargets) == 1);
  const Diagnostic& d = compiled.first(DiagnosticCode::TooManyTargets);
  CHECK(d.location.line == kernel::kMaxTargets + 1);
  CHECK_THAT(d.message, Catch::Contains("1048576") && Catch::Contains("DM_MAX_TARGETS"));
  CHECK(compiled.diagnostics.size() == 1);  // the one problem, said once
}

TEST_CASE("a line with 100,000 arguments is checked whole", "[hostile][huge]") {
  Deadline deadline(60);
  SECTION("50,000 stripes: 100,002 arguments, a valid table") {
    const size_t stripes = 50000;
    std::string line = "0 " + std::to_string(stripes * 8) + " striped " + std::to_string(stripes) + " 8";
    for (size_t i = 0; i < stripes; ++i) line += " /dev/sda " + std::to_string(i * 8);
    const auto compiled = compileText(line + "\n");
    INFO(allText(compiled).substr(0, 2000));
    CHECK(compiled.ok());
    REQUIRE(compiled.outcome.model.devices[0].targets.size() == 1);
    CHECK(compiled.outcome.model.params(compiled.outcome.model.devices[0].targets[0]).size() > 500000);
  }
  SECTION("100,000 arguments too many: one error, a short message") {
    std::string line = "0 8 linear /dev/sda 0";
    for (size_t i = 0; i < 100000; ++i) line += " extra";
    const auto compiled = compileText(line + "\n");
    CHECK_FALSE(compiled.ok());
    CHECK(compiled.diagnostics.size() <= 3);
    CHECK(longestMessage(compiled) < 1000);
  }
  SECTION("100,000 device headers attributes") {
    std::string header = "device d";
    for (size_t i = 0; i < 100000; ++i) header += " ro";
    const auto compiled = compileText(header + "\n0 8 zero\n");
    CHECK_FALSE(compiled.ok());  // "ro/rw given twice", 99,999 times: counted, not a crash
    CHECK(compiled.count(DiagnosticCode::DuplicateAttribute) == 99999);
  }
}

TEST_CASE("numbers with 10,000 digits", "[hostile][huge]") {
  Deadline deadline(30);
  const std::string nines(10000, '9');
  const std::string zeros(10000, '0');
  SECTION("as a start or length: too large, quoted short") {
    const auto compiled = compileText("0 " + nines + " zero\n" + nines + " 8 zero\n");
    CHECK(compiled.count(DiagnosticCode::NumberTooLarge) == 2);
    CHECK(longestMessage(compiled) < 300);
  }
  SECTION("leading zeros are still the number") {
    const auto compiled = compileText(zeros + " " + zeros + "8 zero\n");
    INFO(allText(compiled));
    CHECK(compiled.ok());
    CHECK(compiled.outcome.model.devices[0].size() == 8);
  }
  SECTION("a fraction of 10,000 digits") {
    CHECK(compileText("device d\n0 1." + zeros + "K zero\n").ok());
    const auto partial = compileText("device d\n0 1." + zeros + "1K zero\n");
    CHECK(partial.count(DiagnosticCode::PartialSector) == 1);
    CHECK(longestMessage(partial) < 300);
  }
  SECTION("as a target argument, a minor, a stripe count") {
    const auto compiled = compileText("device a minor=" + nines + "\n0 8 linear /dev/sda " + nines +
                                      "\n8 8 striped " + nines + " 8 /dev/sda 0\n");
    CHECK_FALSE(compiled.ok());
    CHECK(compiled.diagnostics.size() >= 3);
    CHECK(longestMessage(compiled) < 300);
  }
}

std::string chain(size_t devices, bool closeCycle) {
  std::string text;
  for (size_t i = 0; i < devices; ++i) {
    text += "device d" + std::to_string(i) + "\n";
    if (i + 1 < devices) text += "0 8 linear @d" + std::to_string(i + 1) + " 0\n";
    else text += closeCycle ? "0 8 linear @d0 0\n" : "0 8 zero\n";
  }
  return text;
}

TEST_CASE("a chain of 1,000 stacked devices is ordered", "[hostile][huge]") {
  Deadline deadline(30);
  const size_t devices = 1000;
  const auto compiled = compileText(chain(devices, false));
  INFO(allText(compiled).substr(0, 2000));
  REQUIRE(compiled.ok());
  const TableModel& model = compiled.outcome.model;
  REQUIRE(model.loadOrder.size() == devices);
  // Every device is created after the one it uses: d999 first, d0 last.
  std::vector<size_t> position(devices);
  for (size_t i = 0; i < devices; ++i) position[model.loadOrder[i]] = i;
  for (size_t i = 0; i < devices; ++i)
    for (uint32_t used : model.devices[i].uses) CHECK(position[used] < position[i]);
  CHECK(model.loadOrder.front() == devices - 1);
  CHECK(model.loadOrder.back() == 0);
  // The image keeps the order and the stacking.
  std::string error;
  std::optional<std::string> image = buildImage(model, 8, &error);
  REQUIRE(image.has_value());
  std::unique_ptr<ImageReader> reader = ImageReader::fromBuffer(std::move(*image), error);
  REQUIRE(reader != nullptr);
  CHECK(fuzz::describeModel(reader->toTableModel()) == fuzz::describeModel(model));
}

TEST_CASE("reference cycles are reported once, however long", "[hostile]") {
  Deadline deadline(30);
  SECTION("1,000 devices in one cycle") {
    const auto compiled = compileText(chain(1000, true));
    REQUIRE_FALSE(compiled.ok());
    REQUIRE(compiled.count(DiagnosticCode::ReferenceCycle) == 1);
    CHECK_THAT(compiled.first(DiagnosticCode::ReferenceCycle).message, Catch::Contains("d999 -> d0"));
    CHECK(compiled.outcome.model.loadOrder.empty());  // no device of a cycle can be created
  }
  SECTION("two devices using each other") {
    const auto compiled = compileText("device a\n0 8 linear @b 0\ndevice b\n0 8 linear @a 0\n");
    CHECK(compiled.count(DiagnosticCode::ReferenceCycle) == 1);
  }
  SECTION("a device using itself") {
    const auto compiled = compileText("device a\n0 8 linear @a 0\n");
    CHECK(compiled.count(DiagnosticCode::SelfReference) == 1);
  }
  SECTION("a cycle beside a healthy chain: the chain still orders") {
    const auto compiled = compileText("device a\n0 8 linear @b 0\ndevice b\n0 8 linear @a 0\n"
                                      "device c\n0 8 linear @d 0\ndevice d\n0 8 zero\n");
    CHECK(compiled.count(DiagnosticCode::ReferenceCycle) == 1);
    CHECK(compiled.outcome.model.loadOrder == std::vector<uint32_t>{3, 2});
  }
}

// Every rendering of diagnostics about hostile names: text has no raw control byte and is
// valid UTF-8; JSON and SARIF parse and are valid UTF-8 too.
void checkAllRenderings(const std::string& text, const std::string& fileName) {
  DiagnosticEngine engine;
  const uint32_t file = engine.addFile(SourceFile(fileName, text));
  (void)compileFile(engine, file, CompileOptions{});
  REQUIRE(engine.hasErrors());
  const std::string rendered = renderText(engine, TextStyle{false});
  INFO(escapeForDisplay(rendered));
  for (unsigned char c : rendered) CHECK(((c >= 0x20 && c != 0x7F) || c == '\n' || c == '\t'));
  CHECK(isValidUtf8(rendered));
  CHECK_THAT(rendered, Catch::Contains("\\x1b"));  // shown, escaped
  for (const std::string& machine : {renderJson(engine), renderSarif(engine)}) {
    REQUIRE(nlohmann::json::accept(machine));
    CHECK(isValidUtf8(machine));
    CHECK(machine.find('\x1b') == std::string::npos);
  }
}

TEST_CASE("control characters and invalid UTF-8 are escaped in every diagnostic", "[hostile]") {
  SECTION("in device names, types and arguments") {
    checkAllRenderings(
        "device \x1b]0;owned\x07\n0 8 \x1b[2J 0\n"
        "device \xff\xfe\xc0\x80\n0 8 linear /dev/\x1b[31m\xff 0\n"
        "device tab\there\n0 8 lin\x9b""ear @\x1b 0\n",
        "hostile.dm");
  }
  SECTION("in the file name") {
    checkAllRenderings("0 8 \x1b[2Jzero\n", "evil\x1b]2;title\x07\xff.table");
  }
  SECTION("in a 10,000-byte token, cut for the message") {
    checkAllRenderings("0 8 linear /dev/" + std::string(10000, '\x1b') + " x\n", "long.table");
  }
  SECTION("a UTF-8 sequence cut by the 40-byte quote limit") {
    std::string name;
    for (int i = 0; i < 30; ++i) name += "\xc3\xa9";  // é, two bytes each
    checkAllRenderings("device " + name + "\x1b\n0 8 bogus\n", "cut.dm");
  }
}

}  // namespace
