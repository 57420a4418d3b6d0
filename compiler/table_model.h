#pragma once
// The checked result of compiling a table file: devices with plain dmsetup tables, every
// convenience resolved (units to sectors, '*' starts to numbers, @name to /dev/mapper/NAME).
// Compact on purpose: a million targets cost 40 bytes each plus their parameter text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dmc {

struct TargetEntry {
  uint64_t start = 0;
  uint64_t length = 0;
  uint64_t paramsOffset = 0;  // into TableModel::params
  uint32_t paramsSize = 0;
  uint32_t typeId = 0;        // into TableModel::typeNames
  uint32_t line = 0;          // 1-based source line, for diagnostics after compilation
};

struct DeviceEntry {
  std::string name;
  std::string uuid;
  std::optional<uint32_t> minor;
  bool readOnly = false;
  // Read-only only because its targets need it (verity): the input did not say how to load it
  // (a plain table without --readonly). dmc loads it read-only and says so.
  bool readOnlyForTargets = false;
  uint32_t file = 0;        // DiagnosticEngine file index
  uint32_t headerLine = 0;  // 0 for the implicit device of a plain table
  std::vector<TargetEntry> targets;
  std::vector<uint32_t> uses;  // indexes of devices of the same model this one stacks on

  // Device size in sectors: the end of the last target.
  uint64_t size() const { return targets.empty() ? 0 : targets.back().start + targets.back().length; }
};

class TableModel {
 public:
  std::vector<DeviceEntry> devices;  // in file order
  std::vector<uint32_t> loadOrder;   // every device after the devices it uses

  std::string_view typeName(const TargetEntry& t) const { return typeNames_[t.typeId]; }
  std::string_view params(const TargetEntry& t) const { return {params_.data() + t.paramsOffset, t.paramsSize}; }

  uint32_t internType(std::string_view name);
  // Appends parameter text and returns its place; the caller stores it in a TargetEntry.
  void storeParams(TargetEntry& target, std::string_view text);
  std::string& paramsBuffer() { return params_; }

  const std::vector<std::string>& typeNames() const { return typeNames_; }

 private:
  std::vector<std::string> typeNames_;
  std::string params_;
};

}  // namespace dmc
