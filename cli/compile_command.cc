// dmc compile FILE: the checked tables in a form the kernel's tools load.
#include <sys/stat.h>

#include <functional>
#include <map>

#include "cli/cli_options.h"
#include "cli/boot_string_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "compiler/compile_source.h"
#include "compiler/lookup_btree.h"
#include "emitters/btree_json_emitter.h"
#include "emitters/dm_init_emitter.h"
#include "emitters/dmsetup_table_emitter.h"
#include "emitters/json_model_emitter.h"
#include "emitters/image_writer.h"
#include "support/atomic_file.h"

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

using Emitter = std::function<std::string(const TableModel&, const CompileCommandOptions&)>;

// A compiled model always has targets that follow each other, so this cannot fail.
std::string emitImage(const TableModel& model, unsigned keysPerNode) {
  std::string error;
  std::optional<std::string> image = buildImage(model, keysPerNode, &error);
  if (!image) throw std::logic_error("image of a compiled model: " + error);
  return std::move(*image);
}

const std::map<std::string, Emitter>& emitters() {
  static const std::map<std::string, Emitter> all = {
      {"table", [](const TableModel& model, const CompileCommandOptions&) { return emitAllTables(model); }},
      {"btree-json", [](const TableModel& model, const CompileCommandOptions& o) { return emitBtreeJson(model, o.keysPerNode); }},
      {"image", [](const TableModel& model, const CompileCommandOptions& o) { return emitImage(model, o.keysPerNode); }},
      {"concise", [](const TableModel& model, const CompileCommandOptions&) { return bootStringOrThrow(emitConcise(model)); }},
      {"dm-mod.create", [](const TableModel& model, const CompileCommandOptions&) { return bootStringOrThrow(emitDmInit(model)); }},
      {"json", [](const TableModel& model, const CompileCommandOptions& o) { return emitJsonModel(model, o.diagnostics.showKeys); }},
  };
  return all;
}

bool isDirectory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// With several devices and -o DIR, each device's table goes to DIR/NAME.table: all or none.
int writeTablesToDirectory(const TableModel& model, const std::string& directory) {
  std::vector<std::string> tables;
  std::vector<PendingFile> files;
  tables.reserve(model.loadOrder.size());
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    tables.push_back(emitDeviceTable(model, device));
    files.push_back(PendingFile{directory + "/" + device.name + ".table", tables.back()});
  }
  std::string problem = writeFilesAtomically(files);
  if (problem.empty()) return kExitOk;
  printError(problem + " (no table was written)");
  return kExitUsage;
}

int runCompile(const CompileCommandOptions& options) {
  std::optional<CompileOptions> compile = makeCompileOptions(options.table);
  if (!compile) return kExitUsage;
  DiagnosticEngine engine;
  applyDiagnosticOptions(engine, options.diagnostics);
  std::optional<uint32_t> file = loadFile(engine, options.file);
  if (!file) return kExitUsage;
  CompileOutcome outcome = compileSource(engine, *file, *compile);
  // Warnings are shown too; nothing is written when there is any error.
  if (engine.errorCount() + engine.warningCount() > 0) printDiagnostics(engine, options.diagnostics, stderr);
  if (!outcome.ok) return kExitInputErrors;
  if (options.emit == "table" && options.output != "-" && isDirectory(options.output))
    return writeTablesToDirectory(outcome.model, options.output);
  std::string problem = writeOutput(options.output, emitters().at(options.emit)(outcome.model, options));
  if (!problem.empty()) {
    printError(problem);
    return kExitUsage;
  }
  return kExitOk;
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
                      "What to write: table (canonical dmsetup tables), btree-json (the kernel's lookup btree of "
                      "each device, one JSON object a line), image (binary image, docs/image-format.md)")
      ->check(CLI::IsMember(kinds))
      ->capture_default_str();
  command->add_option("--keys-per-node", options->keysPerNode,
                      "Btree keys per node for btree-json and image: 8 (64-byte cache lines: x86-64, arm64), "
                      "16 (ppc64), 32 (s390)")
      ->check(CLI::IsMember({8u, 16u, 32u}))
      ->capture_default_str();
  addDiagnosticOptions(*command, options->diagnostics, true);
  addTableOptions(*command, options->table);
  command->callback([options, &exitCode] { exitCode = runCompile(*options); });
}

}  // namespace dmc::cli
