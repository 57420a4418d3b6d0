#include "cli/cli_options.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include <fmt/format.h>

#include "compiler/compile_source.h"
#include "diagnostics/json_consumer.h"
#include "emitters/image_format.h"
#include "diagnostics/sarif_consumer.h"
#include "diagnostics/text_consumer.h"
#include "grammar/size_literal.h"
#include "kernel/live_kernel_probe.h"
#include "support/display_escape.h"
#include "validator/host_device_sizes.h"
#include "validator/kernel_rule_sets.h"
#include "validator/logical_block_size.h"

namespace dmc::cli {

// --no-warn takes the code of a warning; errors are never silenced.
CLI::Validator warningCodeValidator() {
  return CLI::Validator(
      [](std::string& name) -> std::string {
        const DiagnosticInfo* info = findDiagnostic(name);
        if (!info) return "no diagnostic has the code '" + name + "' (see docs/diagnostics.md)";
        return info->severity == Severity::Warning ? std::string() : "'" + name + "' is not a warning; errors cannot be silenced";
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
    if (const DiagnosticInfo* info = findDiagnostic(name)) engine.silenceWarning(info->id);
}

void addTableOptions(CLI::App& command, TableOptions& options, unsigned which) {
  if (which & kDeviceSizes)
    command.add_option("--device-size", options.deviceSizes,
                       "Declare an underlying device and its size: PATH=SECTORS (units allowed: /dev/sda=10G). "
                       "Repeatable. With any declared, undeclared devices are errors")
        ->type_name("PATH=SIZE")
        ->allow_extra_args(false);  // one value a flag: "--device-size A=1 FILE" must leave FILE alone
  if (which & kDeviceSizes)
    command.add_option("--logical-block-size", options.logicalBlockSizes,
                       "Declare an underlying device's logical block size in bytes: PATH=BYTES (/dev/sdb=4096, a "
                       "4Kn disk). Repeatable. Device areas on it must then be aligned to it")
        ->type_name("PATH=BYTES")
        ->allow_extra_args(false);
  if (which & kDeviceName)
    command.add_option("--name", options.name, "Device name for a plain table (default: the file name)");
  if (which & kDeviceSizes)
    command.add_flag("--host-devices", options.hostDevices,
                     "Check device areas against this machine's block devices (paths and MAJ:MIN): their sizes, "
                     "logical block sizes, zone models and integrity profiles, read through sysfs when a node "
                     "cannot be opened; a device that does not exist here is an error. Superblocks on them are "
                     "read too: a verity table is compared with its hash device's, an integrity table with its "
                     "dm-integrity superblock. --device-size and --logical-block-size values come first");
  if (which & kKernelProfile) {
    addKernelProfileOption(command, options.kernel,
                           "Kernel whose rules apply: a version such as 5.10, 6.6 or 6.12.3 (the nearest rule set at "
                           "or below it; 6.1 is Debian 12's), or live (this machine's kernel and its targets)");
    command.add_option("--kernel-config", options.kernelConfig,
                       "The kernel build's config (.config or /boot/config-VERSION): which targets it has "
                       "(CONFIG_DM_*=y or m). Default: Debian 12's build for 6.1, every upstream target otherwise")
        ->type_name("FILE");
    command.add_option("--allow-target", options.allowedTargets,
                       "Accept this out-of-tree target type (bow, default-key, a vendor module...) with a warning "
                       "that its arguments are not checked. Repeatable")
        ->type_name("NAME")
        ->allow_extra_args(false);
  }
  if (which & kReadOnly)
    command.add_flag("--readonly", options.readOnly,
                     "Load a plain table (or dmsetup table output) read-only, as dmsetup create --readonly; device "
                     "headers and boot strings say it for their own devices (ro)");
}

// Any major.minor (with a patch level or suffix, as uname -r prints it) or live. The listed
// versions are the long-term kernels, offered by completion.
CLI::Validator kernelVersionValidator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (text == "live" || parseKernelVersion(text)) return std::string();
        return "'" + text + "' is not a kernel version (such as 6.1, 6.12 or 6.1.0-57-amd64) or live";
      },
      "{5.4,5.10,5.15,6.1,6.6,6.12,7.2,live}");
}

void addKernelProfileOption(CLI::App& command, std::string& kernel, const std::string& description) {
  command.add_option("--kernel", kernel, description)->check(kernelVersionValidator())->capture_default_str();
}

