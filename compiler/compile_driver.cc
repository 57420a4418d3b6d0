#include "compiler/compile_driver.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "compiler/device_graph.h"
#include "grammar/size_literal.h"
#include "grammar/table_reader.h"
#include "support/display_escape.h"
#include "support/edit_distance.h"
#include "validator/area_overlaps.h"
#include "validator/block_alignment.h"
#include "validator/host_device_sizes.h"
#include "validator/kernel_limits.h"
#include "validator/kernel_number.h"
#include "validator/structure_checker.h"
#include "validator/target_check_context.h"
#include "validator/table_type_rules.h"
#include "validator/target_registry.h"

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

// An @name argument: where it is, and which device's table it is in.
struct Reference {
  uint32_t fromDevice;
  std::string_view name;
  Location location;
};

class FileCompiler final : public LineSink {
 public:
  FileCompiler(DiagnosticEngine& engine, uint32_t fileId, const CompileOptions& options)
      : engine_(engine), file_(fileId), options_(options), structure_(engine), alignment_(engine) {
    // About one device area a line in typical tables (40 bytes a line): avoid regrowing.
    areas_.reserve(engine.file(fileId).text().size() / 40);
  }

  void onLine(const LineSyntax& line) override {
    if (line.kind == LineKind::DeviceHeader) startDevice(line);
    else if (line.kind == LineKind::Target) addTarget(line);
  }

  void onBadLine(uint32_t /*line*/) override { structure_.loseTrack(); }

  CompileOutcome finish(bool readable) {
    if (readable) {
      if (current_) endDevice();
      else if (model_.devices.empty()) structure_.endDevice(Location{file_, 0, 0, 0});
      resolveReferences();
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
    DeviceEntry device;
    device.file = file_;
    device.headerLine = line.line;
    device.name = std::string(line.header.name.text);
    checkDeviceName(line, device.name);
    readAttributes(line, device);
    checkDuplicates(line, device);
    beginDevice(std::move(device));
  }

  void beginDevice(DeviceEntry device) {
    model_.devices.push_back(std::move(device));
    current_ = static_cast<uint32_t>(model_.devices.size() - 1);
    deviceSizes_.push_back(0);
    headerLocations_.push_back(model_.devices.back().headerLine
                                   ? Location{file_, model_.devices.back().headerLine, 1, 0}
                                   : Location{file_, 0, 0, 0});
    structure_.beginDevice();
  }

  void endDevice() {
    structure_.endDevice(headerLocations_[*current_]);
    checkTableTypeRules(engine_, file_, typedLines_, model_.devices[*current_].readOnly, options_.profile);
    alignment_.endDevice();
    typedLines_ = {};  // free it: a million-line table's list is not needed by the next device
    current_.reset();
  }

  void checkDeviceName(const LineSyntax& line, const std::string& name) {
    Location where = at(line.line, line.header.name);
    if (name.size() > kernel::kMaxNameLength) {
      engine_.report(DiagnosticCode::NameTooLong, where,
                     fmt::format("device name is {} bytes; the kernel allows at most {}", name.size(),
                                 kernel::kMaxNameLength));
    }
    if (name.find('/') != std::string::npos) {
      engine_.report(DiagnosticCode::InvalidDeviceName, where, "invalid device name: the kernel refuses '/' in names");
    } else if (options_.profile == KernelProfile::V7_2 && (name == "control" || name == "." || name == "..")) {
      engine_.report(DiagnosticCode::InvalidDeviceName, where,
                     "device name cannot be \"control\", \".\", or \"..\" (kernel 6.4 and later)");
    }
  }

  void readAttributes(const LineSyntax& line, DeviceEntry& device) {
    bool seenUuid = false, seenMinor = false, seenMode = false;
    for (const Token& attribute : line.header.attributes) {
      Location where = at(line.line, attribute);
      std::string_view text = attribute.text;
      auto once = [&](bool& seen, std::string_view what) {
        if (seen) engine_.report(DiagnosticCode::DuplicateAttribute, where, fmt::format("{} given twice", what));
        seen = true;
      };
      if (text.rfind("uuid=", 0) == 0) {
        once(seenUuid, "uuid");
        device.uuid = std::string(text.substr(5));
        if (device.uuid.size() > kernel::kMaxUuidLength)
          engine_.report(DiagnosticCode::UuidTooLong, where,
                         fmt::format("uuid is {} bytes; the kernel allows at most {}", device.uuid.size(),
                                     kernel::kMaxUuidLength));
      } else if (text.rfind("minor=", 0) == 0) {
        once(seenMinor, "minor");
        readMinor(text.substr(6), where, device);
      } else if (text == "ro" || text == "rw") {
        once(seenMode, "ro/rw");
        device.readOnly = text == "ro";
      } else {
        reportUnknownAttribute(text, where);
      }
    }
  }

  void readMinor(std::string_view value, Location where, DeviceEntry& device) {
    KernelNumber minor = scanUnsigned(value, 64);
    if (!minor.ok()) {
      engine_.report(DiagnosticCode::InvalidNumber, where, fmt::format("minor {} is not a decimal number", quoteToken(value)));
    } else if (minor.value >= kernel::kMinorLimit) {
      engine_.report(DiagnosticCode::MinorOutOfRange, where,
                     fmt::format("minor {} is too large: the kernel's minors are below {}", minor.value,
                                 kernel::kMinorLimit));
    } else {
      device.minor = static_cast<uint32_t>(minor.value);
    }
  }

  void reportUnknownAttribute(std::string_view text, Location where) {
    static constexpr std::array<std::string_view, 4> kKnown = {"uuid=", "minor=", "ro", "rw"};
    std::string_view key = text.substr(0, text.find('=') == std::string_view::npos ? text.size() : text.find('=') + 1);
    std::string suggestion = closestMatch(key, kKnown);
    std::string hint = suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion);
    engine_.report(DiagnosticCode::UnknownAttribute, where,
                   fmt::format("unknown device attribute {}: expected uuid=..., minor=N, ro or rw{}", quoteToken(text), hint));
  }

