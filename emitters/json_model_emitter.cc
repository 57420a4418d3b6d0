#include "emitters/json_model_emitter.h"

#include <nlohmann/json.hpp>

#include "emitters/secret_redaction.h"

namespace dmc {

std::string emitJsonModel(const TableModel& model, bool showKeys) {
  nlohmann::ordered_json root;
  root["format"] = "dmc-model";
  root["version"] = 1;
  nlohmann::ordered_json devices = nlohmann::ordered_json::array();
  for (const DeviceEntry& device : model.devices) {
    nlohmann::ordered_json d;
    d["name"] = device.name;
    d["uuid"] = device.uuid.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(device.uuid);
    d["minor"] = device.minor ? nlohmann::ordered_json(*device.minor) : nlohmann::ordered_json(nullptr);
    d["readOnly"] = device.readOnly;
    d["size"] = device.size();
    d["line"] = device.headerLine;
    nlohmann::ordered_json uses = nlohmann::ordered_json::array();
    for (uint32_t used : device.uses) uses.push_back(model.devices[used].name);
    d["uses"] = std::move(uses);
    nlohmann::ordered_json targets = nlohmann::ordered_json::array();
    for (const TargetEntry& t : device.targets) {
      nlohmann::ordered_json target;
      target["start"] = t.start;
      target["length"] = t.length;
      target["type"] = std::string(model.typeName(t));
      const std::string_view params = model.params(t);
      target["params"] = showKeys ? std::string(params) : redactSecrets(model.typeName(t), params);
      target["line"] = t.line;
      targets.push_back(std::move(target));
    }
    d["targets"] = std::move(targets);
    devices.push_back(std::move(d));
  }
  root["devices"] = std::move(devices);
  nlohmann::ordered_json order = nlohmann::ordered_json::array();
  for (uint32_t index : model.loadOrder) order.push_back(model.devices[index].name);
  root["loadOrder"] = std::move(order);
  // Invalid UTF-8 in a parameter must not throw: replace it.
  return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace dmc