namespace {

// A version's rule set, or why dmc has none for it.
std::optional<KernelVersion> chooseRuleSet(const std::string& text) {
  std::optional<KernelVersion> version = parseKernelVersion(text);
  if (!version) {
    printError("--kernel '" + text + "': not a kernel version (such as 6.1, 6.12 or 6.1.0-57-amd64) or live");
    return std::nullopt;
  }
  std::optional<KernelVersion> rules = ruleSetFor(*version);
  if (!rules) {
    printError(fmt::format("--kernel {}: dmc's rules start at kernel {}", text, kernelVersionName(kOldestModelledKernel)));
    return std::nullopt;
  }
  if (*version > kNewestModelledKernel)
    std::fprintf(stderr, "dmc: note: kernel %s is newer than any dmc knows; the rules of %s apply\n", text.c_str(),
                 kernelVersionName(kNewestModelledKernel).c_str());
  return rules;
}

}  // namespace

std::optional<KernelChoice> resolveKernelChoice(const std::string& kernel, const std::string& configPath,
                                                std::vector<std::string>* outOfTree) {
  std::optional<KernelChoice> choice;
  if (kernel == "live") {
    std::string error;
    std::optional<LiveKernel> live = probeLiveKernel(error);
    if (!live) {
      printError("--kernel live: " + error);
      return std::nullopt;
    }
    for (const std::string& note : live->notes) std::fprintf(stderr, "dmc: note: --kernel live: %s\n", note.c_str());
    if (outOfTree) outOfTree->insert(outOfTree->end(), live->outOfTree.begin(), live->outOfTree.end());
    choice = std::move(live->choice);
  } else {
    std::optional<KernelVersion> rules = chooseRuleSet(kernel);
    if (!rules) return std::nullopt;
    choice = KernelChoice::of(*parseKernelVersion(kernel));  // the build that version means (6.1: Debian's)
    choice->version = *rules;
  }
  if (configPath.empty()) return choice;
  ReadError error;
  std::optional<SourceFile> file = readSourceFile(configPath, error);
  if (!file) {
    printError("--kernel-config: " + error.message);
    return std::nullopt;
  }
  std::string why;
  std::optional<KernelBuild> build = KernelBuild::fromConfig(file->text(), "the build of " + configPath, why);
  if (!build) {
    printError("--kernel-config " + configPath + ": " + why);
    return std::nullopt;
  }
  choice->build = std::move(*build);
  return choice;
}

void printError(const std::string& message) { std::fprintf(stderr, "dmc: error: %s\n", escapeForDisplay(message).c_str()); }

void reportFailure(DiagnosticEngine& engine, ExecutionFailure::Kind kind, const std::string& message) {
  printError(message);
  engine.recordFailure(kind, message);
}

bool isMachineFormat(const DiagnosticOptions& options) { return options.format == "json" || options.format == "sarif"; }

namespace {

// --logical-block-size PATH=BYTES: a power of two from 512 to 64K, the block layer's range.
bool addLogicalBlockSizes(const std::vector<std::string>& values, std::vector<DeclaredDeviceSize>& devices) {
  for (const std::string& value : values) {
    auto equals = value.rfind('=');
    const std::string number = equals == std::string::npos ? "" : value.substr(equals + 1);
    char* end = nullptr;
    const unsigned long bytes = number.empty() ? 0 : std::strtoul(number.c_str(), &end, 10);
    const bool digits = !number.empty() && number.find_first_not_of("0123456789") == std::string::npos;
    if (equals == std::string::npos || equals == 0 || !digits || !isLogicalBlockSize(bytes)) {
      printError("--logical-block-size '" + value +
                 "': expected PATH=BYTES with BYTES a power of two from 512 to 65536, such as /dev/sdb=4096");
      return false;
    }
    const std::string path = value.substr(0, equals);
    auto same = std::find_if(devices.begin(), devices.end(), [&](const DeclaredDeviceSize& d) { return d.path == path; });
    if (same == devices.end()) same = devices.insert(devices.end(), DeclaredDeviceSize{path, std::nullopt});
    same->traits.logicalBlockSize = static_cast<uint32_t>(bytes);
  }
  return true;
}

}  // namespace

std::optional<CompileOptions> makeCompileOptions(const TableOptions& options) {
  CompileOptions compile;
  compile.defaultDeviceName = options.name;
  compile.allowedTargets = options.allowedTargets;
  std::optional<KernelChoice> kernel = resolveKernelChoice(options.kernel, options.kernelConfig, &compile.allowedTargets);
  if (!kernel) return std::nullopt;
  compile.kernel = std::move(*kernel);
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
  if (!addLogicalBlockSizes(options.logicalBlockSizes, compile.deviceSizes)) return std::nullopt;
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
  // Written as it is made: millions of diagnostics are never one string in memory.
  const OutputSink out = [stream](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stream); };
  if (options.format == "json") writeJson(engine, out);
  else if (options.format == "sarif") writeSarif(engine, SarifOptions{options.sarifHelpUriBase, {}}, out);
  else writeText(engine, TextStyle{shouldUseColor(fileno(stream), options.color)}, out);
}

}  // namespace dmc::cli
