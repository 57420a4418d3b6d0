#include "diagnostics/sarif_consumer.h"

#include <nlohmann/json.hpp>

#include "support/display_escape.h"

namespace dmc {

namespace {

std::string safe(std::string_view text) { return isValidUtf8(text) ? std::string(text) : escapeForDisplay(text); }

std::string_view levelOf(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// Code scanning wants repository-relative URIs with forward slashes.
std::string uriOf(std::string_view path) {
  std::string uri = safe(path);
  while (uri.rfind("./", 0) == 0) uri.erase(0, 2);
  return uri;
}

nlohmann::json physicalLocation(DiagnosticEngine& engine, const Location& at) {
  nlohmann::json location{{"artifactLocation", {{"uri", uriOf(engine.file(at.file).name())}}}};
  if (at.line > 0) {
    uint32_t column = std::max<uint32_t>(at.column, 1);
    location["region"] = {{"startLine", at.line},
                          {"startColumn", column},
                          {"endColumn", column + std::max<uint32_t>(at.length, 1)}};
  }
  return location;
}

nlohmann::json rules() {
  nlohmann::json list = nlohmann::json::array();
  for (const DiagnosticInfo& info : allDiagnostics()) {
    list.push_back({{"id", std::string(info.code)},
                    {"name", std::string(info.code)},
                    {"shortDescription", {{"text", std::string(info.summary)}}},
                    {"helpUri", "https://github.com/dmc-project/dmc/blob/main/docs/diagnostics.md"},
                    {"defaultConfiguration", {{"level", std::string(levelOf(info.severity))}}}});
  }
  return list;
}

}  // namespace

std::string renderSarif(DiagnosticEngine& engine) {
  nlohmann::json results = nlohmann::json::array();
  for (const Diagnostic& d : engine.sorted()) {
    nlohmann::json result{{"ruleId", std::string(diagnosticInfo(d.code).code)},
                          {"ruleIndex", static_cast<size_t>(d.code)},
                          {"level", std::string(levelOf(d.severity))},
                          {"message", {{"text", safe(d.message)}}},
                          {"locations", nlohmann::json::array({{{"physicalLocation",
                                                                 physicalLocation(engine, d.location)}}})}};
    nlohmann::json related = nlohmann::json::array();
    int id = 1;
    for (const Note& note : d.notes) {
      nlohmann::json r{{"id", id++}, {"message", {{"text", safe(note.message)}}}};
      r["physicalLocation"] = physicalLocation(engine, note.hasLocation ? note.location : d.location);
      related.push_back(std::move(r));
    }
    if (!related.empty()) result["relatedLocations"] = std::move(related);
    results.push_back(std::move(result));
  }
  nlohmann::json driver{{"name", "dmc"},
                        {"version", DMC_VERSION},
                        {"informationUri", "https://github.com/dmc-project/dmc"},
                        {"rules", rules()}};
  nlohmann::json sarif{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                       {"version", "2.1.0"},
                       {"runs", nlohmann::json::array({{{"tool", {{"driver", driver}}}, {"results", results}}})}};
  return sarif.dump(2) + "\n";
}

}  // namespace dmc
