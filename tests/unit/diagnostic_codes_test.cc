// The diagnostic list is the one source of truth: codes are unique, and documented.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "diagnostics/diagnostic.h"

TEST_CASE("diagnostic codes are unique and kebab-case") {
  std::set<std::string_view> seen;
  for (const dmc::DiagnosticInfo& info : dmc::allDiagnostics()) {
    INFO(info.code);
    CHECK(seen.insert(info.code).second);
    CHECK(info.code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos);
    CHECK(&dmc::diagnosticInfo(info.id) == &info);
  }
}

TEST_CASE("every diagnostic code is documented in docs/diagnostics.md") {
  std::ifstream file(std::string(DMC_SOURCE_DIR) + "/docs/diagnostics.md");
  REQUIRE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  for (const dmc::DiagnosticInfo& info : dmc::allDiagnostics()) {
    INFO(info.code);
    // The row is the list's entry word for word: code, severity, summary, what to do.
    const std::string row = "| `" + std::string(info.code) + "` | " + std::string(dmc::severityName(info.severity)) +
                            " | " + std::string(info.summary) + " | " + std::string(info.help) + " |\n";
    CHECK(text.str().find(row) != std::string::npos);
  }
}

TEST_CASE("every diagnostic has help, and a description that says what its severity means") {
  for (const dmc::DiagnosticInfo& info : dmc::allDiagnostics()) {
    INFO(info.code);
    CHECK(!info.help.empty());
    CHECK(info.help.back() == '.');
    const std::string full = dmc::fullDescription(info);
    CHECK(full.size() > info.summary.size());
    CHECK(full.find(std::string(info.summary.substr(1))) != std::string::npos);
  }
}
