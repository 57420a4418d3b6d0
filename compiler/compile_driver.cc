#include "compiler/compile_driver.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "compiler/plain_table_policy.h"
#include "compiler/references.h"
#include "grammar/size_literal.h"
#include "grammar/table_reader.h"
#include "support/display_escape.h"
#include "validator/area_overlaps.h"
#include "validator/block_alignment.h"
#include "validator/ctr/arg_text.h"
#include "validator/device_header_rules.h"
#include "validator/disk_declarations.h"
#include "validator/integrity_profiles.h"
#include "validator/kernel_limits.h"
#include "validator/open_modes.h"
#include "validator/read_only_rules.h"
#include "validator/size_fields.h"
#include "validator/stacked_device_facts.h"
#include "validator/structure_checker.h"
#include "validator/target_availability.h"
#include "validator/target_check_context.h"
#include "validator/table_type_rules.h"
#include "validator/target_registry.h"
#include "validator/target_secrets.h"

namespace dmc {

std::string deviceNameFromPath(const std::string& path) {
  std::string name = path;
  auto slash = name.rfind('/');
  if (slash != std::string::npos) name.erase(0, slash + 1);
  auto dot = name.rfind('.');
  if (dot != std::string::npos && dot > 0) name.erase(dot);
  return name.empty() || name == "<stdin>" ? "stdin" : name;
}

namespace {

class FileCompiler final : public LineSink {
 public:
  FileCompiler(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options)
      : engine_(engine),
        file_(fileId),
        options_(options),
        headers_(engine, fileId, options.kernel),
        structure_(engine),
        alignment_(engine),
        plainTable_(engine),
        readOnly_(engine),
        commandLineDisks_(options.deviceSizes),
        disks_(engine, fileId, options.sizeSource ? *options.sizeSource : commandLineDisks_,
               options.sizeSource ? "this machine's (--host-devices)" : "the command line's"),
        fileDisks_(disks_) {
    alignment_.setDeviceFacts(&fileDisks_);
    // About one device area a line: room for lines of 24 bytes, so that a table of short
    // lines does not regrow the vector (a regrowth holds the old and the new copy at once:
    // 1.8x the areas' memory at the peak). Pages never written cost no memory.
    areas_.reserve(engine.file(fileId).text().size() / 24);
  }

  void onLine(const LineSyntax& line) override {
    if (line.kind == LineKind::DeviceHeader) startDevice(line);
    else if (line.kind == LineKind::Target) addTarget(line);
    else if (line.kind == LineKind::DiskDeclaration) disks_.read(line, !model_.devices.empty());
    engine_.settleSecrets(file_, line.line);  // this line's keys are marked (addTarget)
  }

  void onBadLine(uint32_t line) override {
    structure_.loseTrack();
    markUntypedLineSecrets(engine_, file_, line);
    engine_.settleSecrets(file_, line);
  }

  CompileOutcome finish(bool readable) {
    if (readable) {
      if (current_) endDevice();
      else if (model_.devices.empty()) structure_.endDevice(Location{file_, 0, 0, 0});
      references_.resolve(engine_, model_, headerLocations_);
      checkAreas();
    }
    CompileOutcome outcome{std::move(model_), !engine_.hasErrors(), {}};
    outcome.externalDevices = externalDevices(outcome.model);
    return outcome;
  }

 private:
  Location at(uint32_t line, const Token& token) const { return Location{file_, line, token.column, token.length()}; }

  // --- devices -----------------------------------------------------------------------------

  void startDevice(const LineSyntax& line) {
    if (current_) endDevice();
    if (implicitDevice_) {  // made by a target line, so it has one
      engine_.report(DiagnosticCode::TargetOutsideDevice, Location{file_, firstImplicitLine_, 1, 0},
                     "target line before the first 'device' header: in a file with device headers every target "
                     "belongs to a device")
          .note(at(line.line, line.header.keyword), "the first device header is here");
      implicitDevice_ = false;
    }
    DeviceHeader header = headers_.read(line);
    DeviceEntry device;
    device.file = file_;
    device.headerLine = line.line;
    device.name = std::move(header.name);
    device.uuid = std::move(header.uuid);
    device.minor = header.minor;
    const LoadModeSource source = loadModeSource(line.header.origin);
    device.readOnly = source == LoadModeSource::Unstated ? options_.readOnly : header.readOnly;
    beginDevice(std::move(device), source, modeFieldOf(line));
  }

  // Where a header says "rw", if it does (a boot string's flags field).
  Location modeFieldOf(const LineSyntax& line) const {
    for (const Token& attribute : line.header.attributes)
      if (attribute.text == "rw") return at(line.line, attribute);
    return Location{};
  }