  void checkDuplicates(const LineSyntax& line, const DeviceEntry& device) {
    for (const DeviceEntry& other : model_.devices) {
      if (other.name == device.name) {
        engine_
            .report(DiagnosticCode::DuplicateDevice, at(line.line, line.header.name),
                    fmt::format("device {} is defined twice in this file", quoteToken(device.name)))
            .note(Location{file_, other.headerLine, 1, 0}, "first defined here");
      }
      if (!device.uuid.empty() && other.uuid == device.uuid) {
        engine_
            .report(DiagnosticCode::DuplicateUuid, Location{file_, line.line, 1, 0},
                    fmt::format("uuid {} is used by two devices", quoteToken(device.uuid)))
            .note(Location{file_, other.headerLine, 1, 0}, "first used here");
      }
    }
  }

  // --- targets -----------------------------------------------------------------------------

  std::optional<uint64_t> readSize(uint32_t line, const Token& token, std::string_view what) {
    SizeLiteral size = parseSizeLiteral(token.text);
    Location where = at(line, token);
    switch (size.status) {
      case SizeStatus::Ok:
        if (size.hasUnit) refuseInPlainTable(line, token, "the size");
        if (size.minusZero)
          engine_.report(DiagnosticCode::MinusZero, where,
                         fmt::format("the {} {} is 0 to dmsetup and the kernel, but a '-' here is surely a slip",
                                     what, quoteToken(token.text)));
        if (size.hasPlus)
          engine_.report(DiagnosticCode::PlusSign, where,
                         fmt::format("leading '+' on the {}: dmsetup accepts it, but it is unusual", what));
        return size.sectors;
      case SizeStatus::Invalid:
        engine_.report(DiagnosticCode::InvalidNumber, where,
                       fmt::format("expected the {} in sectors (or with a unit such as 4K, 1G), found {}", what,
                                   quoteToken(token.text)));
        return std::nullopt;
      case SizeStatus::Negative:
        engine_.report(DiagnosticCode::InvalidNumber, where,
                       fmt::format("the {} {} is negative (dmsetup would silently wrap it to a huge number)", what,
                                   quoteToken(token.text)));
        return std::nullopt;
      case SizeStatus::TooLarge:
        engine_.report(DiagnosticCode::NumberTooLarge, where,
                       fmt::format("the {} {} does not fit in 64 bits of sectors", what, quoteToken(token.text)));
        return std::nullopt;
      case SizeStatus::PartialSector:
        engine_.report(DiagnosticCode::PartialSector, where,
                       fmt::format("the {} {} is not a whole number of 512-byte sectors", what, quoteToken(token.text)));
        return std::nullopt;
    }
    return std::nullopt;
  }

