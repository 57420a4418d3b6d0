#include "emitters/dm_init_emitter.h"

#include <fmt/format.h>

#include <cctype>
#include <utility>

#include "support/display_escape.h"
#include "validator/dm_init_rules.h"

namespace dmc {

namespace {

constexpr std::string_view kMapperPrefix = "/dev/mapper/";

// The first character dm-init cannot carry, or 0.
char forbiddenCharacter(std::string_view text, bool argument) {
  for (char c : text) {
    if (c == ',' || c == ';' || c == '"') return c;
    if (argument && c == '\\') return c;
  }
  return 0;
}

std::string forbiddenWhy(char c) {
  switch (c) {
    case ',': return "',' separates fields and table entries in dm-mod.create, and there is no escape";
    case ';': return "';' separates devices in dm-mod.create, and there is no escape";
    case '"': return "'\"' would end the quoted dm-mod.create value on the kernel command line";
    default: return "the kernel's argument splitter reads '\\' as an escape, so the target would get other arguments";
  }
}

// dm-init trims white space around every field (str_field_delimit), so a name or uuid that
// begins or ends with it would reach the kernel as another name.
bool hasEdgeSpace(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  return !text.empty() && (space(text.front()) || space(text.back()));
}

}  // namespace

BootStringOutput emitDmInit(const TableModel& model) {
  BootStringOutput out;
  auto problem = [&](DiagnosticCode code, const DeviceEntry& device, uint32_t line, std::string message,
                     Severity severity = Severity::Error) {
    out.problems.push_back({code, severity, device.file, line, std::move(message)});
  };
  if (model.loadOrder.size() > kDmInitMaxDevices) {
    const DeviceEntry& extra = model.devices[model.loadOrder[kDmInitMaxDevices]];
    problem(DiagnosticCode::BootStringLimit, extra, extra.headerLine,
            fmt::format("this is device {} of {}; dm-mod.create takes at most {}", kDmInitMaxDevices + 1,
                        model.loadOrder.size(), kDmInitMaxDevices));
  }
  std::string value;
  bool lengthReported = false;
  for (size_t i = 0; i < model.loadOrder.size(); ++i) {
    const DeviceEntry& device = model.devices[model.loadOrder[i]];
    if (i > 0) value += ';';
    if (char c = forbiddenCharacter(device.name, false))
      problem(DiagnosticCode::BootStringUnsafe, device, device.headerLine,
              fmt::format("the device name {} cannot be written: {}", quoteToken(device.name), forbiddenWhy(c)));
    if (char c = forbiddenCharacter(device.uuid, false))
      problem(DiagnosticCode::BootStringUnsafe, device, device.headerLine,
              fmt::format("the uuid {} cannot be written: {}", quoteToken(device.uuid), forbiddenWhy(c)));
    for (auto [what, text] : {std::pair<std::string_view, std::string_view>{"device name", device.name},
                              {"uuid", device.uuid}})
      if (hasEdgeSpace(text))
        problem(DiagnosticCode::BootStringUnsafe, device, device.headerLine,
                fmt::format("the {} {} cannot be written: dm-init trims white space around each field, so the "
                            "kernel would create another name",
                            what, quoteToken(text)));
    value += device.name + ',' + device.uuid + ',';
    if (device.minor) value += std::to_string(*device.minor);
    value += device.readOnly ? ",ro" : ",rw";
    if (device.targets.size() > kDmInitMaxTargets)
      problem(DiagnosticCode::BootStringLimit, device, device.targets[kDmInitMaxTargets].line,
              fmt::format("device {} has {} targets; dm-mod.create takes at most {} a device (this is the {}th)",
                          quoteToken(device.name), device.targets.size(), kDmInitMaxTargets, kDmInitMaxTargets + 1));
    for (const TargetEntry& t : device.targets) {
      std::string_view type = model.typeName(t);
      if (std::optional<std::string> refused = dmInitRefusesTarget(type))
        problem(DiagnosticCode::BootStringTarget, device, t.line, *refused);
      std::string params(model.params(t));
      if (char c = forbiddenCharacter(params, true))
        problem(DiagnosticCode::BootStringUnsafe, device, t.line,
                fmt::format("the arguments cannot be written: {}", forbiddenWhy(c)));
      // @name references became /dev/mapper/NAME, which does not exist at boot.
      for (uint32_t used : device.uses) {
        const DeviceEntry& lower = model.devices[used];
        std::string path = std::string(kMapperPrefix) + lower.name;
        size_t at = params.find(path);
        if (at == std::string::npos) continue;
        if (!lower.minor) {
          problem(DiagnosticCode::BootStringUnsafe, device, t.line,
                  fmt::format("at boot there is no /dev/mapper/{0}: give device {1} a fixed minor (minor=N) so this "
                              "reference can be written as /dev/dm-N",
                              lower.name, quoteToken(lower.name)));
          continue;
        }
        while (at != std::string::npos) {
          params.replace(at, path.size(), fmt::format("/dev/dm-{}", *lower.minor));
          at = params.find(path);
        }
      }
      fmt::format_to(std::back_inserter(value), ",{} {} {}", t.start, t.length, type);
      if (!params.empty()) value += ' ' + params;
      if (!lengthReported && value.size() > kDmInitMaxLength) {
        lengthReported = true;
        problem(DiagnosticCode::BootStringLimit, device, t.line,
                fmt::format("with this line the dm-mod.create value passes {} characters; the kernel refuses {} or more",
                            kDmInitMaxLength, kDmInitMaxLength + 1));
      }
    }
  }
  std::string parameter = "dm-mod.create=\"" + value + "\"";
  if (!lengthReported && parameter.size() >= kX86CommandLineSize && !model.devices.empty())
    out.problems.push_back({DiagnosticCode::BootStringLimit, Severity::Warning, model.devices.front().file, 0,
                            fmt::format("the parameter is {} characters; on x86 the whole kernel command line must stay "
                                        "under {} (COMMAND_LINE_SIZE)",
                                        parameter.size(), kX86CommandLineSize)});
  if (out.ok()) out.text = parameter + "\n";
  return out;
}

}  // namespace dmc
