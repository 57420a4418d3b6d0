#include "emitters/btree_json_emitter.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "compiler/lookup_btree.h"

namespace dmc {
namespace {

// Written by hand rather than through nlohmann::json: a million-target device has over a
// million keys, and building a JSON tree for them costs far more than formatting them.
void appendDevice(fmt::memory_buffer& out, const DeviceEntry& device, unsigned keysPerNode) {
  const LookupBtree btree = LookupBtree::forTargets(device.targets, keysPerNode);
  const std::string name = nlohmann::json(device.name).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  fmt::format_to(std::back_inserter(out), R"({{"device": {}, "keys_per_node": {}, "depth": {}, "counts": [)", name,
                 keysPerNode, btree.depth());
  for (unsigned l = 0; l < btree.depth(); ++l)
    fmt::format_to(std::back_inserter(out), "{}{}", l ? ", " : "", btree.shape().counts[l]);
  fmt::format_to(std::back_inserter(out), R"(], "levels": [)");
  for (unsigned l = 0; l < btree.depth(); ++l) {
    fmt::format_to(std::back_inserter(out), "{}[", l ? ", " : "");
    const std::span<const uint64_t> keys = btree.level(l);
    for (size_t k = 0; k < keys.size(); ++k) fmt::format_to(std::back_inserter(out), "{}{}", k ? ", " : "", keys[k]);
    out.push_back(']');
  }
  fmt::format_to(std::back_inserter(out), R"(], "targets": {}, "size": {}}})" "\n", btree.targetCount(),
                 btree.size());
}

}  // namespace

std::string emitBtreeJson(const TableModel& model, unsigned keysPerNode) {
  fmt::memory_buffer out;
  for (const DeviceEntry& device : model.devices) appendDevice(out, device, keysPerNode);
  return fmt::to_string(out);
}

}  // namespace dmc
