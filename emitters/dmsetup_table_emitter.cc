#include "emitters/dmsetup_table_emitter.h"

#include <fmt/format.h>

namespace dmc {

std::string emitDeviceTable(const TableModel& model, const DeviceEntry& device) {
  std::string out;
  out.reserve(device.targets.size() * 48);
  auto sink = std::back_inserter(out);
  for (const TargetEntry& t : device.targets) {
    std::string_view params = model.params(t);
    if (params.empty()) fmt::format_to(sink, "{} {} {}\n", t.start, t.length, model.typeName(t));
    else fmt::format_to(sink, "{} {} {} {}\n", t.start, t.length, model.typeName(t), params);
  }
  return out;
}

std::string deviceComment(const DeviceEntry& device) {
  std::string comment = "# device " + device.name;
  if (!device.uuid.empty()) comment += " uuid=" + device.uuid;
  if (device.minor) comment += fmt::format(" minor={}", *device.minor);
  if (device.readOnly) comment += " ro";
  return comment + "\n";
}

bool hasAttributes(const DeviceEntry& device) { return device.readOnly || !device.uuid.empty() || device.minor; }

std::string emitAllTables(const TableModel& model) {
  if (model.devices.size() == 1 && !hasAttributes(model.devices.front()))
    return emitDeviceTable(model, model.devices.front());
  std::string out;
  for (size_t i = 0; i < model.loadOrder.size(); ++i) {
    const DeviceEntry& device = model.devices[model.loadOrder[i]];
    if (i > 0) out += "\n";
    out += deviceComment(device);
    out += emitDeviceTable(model, device);
  }
  return out;
}

const TargetEntry* targetWithCommentCharacter(const TableModel& model, const DeviceEntry& device) {
  for (const TargetEntry& t : device.targets)
    if (model.params(t).find('#') != std::string_view::npos) return &t;
  return nullptr;
}

std::string emitDeviceFile(const TableModel& model) {
  std::string out;
  for (const DeviceEntry& device : model.devices) {
    if (!out.empty()) out += "\n";
    out += deviceComment(device).substr(2);  // the comment without "# " is the header line
    out += emitDeviceTable(model, device);
  }
  return out;
}

}  // namespace dmc