  static LoadModeSource loadModeSource(HeaderOrigin origin) {
    switch (origin) {
      case HeaderOrigin::DmcHeader: return LoadModeSource::DeviceHeader;
      case HeaderOrigin::BootString: return LoadModeSource::BootStringFlags;
      case HeaderOrigin::DmsetupOutput: return LoadModeSource::Unstated;
    }
    return LoadModeSource::Unstated;
  }

  void beginDevice(DeviceEntry device, LoadModeSource source, Location modeField = {}) {
    readOnly_.beginDevice(source, device.readOnly, modeField);
    deviceAreasBegin_ = areas_.size();
    headers_.remember(DeviceHeader{device.name, device.uuid, device.minor, device.readOnly}, device.headerLine);
    model_.devices.push_back(std::move(device));
    current_ = static_cast<uint32_t>(model_.devices.size() - 1);
    deviceSizes_.push_back(0);
    headerLocations_.push_back(model_.devices.back().headerLine
                                   ? Location{file_, model_.devices.back().headerLine, 1, 0}
                                   : Location{file_, 0, 0, 0});
    structure_.beginDevice();
    integrityProfiles_.beginDevice();
  }

  void endDevice() {
    structure_.endDevice(headerLocations_[*current_]);
    checkTableTypeRules(engine_, file_, typedLines_, model_.devices[*current_].readOnly, options_.kernel);
    checkOpenModes(engine_, std::span<const DeviceArea>(areas_).subspan(deviceAreasBegin_),
                   model_.devices[*current_].readOnly);
    // What this device shows the devices above it that name it (@name).
    fileDisks_.addDevice(model_.devices[*current_].name, deviceSizes_[*current_], alignment_.tableBlockSize(),
                         zones_.model());
    zones_.reset();
    alignment_.endDevice();
    typedLines_ = {};
    current_.reset();
  }

  // --- targets -----------------------------------------------------------------------------

  std::optional<uint64_t> readSize(uint32_t line, const Token& token, std::string_view what) {
    const SizeLiteral size = parseSizeLiteral(token.text);
    if (size.status == SizeStatus::Ok && size.hasUnit) refuseInPlainTable(line, token, "the size");
    return checkSizeField(engine_, at(line, token), token.text, what, size);
  }

  void refuseInPlainTable(uint32_t line, const Token& token, std::string_view what) {
    if (implicitDevice_) plainTable_.refuse(at(line, token), token.text, what);
  }

  void ensureDevice(const LineSyntax& line) {
    if (current_) return;
    if (!model_.devices.empty()) {
      // Targets after a device ended can only follow a header; this cannot happen, but stay safe.
      engine_.report(DiagnosticCode::TargetOutsideDevice, Location{file_, line.line, 1, 0},
                     "target line outside any device");
    }
    DeviceEntry device;
    device.file = file_;
    device.name = options_.defaultDeviceName.empty() ? deviceNameFromPath(engine_.file(file_).name())
                                                     : options_.defaultDeviceName;
    headers_.checkPlainTableName(device.name, Location{file_, 0, 0, 0},
                                 options_.defaultDeviceName.empty() ? "the file name" : "--name");
    device.readOnly = options_.readOnly;
    implicitDevice_ = true;
    firstImplicitLine_ = line.line;
    beginDevice(std::move(device), LoadModeSource::Unstated);
  }

  // Tables repeat one type line after line: the last known type is reused without a search.
  const TargetType* lookUpType(const LineSyntax& line) {
    if (lastType_ != nullptr && line.target.type.text == lastType_->name) return lastType_;
    const TargetType* type = findKnownType(line);
    if (type != nullptr) lastType_ = type;
    return type;
  }

  const TargetType* findKnownType(const LineSyntax& line) {
    const Token& typeToken = line.target.type;
    Location where = at(line.line, typeToken);
    if (typeToken.length() > kernel::kMaxTypeNameLength) {
      engine_.report(DiagnosticCode::TypeNameTooLong, where,
                     fmt::format("target type name is {} bytes; the kernel allows at most {}", typeToken.length(),
                                 kernel::kMaxTypeNameLength));
      return nullptr;
    }
    const TargetType* type = findTargetType(typeToken.text);
    if (type == nullptr) {
      reportUnknownType(typeToken, where);
      return nullptr;
    }
    const TargetAvailability* availability = availabilityOf(type->name);
    std::optional<std::string> why =
        availability ? whyUnavailable(*availability, options_.kernel.version, options_.kernel.build) : std::nullopt;
    if (why) {
      bool tooNew = options_.kernel.version < availability->since;
      engine_.report(tooNew ? DiagnosticCode::TargetTooNew : DiagnosticCode::TargetNotBuilt, where,
                     fmt::format("{}: the chosen kernel has no such target: {} (see --kernel{})", type->name, *why,
                                 tooNew ? "" : ", --kernel-config"));
      return nullptr;
    }
    return type;
  }

