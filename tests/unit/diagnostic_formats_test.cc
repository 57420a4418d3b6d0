// The three consumers: text with carets, JSON and SARIF with their required fields.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compiler/compile_driver.h"
#include "diagnostics/expectation_verifier.h"
#include "diagnostics/json_consumer.h"
#include "diagnostics/sarif_consumer.h"
#include "diagnostics/text_consumer.h"

namespace {

dmc::DiagnosticEngine compiled(const std::string& text, const std::string& name = "t.table") {
  dmc::DiagnosticEngine engine;
  uint32_t file = engine.addFile(dmc::SourceFile(name, text));
  dmc::compileFile(engine, file, {});
  return engine;
}

}  // namespace

TEST_CASE("text: location, severity, code, source line and underline") {
  auto engine = compiled("0 100 zero\n108 8 zero\n");
  std::string text = dmc::renderText(engine, {false});
  CHECK_THAT(text, Catch::StartsWith("t.table:2:1: error: gap of 8 sectors"));
  CHECK_THAT(text, Catch::Contains("[gap]\n108 8 zero\n^~~\n"));
  CHECK_THAT(text, Catch::Contains("1 error and 0 warnings generated."));
  CHECK(text.find('\033') == std::string::npos);
  CHECK(dmc::renderText(engine, {true}).find("\033[1;31merror:") != std::string::npos);
}

TEST_CASE("text: control characters and invalid UTF-8 are escaped") {
  auto engine = compiled("0 8 lin\x1b[2Jear\xff\n");
  std::string text = dmc::renderText(engine, {false});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\xff') == std::string::npos);
  CHECK_THAT(text, Catch::Contains("\\x1b[2J"));
}

TEST_CASE("json: required fields, 1-based") {
  auto engine = compiled("0 100 zero\n108 8 zero\n");
  auto json = nlohmann::json::parse(dmc::renderJson(engine));
  REQUIRE(json["diagnostics"].size() == 1);
  auto d = json["diagnostics"][0];
  CHECK(d["file"] == "t.table");
  CHECK(d["line"] == 2);
  CHECK(d["column"] == 1);
  CHECK(d["severity"] == "error");
  CHECK(d["code"] == "gap");
  CHECK(d["message"].get<std::string>().find("gap of 8") != std::string::npos);
  CHECK(json["errors"] == 1);
}

TEST_CASE("json stays valid UTF-8 whatever the input") {
  auto engine = compiled("0 8 x\xff\xfe 1\n");
  CHECK_NOTHROW(nlohmann::json::parse(dmc::renderJson(engine)));
}

