#include "diagnostics/sarif_consumer.h"

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "diagnostics/streamed_json_array.h"
#include "support/display_escape.h"

namespace dmc {

namespace {

constexpr const char* kSrcRoot = "%SRCROOT%";

std::string safe(std::string_view text) { return isValidUtf8(text) ? std::string(text) : escapeForDisplay(text); }

std::string_view levelOf(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

// Names dmc gives inputs that are no file: "<stdin>", "<concise>", "<dm-mod.create>".
bool isNamedInput(std::string_view name) { return name.size() > 2 && name.front() == '<' && name.back() == '>'; }

std::string describeNamedInput(std::string_view name) {
  if (name == "<stdin>") return "standard input";
  if (name == "<concise>") return "a dmsetup --concise string given on the command line";
  if (name == "<dm-mod.create>") return "a dm-mod.create value given on the command line";
  return safe(name);
}

std::string currentDirectory() {
  std::string buffer(4096, '\0');
  if (::getcwd(buffer.data(), buffer.size()) == nullptr) return "/";
  buffer.resize(std::char_traits<char>::length(buffer.c_str()));
  return buffer;
}

std::string directoryUri(std::string directory) {
  if (directory.empty() || directory.back() != '/') directory += '/';
  return "file://" + percentEncodePath(directory);
}

// An artifact's location: relative names against %SRCROOT%, absolute ones as file:/// URIs.
nlohmann::json artifactLocation(std::string_view name, size_t index) {
  nlohmann::json location{{"index", index}};
  if (isNamedInput(name)) {
    location["description"] = {{"text", describeNamedInput(name)}};
    return location;
  }
  if (!name.empty() && name.front() == '/') {
    location["uri"] = "file://" + percentEncodePath(name);
    return location;
  }
  while (name.substr(0, 2) == "./") name.remove_prefix(2);
  location["uri"] = percentEncodePath(name);
  location["uriBaseId"] = kSrcRoot;
  return location;
}

nlohmann::json artifacts(DiagnosticEngine& engine) {
  nlohmann::json list = nlohmann::json::array();
  for (uint32_t i = 0; i < engine.fileCount(); ++i) {
    const std::string& name = engine.file(i).name();
    nlohmann::json artifact;
    if (isNamedInput(name)) artifact["description"] = {{"text", describeNamedInput(name)}};
    else artifact["location"] = artifactLocation(name, i);
    list.push_back(std::move(artifact));
  }
  return list;
}

nlohmann::json physicalLocation(DiagnosticEngine& engine, const Location& at) {
  nlohmann::json location{{"artifactLocation", artifactLocation(engine.file(at.file).name(), at.file)}};
  if (at.line > 0) {
    uint32_t column = std::max<uint32_t>(at.column, 1);
    location["region"] = {{"startLine", at.line},
                          {"startColumn", column},
                          {"endColumn", column + std::max<uint32_t>(at.length, 1)}};
  }
  return location;
}

nlohmann::json rules(const SarifOptions& options) {
  nlohmann::json list = nlohmann::json::array();
  for (const DiagnosticInfo& info : allDiagnostics()) {
    nlohmann::json rule{{"id", std::string(info.code)},
                        {"name", std::string(info.code)},
                        {"shortDescription", {{"text", std::string(info.summary)}}},
                        {"fullDescription", {{"text", fullDescription(info)}}},
                        {"help", {{"text", std::string(info.help)}}},
                        {"defaultConfiguration", {{"level", std::string(levelOf(info.severity))}}}};
    if (!options.helpUriBase.empty()) rule["helpUri"] = options.helpUriBase + std::string(info.code);
    list.push_back(std::move(rule));
  }
  return list;
}

nlohmann::json notification(std::string_view level, std::string message) {
  return {{"level", std::string(level)}, {"message", {{"text", std::move(message)}}}};
}

// What happened to the run itself: I/O and usage problems (exit 2), and diagnostics the cap cut.
nlohmann::json invocation(DiagnosticEngine& engine) {
  nlohmann::json notifications = nlohmann::json::array();
  for (const ExecutionFailure& failure : engine.failures())
    notifications.push_back(notification(
        "error", (failure.kind == ExecutionFailure::Kind::Io ? "I/O error: " : "usage error: ") + safe(failure.message)));
  if (engine.droppedCount() > 0)
    notifications.push_back(notification(
        "warning", fmt::format("{} more diagnostic{} not shown (--max-errors)", engine.droppedCount(),
                               engine.droppedCount() == 1 ? " was" : "s were")));
  nlohmann::json result{{"executionSuccessful", engine.failures().empty()}, {"exitCode", engine.exitCode()}};
  if (!notifications.empty()) result["toolExecutionNotifications"] = std::move(notifications);
  return result;
}

}  // namespace

std::string percentEncodePath(std::string_view path) {
  std::string out;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    out += unreserved ? std::string(1, c) : fmt::format("%{:02X}", byte);
  }
  return out;
}

static nlohmann::json resultOf(DiagnosticEngine& engine, const Diagnostic& d) {
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
  return result;
}

void writeSarif(DiagnosticEngine& engine, const SarifOptions& options, const OutputSink& out) {
  nlohmann::json driver{{"name", "dmc"}, {"version", DMC_VERSION}, {"rules", rules(options)}};
  const std::string root = options.workingDirectory.empty() ? currentDirectory() : options.workingDirectory;
  // Everything but the results is known before they are written (the counts are final).
  nlohmann::json run{{"tool", {{"driver", driver}}},
                     {"invocations", nlohmann::json::array({invocation(engine)})},
                     {"originalUriBaseIds", {{kSrcRoot, {{"uri", directoryUri(root)}}}}},
                     {"artifacts", artifacts(engine)},
                     {"results", nlohmann::json::array()}};
  nlohmann::json sarif{{"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
                       {"version", "2.1.0"},
                       {"runs", nlohmann::json::array({run})}};
  writeWithStreamedArray(sarif, "results", [&](const auto& add) {
    engine.forEachSorted([&](const Diagnostic& d) { add(resultOf(engine, d)); });
  }, out);
}

std::string renderSarif(DiagnosticEngine& engine, const SarifOptions& options) {
  std::string text;
  writeSarif(engine, options, [&](std::string_view piece) { text += piece; });
  return text;
}

}  // namespace dmc