  // A name no upstream kernel has: misspelt (did you mean), or out of tree (--allow-target).
  void reportUnknownType(const Token& typeToken, Location where) {
    const auto& allowed = options_.allowedTargets;
    if (std::find(allowed.begin(), allowed.end(), typeToken.text) != allowed.end()) {
      if (!warnedOutOfTree_.insert(std::string(typeToken.text)).second) return;  // once a type a file
      engine_.report(DiagnosticCode::OutOfTreeTarget, where,
                     fmt::format("{}: out-of-tree target type (--allow-target): its arguments are not checked",
                                 escapeForDisplay(typeToken.text)));
      return;
    }
    std::string suggestion = suggestTargetType(typeToken.text);
    std::string name = escapeForDisplay(typeToken.text);
    engine_.report(DiagnosticCode::UnknownTarget, where,
                   suggestion.empty()
                       ? fmt::format("{}: unknown target type: no upstream kernel has it (an out-of-tree type "
                                     "needs --allow-target {})",
                                     name, name)
                       : fmt::format("{}: unknown target type; did you mean '{}'?", name, suggestion));
  }

  void addTarget(const LineSyntax& line) {
    ensureDevice(line);
    const TargetSyntax& syntax = line.target;
    TargetPlacement placement;
    placement.line = line.line;
    placement.startLocation = at(line.line, syntax.start);
    placement.lengthLocation = at(line.line, syntax.length);
    placement.start = syntax.start.text == "*" ? structure_.expectedStart() : readSize(line.line, syntax.start, "start");
    placement.length = readSize(line.line, syntax.length, "length");
    if (syntax.start.text == "*") refuseInPlainTable(line.line, syntax.start, "the start");
    structure_.add(placement);

    const TargetType* type = lookUpType(line);
    markLineSecrets(engine_, file_, line.line, syntax, type);
    typedLines_.add(TypedLine{line.line, line.target.type.column, type});
    DeviceEntry& device = model_.devices[*current_];
    if (type != nullptr) {
      readOnly_.addTarget(*type, at(line.line, syntax.type));
      device.readOnly = readOnly_.readOnly();
      device.readOnlyForTargets = readOnly_.readOnlyForTargets();
    }
    TargetCheckEnvironment environment{&options_.kernel, device.readOnly, type, &fileDisks_};
    TargetCheckContext context(engine_, file_, line.line, syntax, placement.length.value_or(0), environment, areas_);
    const size_t areasBefore = areas_.size();
    // The kernel refuses a zero-length line before its constructor runs: so does dmc.
    if (type != nullptr && type->check != nullptr && placement.length.value_or(0) > 0) type->check(context);
    if (!context.failed() && placement.start && placement.length) {
      alignment_.addTarget(AlignedTarget{syntax.type.text, context.logicalBlockSize(), line.line, *placement.start,
                                         *placement.length, at(line.line, syntax.type), placement.lengthLocation,
                                         static_cast<uint32_t>(structure_.targetCount() - 1),
                                         context.replacesDeviceBlocks()},
                           std::span<const DeviceArea>(areas_).subspan(areasBefore));
    }
    if (!context.failed()) zones_.addTarget(std::span<const DeviceArea>(areas_).subspan(areasBefore), fileDisks_);
    integrityProfiles_.addTarget(context.failed() ? std::nullopt : context.integrityOffer());
    if (!context.failed() && context.integrityNeed()) integrityProfiles_.need(*context.integrityNeed());
    for (const auto& [index, value] : context.resolvedArgs())
      refuseInPlainTable(line.line, syntax.args[index], "the size");
    recordReferences(line);
    storeTarget(line, placement, context);
  }

  void recordReferences(const LineSyntax& line) {
    for (const Token& arg : line.target.args)
      if (arg.text.size() > 1 && arg.text.front() == '@') {
        refuseInPlainTable(line.line, arg, "the device reference");
        references_.add(*current_, arg.text.substr(1), at(line.line, arg));
      }
  }