TEST_CASE("sarif: the fields GitHub code scanning requires") {
  auto engine = compiled("0 100 zero\n108 8 zero\n", "./tables/t.table");
  auto sarif = nlohmann::json::parse(dmc::renderSarif(engine));
  CHECK(sarif["version"] == "2.1.0");
  CHECK(sarif["$schema"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
  REQUIRE(sarif["runs"].size() == 1);
  auto run = sarif["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "dmc");
  auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(run["results"].size() == 1);
  auto result = run["results"][0];
  CHECK(result["ruleId"] == "gap");
  CHECK(rules[result["ruleIndex"].get<size_t>()]["id"] == "gap");
  CHECK(result["level"] == "error");
  CHECK(!result["message"]["text"].get<std::string>().empty());
  auto location = result["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "tables/t.table");
  CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
  CHECK(run["invocations"][0]["exitCode"] == 1);
  CHECK_FALSE(run["tool"]["driver"].contains("informationUri"));
  CHECK_FALSE(rules[0].contains("helpUri"));
  CHECK(location["region"]["startLine"] == 2);
  CHECK(location["region"]["startColumn"] == 1);
  CHECK(result["relatedLocations"].size() == 2);
}

TEST_CASE("sarif: names are percent-encoded relative references, or file URIs when absolute") {
  CHECK(dmc::percentEncodePath("a#b%.table") == "a%23b%25.table");
  CHECK(dmc::percentEncodePath("../sub dir/x.table") == "../sub%20dir/x.table");
  CHECK(dmc::percentEncodePath("\xff?") == "%FF%3F");
  auto engine = compiled("0 100 zero\n108 8 zero\n", "/abs path/t#1.table");
  auto sarif = nlohmann::json::parse(dmc::renderSarif(engine, dmc::SarifOptions{"https://x.example/d#", "/w"}));
  auto run = sarif["runs"][0];
  auto location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
  CHECK(location["uri"] == "file:///abs%20path/t%231.table");
  CHECK_FALSE(location.contains("uriBaseId"));
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///w/");
  CHECK(run["tool"]["driver"]["rules"][0]["helpUri"] == "https://x.example/d#binary-file");
}

TEST_CASE("json and sarif say when the run failed, and why") {
  dmc::DiagnosticEngine engine;
  engine.recordFailure(dmc::ExecutionFailure::Kind::Io, "t.table: cannot open");
  CHECK(engine.exitCode() == 2);
  auto json = nlohmann::json::parse(dmc::renderJson(engine));
  CHECK(json["exit_code"] == 2);
  CHECK(json["failures"][0]["kind"] == "io");
  auto sarif = nlohmann::json::parse(dmc::renderSarif(engine));
  auto invocation = sarif["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  CHECK(invocation["toolExecutionNotifications"][0]["message"]["text"] == "I/O error: t.table: cannot open");
}

TEST_CASE("the cap keeps counting but stores no more") {
  std::string table;
  for (int i = 0; i < 50; ++i) table += "0 8 zero\n";  // 49 overlaps
  dmc::DiagnosticEngine engine;
  engine.setLimit(10);
  uint32_t file = engine.addFile(dmc::SourceFile("t", table));
  dmc::compileFile(engine, file, {});
  CHECK(engine.diagnostics().size() == 10);
  CHECK(engine.errorCount() == 49);
  CHECK(engine.droppedCount() == 39);
  CHECK_THAT(dmc::renderText(engine, {false}), Catch::Contains("39 more diagnostics not shown"));
}

TEST_CASE("past the cap, shared-sector warnings are counted exactly as when all are kept") {
  std::string table;
  for (int i = 0; i < 30; ++i) table += fmt::format("{} 8 linear /dev/sda 0\n", i * 8);  // 29 shared
  auto run = [&](size_t limit) {
    dmc::DiagnosticEngine engine;
    engine.setLimit(limit);
    dmc::compileFile(engine, engine.addFile(dmc::SourceFile("t", table)), {});
    return engine;
  };
  dmc::DiagnosticEngine all = run(0), capped = run(5);
  CHECK(all.warningCount() == 29);
  CHECK(capped.warningCount() == 29);
  CHECK(capped.droppedCount() == 24);
  REQUIRE(capped.diagnostics().size() == 5);
  for (size_t i = 0; i < 5; ++i) CHECK(capped.diagnostics()[i].message == all.diagnostics()[i].message);
}

TEST_CASE("wouldKeep says what report() would store; count() counts like a dropped report()") {
  dmc::DiagnosticEngine engine;
  engine.setLimit(1);
  engine.silenceWarning(dmc::DiagnosticCode::SharedSectors);
  CHECK_FALSE(engine.wouldKeep(dmc::DiagnosticCode::SharedSectors, dmc::Severity::Warning, {}));
  engine.count(dmc::DiagnosticCode::SharedSectors, dmc::Severity::Warning, {});  // silenced: not counted
  CHECK(engine.warningCount() == 0);
  CHECK(engine.wouldKeep(dmc::DiagnosticCode::Gap, dmc::Severity::Error, {}));
  engine.report(dmc::DiagnosticCode::Gap, dmc::Location{}, "kept");
  CHECK_FALSE(engine.wouldKeep(dmc::DiagnosticCode::Gap, dmc::Severity::Error, {}));
  engine.count(dmc::DiagnosticCode::Gap, dmc::Severity::Error, {});
  CHECK(engine.errorCount() == 2);
  CHECK(engine.droppedCount() == 1);
  CHECK(engine.diagnostics().size() == 1);
}

TEST_CASE("--werror: a promoted warning is counted as an error, its own notes first, then why") {
  dmc::DiagnosticEngine engine;
  engine.setWarningsAsErrors(true);
  engine.report(dmc::DiagnosticCode::SharedSectors, dmc::Severity::Warning, {}, "shared")
      .note("first note of the check")
      .note("second note of the check");
  CHECK(engine.errorCount() == 1);
  CHECK(engine.warningCount() == 0);
  REQUIRE(engine.diagnostics().size() == 1);
  const std::vector<dmc::Note>& notes = engine.diagnostics()[0].notes;
  REQUIRE(notes.size() == 3);
  CHECK(notes[0].message == "first note of the check");
  CHECK(notes[1].message == "second note of the check");
  CHECK(notes[2].message == "a warning, made an error by --werror");
  CHECK(engine.diagnostics()[0].severity == dmc::Severity::Error);
}

TEST_CASE("findDiagnostic finds a diagnostic by its code, and nothing for an unknown code") {
  const dmc::DiagnosticInfo* info = dmc::findDiagnostic("shared-sectors");
  REQUIRE(info != nullptr);
  CHECK(info->id == dmc::DiagnosticCode::SharedSectors);
  CHECK(dmc::findDiagnostic("no-such-code") == nullptr);
  CHECK(dmc::findDiagnostic("") == nullptr);
}

TEST_CASE("expectations: met, unmet and unexpected") {
  auto met = compiled("0 8 zero\n16 8 zero  # expected-error {{gap of 8 sectors}}\n");
  CHECK(dmc::verifyExpectations(met));
  auto unmet = compiled("0 8 zero  # expected-error {{gap}}\n");
  CHECK_FALSE(dmc::verifyExpectations(unmet));
  CHECK(unmet.diagnostics().at(0).code == dmc::DiagnosticCode::UnmetExpectation);
  auto unexpected = compiled("0 8 zero\n16 8 zero\n");
  CHECK_FALSE(dmc::verifyExpectations(unexpected));
  CHECK(unexpected.diagnostics().at(0).code == dmc::DiagnosticCode::UnexpectedDiagnostic);
  auto relative = compiled("0 8 zero\n# expected-error@+1:1 {{[gap]}}\n16 8 zero\n");
  CHECK(dmc::verifyExpectations(relative));
  auto wrongColumn = compiled("0 8 zero\n# expected-error@+1:2 {{[gap]}}\n16 8 zero\n");
  CHECK_FALSE(dmc::verifyExpectations(wrongColumn));
}
