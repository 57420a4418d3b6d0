#include "diagnostics/json_consumer.h"

#include "diagnostics/streamed_json_array.h"
#include "support/display_escape.h"

namespace dmc {

namespace {

// JSON strings must be valid UTF-8: input bytes that are not are shown as \xNN escapes.
std::string safe(std::string_view text) { return isValidUtf8(text) ? std::string(text) : escapeForDisplay(text); }

void addPlace(nlohmann::json& object, DiagnosticEngine& engine, const Location& at) {
  object["file"] = safe(engine.file(at.file).name());
  object["line"] = at.line;
  object["column"] = std::max<uint32_t>(at.column, 1);
  object["end_column"] = std::max<uint32_t>(at.column, 1) + std::max<uint32_t>(at.length, 1);
}

nlohmann::json itemOf(DiagnosticEngine& engine, const Diagnostic& d) {
  nlohmann::json item;
  addPlace(item, engine, d.location);
  item["severity"] = std::string(severityName(d.severity));
  item["code"] = std::string(diagnosticInfo(d.code).code);
  item["message"] = safe(d.message);
  nlohmann::json notes = nlohmann::json::array();
  for (const Note& note : d.notes) {
    nlohmann::json n;
    if (note.hasLocation) addPlace(n, engine, note.location);
    n["severity"] = "note";
    n["message"] = safe(note.message);
    notes.push_back(std::move(n));
  }
  item["notes"] = std::move(notes);
  return item;
}

// The document with its diagnostics left out (the counts are final when it is made).
nlohmann::json documentWith(DiagnosticEngine& engine, nlohmann::json list) {
  nlohmann::json failures = nlohmann::json::array();
  for (const ExecutionFailure& failure : engine.failures())
    failures.push_back({{"kind", failure.kind == ExecutionFailure::Kind::Io ? "io" : "usage"},
                        {"message", safe(failure.message)}});
  return nlohmann::json{{"diagnostics", std::move(list)},
                        {"errors", engine.errorCount()},
                        {"warnings", engine.warningCount()},
                        {"not_shown", engine.droppedCount()},
                        {"failures", std::move(failures)},
                        {"exit_code", engine.exitCode()}};
}

}  // namespace

nlohmann::json diagnosticsToJson(DiagnosticEngine& engine) {
  nlohmann::json list = nlohmann::json::array();
  engine.forEachSorted([&](const Diagnostic& d) { list.push_back(itemOf(engine, d)); });
  return documentWith(engine, std::move(list));
}

void writeJson(DiagnosticEngine& engine, const OutputSink& out) {
  writeWithStreamedArray(documentWith(engine, nlohmann::json::array()), "diagnostics", [&](const auto& add) {
    engine.forEachSorted([&](const Diagnostic& d) { add(itemOf(engine, d)); });
  }, out);
}

std::string renderJson(DiagnosticEngine& engine) {
  std::string text;
  writeJson(engine, [&](std::string_view piece) { text += piece; });
  return text;
}

}  // namespace dmc
