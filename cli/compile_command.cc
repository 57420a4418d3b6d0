// dmc compile FILE: the checked tables in a form the kernel's tools load.
#include <sys/stat.h>
#include <unistd.h>

#include <functional>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/cli_options.h"
#include "cli/boot_string_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "compiler/compile_source.h"
#include "compiler/lookup_btree.h"
#include "emitters/btree_json_emitter.h"
#include "emitters/dm_init_emitter.h"
#include "emitters/dmsetup_script_emitter.h"
#include "emitters/dmsetup_table_emitter.h"
#include "emitters/json_model_emitter.h"
#include "emitters/image_writer.h"
#include "support/atomic_file.h"
#include "support/display_escape.h"
#include "validator/target_secrets.h"

namespace dmc::cli {

namespace {

struct CompileCommandOptions {
  std::string file;
  std::string output = "-";
  std::string emit = "table";
  unsigned keysPerNode = kDefaultKeysPerNode;  // btree-json and image
  DiagnosticOptions diagnostics;
  TableOptions table;
};

// An emitter that cannot write the model as it is (a boot string's limits) says why in
// `problems`, at the lines of the input; any error among them means nothing is written.
using Emitter =
    std::function<std::string(const TableModel&, const CompileCommandOptions&, std::vector<BootStringProblem>& problems)>;

std::string bootString(BootStringOutput output, std::vector<BootStringProblem>& problems) {
  problems = std::move(output.problems);
  return std::move(output.text);
}

// A compiled model always has targets that follow each other, so this cannot fail.
std::string emitImage(const TableModel& model, unsigned keysPerNode) {
  std::string error;
  std::optional<std::string> image = buildImage(model, keysPerNode, &error);
  if (!image) throw std::logic_error("image of a compiled model: " + error);
  return std::move(*image);
}

const std::map<std::string, Emitter>& emitters() {
  static const std::map<std::string, Emitter> all = {
      {"table", [](const TableModel& model, const CompileCommandOptions&, auto&) { return emitAllTables(model); }},
      {"btree-json", [](const TableModel& model, const CompileCommandOptions& o, auto&) { return emitBtreeJson(model, o.keysPerNode); }},
      {"image", [](const TableModel& model, const CompileCommandOptions& o, auto&) { return emitImage(model, o.keysPerNode); }},
      {"concise", [](const TableModel& model, const CompileCommandOptions&, auto& problems) { return bootString(emitConcise(model), problems); }},
      {"dm-mod.create", [](const TableModel& model, const CompileCommandOptions&, auto& problems) { return bootString(emitDmInit(model), problems); }},
      {"json", [](const TableModel& model, const CompileCommandOptions& o, auto&) { return emitJsonModel(model, o.diagnostics.showKeys); }},
      {"dmsetup-script", [](const TableModel& model, const CompileCommandOptions& o, auto&) { return emitDmsetupScript(model, o.diagnostics.showKeys); }},
  };
  return all;
}

bool deviceHoldsKeys(const TableModel& model, const DeviceEntry& device) {
  for (const TargetEntry& t : device.targets)
    if (paramsHoldKeys(model.typeName(t), model.params(t))) return true;
  return false;
}

bool modelHoldsKeys(const TableModel& model) {
  for (const DeviceEntry& device : model.devices)
    if (deviceHoldsKeys(model, device)) return true;
  return false;
}

// Whether the chosen output carries keys, so its file is made private (0600). The image stores
// a placeholder instead of keys, the btree holds none, and JSON masks them unless asked.
bool outputHoldsKeys(const TableModel& model, const CompileCommandOptions& options) {
  if (options.emit == "image" || options.emit == "btree-json") return false;
  if ((options.emit == "json" || options.emit == "dmsetup-script") && !options.diagnostics.showKeys) return false;
  return modelHoldsKeys(model);
}

// A '#' (possible in a concise or dm-mod.create input) would make the rest of a table line a
// comment: the table could not be read back as it was meant. Reports each; true if any.
bool refuseCommentCharacters(DiagnosticEngine& engine, uint32_t file, const TableModel& model) {
  bool any = false;
  for (const DeviceEntry& device : model.devices) {
    const TargetEntry* t = targetWithCommentCharacter(model, device);
    if (t == nullptr) continue;
    any = true;
    engine
        .report(DiagnosticCode::TableCommentCharacter, Location{file, t->line, t->line ? 1u : 0u, 0},
                fmt::format("device '{}': an argument of this {} target contains '#', which a table file reads as "
                            "the start of a comment; its table cannot be written",
                            device.name, model.typeName(*t)))
        .note("--emit dm-mod.create, json and image keep it as it is");
  }
  return any;
}

// A key written into a boot string ends up where every user can read it: /proc/cmdline for
// dm-mod.create, the shell history and process list for dmsetup --concise.
void warnLiteralKeys(DiagnosticEngine& engine, uint32_t file, const TableModel& model) {
  for (const DeviceEntry& device : model.devices)
    for (const TargetEntry& t : device.targets) {
      const size_t bytes = firstKeyBytes(model.typeName(t), model.params(t));
      if (bytes == 0) continue;
      engine
          .report(DiagnosticCode::BootStringLiteralKey, Location{file, t.line, t.line ? 1u : 0u, 0},
                  fmt::format("device '{}': the {} key is written out in the boot string, where every user can "
                              "read it (/proc/cmdline, the shell history)",
                              device.name, model.typeName(t)))
          .note(fmt::format("load the key into the kernel keyring (keyctl add logon NAME ...) and give "
                            ":{}:logon:NAME in its place",
                            bytes));
    }
}

// A table file holds only targets: dmsetup create loads it read-write, without uuid or minor,
// unless told. Said for each device that has them (read-only for its targets' sake was already
// said by the needs-readonly warning).
void warnAttributesOutsideTable(DiagnosticEngine& engine, uint32_t file, const TableModel& model) {
  for (const DeviceEntry& device : model.devices) {
    std::vector<std::string> attributes, options;
    if (device.readOnly && !device.readOnlyForTargets) {
      attributes.push_back("read-only");
      options.push_back("--readonly");
    }
    if (!device.uuid.empty()) {
      attributes.push_back("uuid " + quoteToken(device.uuid));
      options.push_back("--uuid " + shellQuote(device.uuid));
    }
    if (device.minor) {
      attributes.push_back(fmt::format("minor {}", *device.minor));
      options.push_back(fmt::format("--minor {}", *device.minor));
    }
    if (attributes.empty()) continue;
    engine
        .report(DiagnosticCode::AttributesOutsideTable, Severity::Warning,
                Location{file, device.headerLine, device.headerLine ? 1u : 0u, 0},
                fmt::format("device {} is {}: its table cannot say so, and dmsetup create loads it without them "
                            "unless told",
                            quoteToken(device.name), fmt::join(attributes, ", ")))
        .note(fmt::format("dmsetup create {} {} TABLE_FILE; --emit dmsetup-script writes these commands",
                          shellQuote(device.name), fmt::join(options, " ")));
  }
}

bool isDirectory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// With several devices and -o DIR, each device's table goes to DIR/NAME.table: all or none.
// compile's diagnostics share standard error with nothing else when they are JSON or SARIF, so
// a failure is then only recorded (the document says it); in text it is printed at once.
void recordFailure(DiagnosticEngine& engine, const CompileCommandOptions& options, ExecutionFailure::Kind kind,
                   const std::string& message) {
  if (isMachineFormat(options.diagnostics)) engine.recordFailure(kind, message);
  else reportFailure(engine, kind, message);
}

std::optional<uint32_t> loadInput(DiagnosticEngine& engine, const CompileCommandOptions& options) {
  if (!isMachineFormat(options.diagnostics)) return loadFile(engine, options.file);
  ReadError error;
  std::optional<SourceFile> file = readSourceFile(options.file, error);
  if (!file) {
    engine.recordFailure(ExecutionFailure::Kind::Io, error.message);
    return std::nullopt;
  }
  return engine.addFile(std::move(*file));
}

int writeTablesToDirectory(DiagnosticEngine& engine, const TableModel& model, const CompileCommandOptions& options) {
  const std::string& directory = options.output;
  std::vector<std::string> tables;
  std::vector<PendingFile> files;
  tables.reserve(model.loadOrder.size());
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    tables.push_back(emitDeviceTable(model, device));
    files.push_back(PendingFile{directory + "/" + device.name + ".table", tables.back(), deviceHoldsKeys(model, device)});
  }
  std::string problem = writeFilesAtomically(files);
  if (problem.empty()) return kExitOk;
  recordFailure(engine, options, ExecutionFailure::Kind::Io, problem + " (no table was written)");
  return kExitUsage;
}

int runCompile(const CompileCommandOptions& options) {
  std::optional<CompileOptions> compile = makeCompileOptions(options.table);
  if (!compile) return kExitUsage;
  DiagnosticEngine engine;
  applyDiagnosticOptions(engine, options.diagnostics);
  // Diagnostics go to stderr once, at the end: warnings too, and for JSON and SARIF always, so a
  // run that failed (unreadable input, unwritable output) says so in the format asked for.
  auto finish = [&](int code) {
    if (isMachineFormat(options.diagnostics) || engine.errorCount() + engine.warningCount() > 0)
      printDiagnostics(engine, options.diagnostics, stderr);
    return code;
  };
  // Binary bytes on a terminal scramble it; an image belongs in a file (-o) or a pipe.
  if (options.emit == "image" && options.output == "-" && ::isatty(STDOUT_FILENO)) {
    recordFailure(engine, options, ExecutionFailure::Kind::Usage,
                  "compile: --emit image writes binary data, and standard output is a terminal: give -o FILE, or "
                  "pipe it");
    return finish(kExitUsage);
  }
  std::optional<uint32_t> file = loadInput(engine, options);
  if (!file) return finish(kExitUsage);
  CompileOutcome outcome = compileSource(engine, *file, *compile);
  if (!outcome.ok) return finish(kExitInputErrors);  // nothing is written when there is any error
  const bool writesTables = options.emit == "table" || options.emit == "dmsetup-script";
  if (writesTables && refuseCommentCharacters(engine, *file, outcome.model)) return finish(kExitInputErrors);
  if (options.emit == "table") warnAttributesOutsideTable(engine, *file, outcome.model);
  if (options.emit == "table" && options.output != "-" && isDirectory(options.output))
    return finish(writeTablesToDirectory(engine, outcome.model, options));
  if (options.emit == "concise" || options.emit == "dm-mod.create") warnLiteralKeys(engine, *file, outcome.model);
  std::vector<BootStringProblem> emitProblems;
  std::string text = emitters().at(options.emit)(outcome.model, options, emitProblems);
  // In the engine, so they are masked and formatted like every other diagnostic.
  for (const BootStringProblem& p : emitProblems)
    engine.report(p.code, p.severity, Location{*file, p.line, p.line ? 1u : 0u, 0}, p.message);
  if (engine.hasErrors()) return finish(kExitInputErrors);
  std::string problem = writeOutput(options.output, text, outputHoldsKeys(outcome.model, options));
  if (!problem.empty()) {
    recordFailure(engine, options, ExecutionFailure::Kind::Io, problem);
    return finish(kExitUsage);
  }
  return finish(kExitOk);
}

}  // namespace

void addCompileCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<CompileCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "compile", "Check a table file and write it in a loadable form; nothing is written if it has errors");
  command->add_option("file", options->file, "Input in any form (docs/language.md; '-' for standard input)")->required();
  command->add_option("-o,--output", options->output,
                      "Output file, written atomically ('-': standard output; a directory: one NAME.table a device)")
      ->capture_default_str();
  std::vector<std::string> kinds;
  for (const auto& [name, emitter] : emitters()) kinds.push_back(name);
  command->add_option("--emit", options->emit,
                      "What to write: table (canonical dmsetup tables), dmsetup-script (the dmsetup create commands, "
                      "with --readonly, --uuid, --minor, in load order; keys masked unless --show-keys), concise, "
                      "dm-mod.create, json, btree-json (the kernel's lookup btree of each device, one JSON object a "
                      "line), image (binary image, docs/image-format.md)")
      ->check(CLI::IsMember(kinds))
      ->capture_default_str();
  command->add_option("--keys-per-node", options->keysPerNode,
                      "Btree keys per node for btree-json and image: 8 (64-byte cache lines: x86-64, arm64), "
                      "16 (ppc64), 32 (s390)")
      ->check(CLI::IsMember({8u, 16u, 32u}))
      ->capture_default_str();
  addDiagnosticOptions(*command, options->diagnostics, true);
  addTableOptions(*command, options->table, kAllTableOptions | kReadOnly);
  command->callback([options, &exitCode] { exitCode = runCompile(*options); });
}

}  // namespace dmc::cli