  void storeTarget(const LineSyntax& line, const TargetPlacement& placement, const TargetCheckContext& context) {
    if (placement.start && placement.length) deviceSizes_[*current_] = *placement.start + *placement.length;
    if (!options_.keepTargets) return;
    TargetEntry entry;
    entry.start = placement.start.value_or(0);
    entry.length = placement.length.value_or(0);
    entry.line = line.line;
    entry.typeId = model_.internType(line.target.type.text);
    storeParams(line.target, context, entry);
    model_.devices[*current_].targets.push_back(entry);
  }

  // Canonical parameters: single spaces, units resolved to sectors, @name to its device node.
  void storeParams(const TargetSyntax& syntax, const TargetCheckContext& context, TargetEntry& entry) {
    std::string& buffer = model_.paramsBuffer();
    entry.paramsOffset = buffer.size();
    const auto& resolved = context.resolvedArgs();
    for (size_t i = 0; i < syntax.args.size(); ++i) {
      if (i > 0) buffer += ' ';
      std::string_view text = syntax.args[i].text;
      auto replacement = std::find_if(resolved.begin(), resolved.end(), [&](auto& r) { return r.first == i; });
      if (replacement != resolved.end()) fmt::format_to(std::back_inserter(buffer), "{}", replacement->second);
      else if (text.size() > 1 && text.front() == '@') buffer.append("/dev/mapper/").append(text.substr(1));
      else buffer.append(text);
    }
    entry.paramsSize = static_cast<uint32_t>(buffer.size() - entry.paramsOffset);
  }

  // --- after the whole file ------------------------------------------------------------------

  std::vector<std::string> externalDevices(const TableModel& model) const {
    std::vector<std::string> devices;
    // Areas name few devices many times: each name is judged once (a table over a thousand
    // disks would otherwise compare every area with every disk).
    std::unordered_set<std::string_view> seen;
    for (const DeviceArea& area : areas_) {
      std::string_view device = area.device();
      if (device.empty() || device.front() == '@' || !seen.insert(device).second) continue;
      if (std::string_view name = mapperName(device); !name.empty()) {
        auto sameFile = [&](const DeviceEntry& d) { return d.name == name; };
        if (std::any_of(model.devices.begin(), model.devices.end(), sameFile)) continue;
      }
      devices.emplace_back(device);
    }
    return devices;
  }

  void checkAreas() {
    checkDeviceAreas(engine_, areas_, disks_, [&](std::string_view name) -> std::optional<uint64_t> {
      std::optional<uint32_t> index = findDevice(model_, name);
      if (!index) return std::nullopt;
      return deviceSizes_[*index];
    });
    checkAreaOverlaps(engine_, areas_);
    integrityProfiles_.check(engine_, disks_, [&](std::string_view name) { return findDevice(model_, name); });
  }

  DiagnosticEngine& engine_;
  uint32_t file_;
  const CompileOptions& options_;
  DeviceHeaderRules headers_;
  StructureChecker structure_;
  BlockAlignmentChecker alignment_;
  PlainTablePolicy plainTable_;
  ReadOnlyRules readOnly_;
  DeclaredSizes commandLineDisks_;  // --device-size, --logical-block-size
  DiskDeclarations disks_;          // the file's disk lines over the command line's or the machine's facts
  StackedDeviceFacts fileDisks_;    // ... and the devices of the file read so far (@name)
  DeviceZoneStack zones_;           // the current device's zone model
  IntegrityProfileRules integrityProfiles_;
  size_t deviceAreasBegin_ = 0;  // the current device's first area
  TableModel model_;
  std::optional<uint32_t> current_;
  std::vector<Location> headerLocations_;
  bool implicitDevice_ = false;
  uint32_t firstImplicitLine_ = 0;
  DeviceReferences references_;
  std::vector<DeviceArea> areas_;
  TableLines typedLines_;  // the current device's lines that the whole-table type rules can tell apart
  std::vector<uint64_t> deviceSizes_;  // end of each device's last target, kept even when targets are not
  const TargetType* lastType_ = nullptr;  // the last type found (and available in the chosen kernel)
  std::unordered_set<std::string> warnedOutOfTree_;
};

}  // namespace

CompileOutcome compileFile(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options) {
  return compileLines(engine, fileId, options, [&](LineSink& sink) { return readTable(engine, fileId, sink); });
}

CompileOutcome compileLines(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options,
                            const std::function<bool(LineSink&)>& read) {
  size_t errorsBefore = engine.errorCount();
  FileCompiler compiler(engine, fileId, options);
  bool readable = read(compiler);
  CompileOutcome outcome = compiler.finish(readable);
  outcome.ok = engine.errorCount() == errorsBefore;
  return outcome;
}

}  // namespace dmc
