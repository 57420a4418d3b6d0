#pragma once
// @name arguments: each names another device of the same file. Resolved after the whole file
// is read, they give each device the devices it uses and the file its load order; a name that
// is no device, a device that uses itself and a cycle are reported at the reference.

#include <cstdint>
#include <string_view>
#include <vector>

#include "compiler/table_model.h"
#include "diagnostics/diagnostic_engine.h"

namespace dmc {

class DeviceReferences {
 public:
  void add(uint32_t fromDevice, std::string_view name, Location location) {
    references_.push_back(Reference{fromDevice, name, location});
  }

  // Sets each device's `uses` and the model's load order. `headerLocations` places a cycle
  // that no reference can show.
  void resolve(DiagnosticEngine& engine, TableModel& model, const std::vector<Location>& headerLocations) const;

 private:
  struct Reference {
    uint32_t fromDevice;
    std::string_view name;  // without the '@'
    Location location;
  };

  const Reference* between(const TableModel& model, uint32_t from, uint32_t to) const;
  void reportUnknown(DiagnosticEngine& engine, const TableModel& model, const Reference& reference) const;
  void reportCycle(DiagnosticEngine& engine, const TableModel& model, const std::vector<uint32_t>& cycle,
                   const std::vector<Location>& headerLocations) const;

  std::vector<Reference> references_;
};

// The index of the device with this name, or nullopt.
std::optional<uint32_t> findDevice(const TableModel& model, std::string_view name);

}  // namespace dmc
