#include "cli/cli_options.h"

#include <cstdio>
#include <unistd.h>

#include "compiler/compile_source.h"
#include "diagnostics/json_consumer.h"
#include "emitters/image_format.h"
#include "diagnostics/sarif_consumer.h"
#include "diagnostics/text_consumer.h"
#include "grammar/size_literal.h"
#include "support/display_escape.h"
#include "validator/host_device_sizes.h"

namespace dmc::cli {

// --no-warn takes the code of a warning; errors are never silenced.
CLI::Validator warningCodeValidator() {
  return CLI::Validator(
      [](std::string& name) -> std::string {
        for (const DiagnosticInfo& info : allDiagnostics())
          if (info.code == name)
            return info.severity == Severity::Warning ? std::string() : "'" + name + "' is not a warning; errors cannot be silenced";
        return "no diagnostic has the code '" + name + "' (see docs/diagnostics.md)";
      },
      "CODE");
}

void addDiagnosticOptions(CLI::App& command, DiagnosticOptions& options, bool withFormat, bool withShowKeys) {
  if (withFormat) {
    command.add_option("--format", options.format, "Diagnostics format: text, json or sarif (SARIF 2.1.0)")
        ->check(CLI::IsMember({"text", "json", "sarif"}))
        ->capture_default_str();
    command.add_option("--sarif-help-uri-base", options.sarifHelpUriBase,
                       "SARIF: give each rule a helpUri, this URL followed by the rule's code (none by default)")
        ->type_name("URL");
  }
  command.add_option("--color", options.color, "Colour in text output: auto (a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  command.add_option("--max-errors", options.maxErrors, "Show at most N diagnostics (0: all)")->capture_default_str();
  command.add_option("--no-warn", options.silencedWarnings, "Do not report this warning (its code, e.g. shared-sectors). Repeatable")
      ->type_name("CODE")
      ->allow_extra_args(false)  // one value a flag, so a FILE after it stays a file
      ->check(warningCodeValidator());
  command.add_flag("--werror", options.warningsAsErrors,
                   "Report every warning that is not silenced as an error (exit code 1), for CI gates");
  if (withShowKeys) addShowKeysOption(command, options);
}

void addShowKeysOption(CLI::App& command, DiagnosticOptions& options) {
  command.add_flag("--show-keys", options.showKeys,
                   "Show crypt and integrity keys in every output: diagnostics, JSON, dry runs, diffs, status "
                   "(hidden by default)");
}

void applyDiagnosticOptions(DiagnosticEngine& engine, const DiagnosticOptions& options) {
  engine.setLimit(options.maxErrors);
  engine.setShowSecrets(options.showKeys);
  engine.setWarningsAsErrors(options.warningsAsErrors);
  for (const std::string& name : options.silencedWarnings)
    for (const DiagnosticInfo& info : allDiagnostics())
      if (info.code == name) engine.silenceWarning(info.id);
}

void addTableOptions(CLI::App& command, TableOptions& options, unsigned which) {
  if (which & kDeviceSizes)
    command.add_option("--device-size", options.deviceSizes,
                       "Declare an underlying device and its size: PATH=SECTORS (units allowed: /dev/sda=10G). "
                       "Repeatable. With any declared, undeclared devices are errors")
        ->type_name("PATH=SIZE")
        ->allow_extra_args(false);  // one value a flag: "--device-size A=1 FILE" must leave FILE alone
  if (which & kDeviceName)
    command.add_option("--name", options.name, "Device name for a plain table (default: the file name)");
  if (which & kDeviceSizes)
    command.add_flag("--host-devices", options.hostDevices,
                     "Check device areas against the sizes of this machine's block devices (paths and MAJ:MIN); "
                     "a device that does not exist here is an error. --device-size values come first");
  if (which & kKernelProfile)
    addKernelProfileOption(command, options.kernel, "Kernel whose rules apply: 6.1 (Debian 12) or 7.2");
  if (which & kReadOnly)
    command.add_flag("--readonly", options.readOnly,
                     "Load a plain table (or dmsetup table output) read-only, as dmsetup create --readonly; device "
                     "headers and boot strings say it for their own devices (ro)");
}

void addKernelProfileOption(CLI::App& command, std::string& kernel, const std::string& description) {
  command.add_option("--kernel", kernel, description)->check(CLI::IsMember({"6.1", "7.2"}))->capture_default_str();
}

void printError(const std::string& message) { std::fprintf(stderr, "dmc: error: %s\n", escapeForDisplay(message).c_str()); }

void reportFailure(DiagnosticEngine& engine, ExecutionFailure::Kind kind, const std::string& message) {
  printError(message);
  engine.recordFailure(kind, message);
}

bool isMachineFormat(const DiagnosticOptions& options) { return options.format == "json" || options.format == "sarif"; }

std::optional<CompileOptions> makeCompileOptions(const TableOptions& options) {
  CompileOptions compile;
  compile.defaultDeviceName = options.name;
  compile.profile = kernelProfileFromName(options.kernel).value_or(KernelProfile::V6_1);
  compile.readOnly = options.readOnly;
  for (const std::string& declaration : options.deviceSizes) {
    auto equals = declaration.rfind('=');
    if (equals == std::string::npos || equals == 0) {
      printError("--device-size '" + declaration + "': expected PATH=SECTORS, such as /dev/sdb=2097152 or /dev/sdb=1G");
      return std::nullopt;
    }
    SizeLiteral size = parseSizeLiteral(std::string_view(declaration).substr(equals + 1));
    if (size.status != SizeStatus::Ok) {
      printError("--device-size '" + declaration + "': '" + declaration.substr(equals + 1) +
                 "' is not a size in whole sectors (a number, or with a unit: 4K, 10G)");
      return std::nullopt;
    }
    compile.deviceSizes.push_back(DeclaredDeviceSize{declaration.substr(0, equals), size.sectors});
  }
  if (options.hostDevices) compile.sizeSource = std::make_shared<HostDeviceSizes>(compile.deviceSizes);
  return compile;
}

std::optional<uint32_t> loadFile(DiagnosticEngine& engine, const std::string& path) {
  ReadError error;
  std::optional<SourceFile> file = readSourceFile(path, error);
  if (!file) {
    reportFailure(engine, ExecutionFailure::Kind::Io, error.message);
    return std::nullopt;
  }
  return engine.addFile(std::move(*file));
}

namespace {

// A compiled image given as a table: said so once, instead of the NUL byte a table reader finds.
bool refuseImage(DiagnosticEngine& engine, uint32_t file) {
  std::string_view text = engine.file(file).text();
  if (!text.starts_with(std::string_view(kImageMagic.data(), kImageMagic.size()))) return false;
  engine.report(DiagnosticCode::BinaryFile, Location{file, 0, 0, 0},
                "this is a dmc image (dmc compile --emit image), not a table: dmc lookup and dmc whereis read it");
  return true;
}

}  // namespace

bool compileEachFile(DiagnosticEngine& engine, const std::vector<std::string>& paths, const CompileOptions& options,
                     const std::function<void(CompileOutcome&)>& each) {
  bool allRead = true;
  for (const std::string& path : paths) {
    std::optional<uint32_t> file = loadFile(engine, path);
    if (!file) {
      allRead = false;
      continue;
    }
    if (refuseImage(engine, *file)) continue;
    CompileOutcome outcome = compileSource(engine, *file, options);  // any input form (docs/language.md)
    each(outcome);
  }
  return allRead;
}

void printDiagnostics(DiagnosticEngine& engine, const DiagnosticOptions& options, FILE* stream) {
  std::string out;
  if (options.format == "json") out = renderJson(engine);
  else if (options.format == "sarif") out = renderSarif(engine, SarifOptions{options.sarifHelpUriBase, {}});
  else out = renderText(engine, TextStyle{shouldUseColor(fileno(stream), options.color)});
  std::fwrite(out.data(), 1, out.size(), stream);
}

}  // namespace dmc::cli
