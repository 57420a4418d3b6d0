#include "compiler/references.h"

#include <algorithm>

#include <fmt/format.h>

#include "compiler/device_graph.h"
#include "support/display_escape.h"
#include "support/edit_distance.h"

namespace dmc {

std::optional<uint32_t> findDevice(const TableModel& model, std::string_view name) {
  for (uint32_t i = 0; i < model.devices.size(); ++i)
    if (model.devices[i].name == name) return i;
  return std::nullopt;
}

void DeviceReferences::resolve(DiagnosticEngine& engine, TableModel& model,
                               const std::vector<Location>& headerLocations) const {
  std::vector<std::vector<uint32_t>> uses(model.devices.size());
  for (const Reference& reference : references_) {
    std::optional<uint32_t> target = findDevice(model, reference.name);
    std::vector<uint32_t>& from = uses[reference.fromDevice];
    if (!target) {
      reportUnknown(engine, model, reference);
    } else if (*target == reference.fromDevice) {
      engine.report(DiagnosticCode::SelfReference, reference.location,
                    fmt::format("device {} cannot use itself", quoteToken(reference.name)));
    } else if (std::find(from.begin(), from.end(), *target) == from.end()) {
      from.push_back(*target);
    }
  }
  for (uint32_t i = 0; i < model.devices.size(); ++i) model.devices[i].uses = uses[i];
  DeviceOrder order = orderDevices(uses);
  model.loadOrder = order.order;
  if (!order.cycle.empty()) reportCycle(engine, model, order.cycle, headerLocations);
}

void DeviceReferences::reportUnknown(DiagnosticEngine& engine, const TableModel& model,
                                     const Reference& reference) const {
  std::vector<std::string_view> names;
  for (const DeviceEntry& d : model.devices) names.push_back(d.name);
  std::string suggestion = closestMatch(reference.name, names);
  engine.report(DiagnosticCode::UnknownReference, reference.location,
                fmt::format("no device named {} in this file{}", quoteToken(reference.name),
                            suggestion.empty() ? "" : fmt::format("; did you mean '@{}'?", suggestion)));
}

const DeviceReferences::Reference* DeviceReferences::between(const TableModel& model, uint32_t from,
                                                             uint32_t to) const {
  for (const Reference& r : references_)
    if (r.fromDevice == from && r.name == model.devices[to].name) return &r;
  return nullptr;
}

void DeviceReferences::reportCycle(DiagnosticEngine& engine, const TableModel& model,
                                   const std::vector<uint32_t>& cycle,
                                   const std::vector<Location>& headerLocations) const {
  std::string path;
  for (uint32_t device : cycle) path += model.devices[device].name + " -> ";
  path += model.devices[cycle.front()].name;
  const Reference* first = between(model, cycle.front(), cycle[1 % cycle.size()]);
  auto builder = engine.report(DiagnosticCode::ReferenceCycle, first ? first->location : headerLocations[cycle[0]],
                               fmt::format("devices use each other in a cycle: {}", path));
  for (size_t i = 1; i < cycle.size(); ++i) {
    const Reference* r = between(model, cycle[i], cycle[(i + 1) % cycle.size()]);
    if (r) builder.note(r->location, fmt::format("'{}' uses '{}' here", model.devices[cycle[i]].name, r->name));
  }
}

}  // namespace dmc