  // A file without device headers is a plain table: dmsetup reads it as it is, so dmc's
  // conveniences would reach the kernel unresolved. Said once a file: one header fixes all.
  void refuseInPlainTable(uint32_t line, const Token& token, std::string_view what) {
    if (!implicitDevice_ || plainConvenienceReported_) return;
    plainConvenienceReported_ = true;
    engine_.report(DiagnosticCode::ConvenienceInPlainTable, at(line, token),
                   fmt::format("{} {} is a dmc convenience, but this file has no 'device' header, so it is a plain "
                               "table that dmsetup would read as it is; start the file with 'device NAME' (or write "
                               "plain sectors everywhere)",
                               what, quoteToken(token.text)));
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
    implicitDevice_ = true;
    firstImplicitLine_ = line.line;
    beginDevice(std::move(device));
  }

  const TargetType* lookUpType(const LineSyntax& line) {
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
      std::string suggestion = suggestTargetType(typeToken.text);
      engine_.report(DiagnosticCode::UnknownTarget, where,
                     fmt::format("{}: unknown target type{}", escapeForDisplay(typeToken.text),
                                 suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion)));
      return nullptr;
    }
    if (!type->existsIn(options_.profile)) {
      engine_.report(DiagnosticCode::UnknownTarget, where,
                     fmt::format("{}: unknown target type: not available in kernel {} (see --kernel)", type->name,
                                 kernelProfileName(options_.profile)));
      return nullptr;
    }
    return type;
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
    typedLines_.push_back(TypedLine{line.line, line.target.type.column, type});
    TargetCheckEnvironment environment{options_.profile, model_.devices[*current_].readOnly};
    TargetCheckContext context(engine_, file_, line.line, syntax, placement.length.value_or(0), environment, areas_);
    const size_t areasBefore = areas_.size();
    // The kernel refuses a zero-length line before its constructor runs: so does dmc.
    if (type != nullptr && type->check != nullptr && placement.length.value_or(0) > 0) type->check(context);
    if (!context.failed() && placement.start && placement.length) {
      alignment_.addTarget(AlignedTarget{syntax.type.text, context.logicalBlockSize(), line.line, *placement.start,
                                         *placement.length, at(line.line, syntax.type), placement.lengthLocation},
                           std::span<const DeviceArea>(areas_).subspan(areasBefore));
    }
    for (const auto& [index, value] : context.resolvedArgs())
      refuseInPlainTable(line.line, syntax.args[index], "the size");
    recordReferences(line);
    storeTarget(line, placement, context);
  }

  void recordReferences(const LineSyntax& line) {
    for (const Token& arg : line.target.args)
      if (arg.text.size() > 1 && arg.text.front() == '@') {
        refuseInPlainTable(line.line, arg, "the device reference");
        references_.push_back(Reference{*current_, arg.text.substr(1), at(line.line, arg)});
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

  std::optional<uint32_t> deviceIndex(std::string_view name) const {
    for (uint32_t i = 0; i < model_.devices.size(); ++i)
      if (model_.devices[i].name == name) return i;
    return std::nullopt;
  }

  void resolveReferences() {
    std::vector<std::vector<uint32_t>> uses(model_.devices.size());
    for (const Reference& reference : references_) {
      std::optional<uint32_t> target = deviceIndex(reference.name);
      if (!target) {
        reportUnknownReference(reference);
      } else if (*target == reference.fromDevice) {
        engine_.report(DiagnosticCode::SelfReference, reference.location,
                       fmt::format("device {} cannot use itself", quoteToken(reference.name)));
      } else if (std::find(uses[reference.fromDevice].begin(), uses[reference.fromDevice].end(), *target) ==
                 uses[reference.fromDevice].end()) {
        uses[reference.fromDevice].push_back(*target);
      }
    }
    for (uint32_t i = 0; i < model_.devices.size(); ++i) model_.devices[i].uses = uses[i];
    DeviceOrder order = orderDevices(uses);
    model_.loadOrder = order.order;
    if (!order.cycle.empty()) reportCycle(order.cycle);
  }

  void reportUnknownReference(const Reference& reference) {
    std::vector<std::string_view> names;
    for (const DeviceEntry& d : model_.devices) names.push_back(d.name);
    std::string suggestion = closestMatch(reference.name, names);
    engine_.report(DiagnosticCode::UnknownReference, reference.location,
                   fmt::format("no device named {} in this file{}", quoteToken(reference.name),
                               suggestion.empty() ? "" : fmt::format("; did you mean '@{}'?", suggestion)));
  }

  const Reference* referenceBetween(uint32_t from, uint32_t to) const {
    for (const Reference& r : references_)
      if (r.fromDevice == from && r.name == model_.devices[to].name) return &r;
    return nullptr;
  }

  void reportCycle(const std::vector<uint32_t>& cycle) {
    std::string path;
    for (uint32_t device : cycle) path += model_.devices[device].name + " -> ";
    path += model_.devices[cycle.front()].name;
    const Reference* first = referenceBetween(cycle.front(), cycle[1 % cycle.size()]);
    auto builder = engine_.report(DiagnosticCode::ReferenceCycle, first ? first->location : headerLocations_[cycle[0]],
                                  fmt::format("devices use each other in a cycle: {}", path));
    for (size_t i = 1; i < cycle.size(); ++i) {
      const Reference* r = referenceBetween(cycle[i], cycle[(i + 1) % cycle.size()]);
      if (r) builder.note(r->location, fmt::format("'{}' uses '{}' here", model_.devices[cycle[i]].name, r->name));
    }
  }

  std::vector<std::string> externalDevices(const TableModel& model) const {
    std::vector<std::string> devices;
    for (const DeviceArea& area : areas_) {
      std::string_view device = area.device;
      if (device.empty() || device.front() == '@') continue;
      if (device.starts_with("/dev/mapper/")) {
        std::string_view name = device.substr(12);
        auto sameFile = [&](const DeviceEntry& d) { return d.name == name; };
        if (std::any_of(model.devices.begin(), model.devices.end(), sameFile)) continue;
      }
      if (std::find(devices.begin(), devices.end(), device) == devices.end()) devices.emplace_back(device);
    }
    return devices;
  }

  void checkAreas() {
    DeclaredSizes declared(options_.deviceSizes);
    HostDeviceSizes host(declared);
    const DeviceSizeSource& sizes = options_.hostDevices ? static_cast<const DeviceSizeSource&>(host) : declared;
    checkDeviceAreas(engine_, areas_, sizes, [&](std::string_view name) -> std::optional<uint64_t> {
      std::optional<uint32_t> index = deviceIndex(name);
      if (!index) return std::nullopt;
      return deviceSizes_[*index];
    });
    checkAreaOverlaps(engine_, areas_);
  }

  DiagnosticEngine& engine_;
  uint32_t file_;
  const CompileOptions& options_;
  StructureChecker structure_;
  BlockAlignmentChecker alignment_;
  TableModel model_;
  std::optional<uint32_t> current_;
  std::vector<Location> headerLocations_;
  bool implicitDevice_ = false;
  bool plainConvenienceReported_ = false;
  uint32_t firstImplicitLine_ = 0;
  std::vector<Reference> references_;
  std::vector<DeviceArea> areas_;
  std::vector<TypedLine> typedLines_;  // the current device's lines, for the whole-table type rules
  std::vector<uint64_t> deviceSizes_;  // end of each device's last target, kept even when targets are not
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
