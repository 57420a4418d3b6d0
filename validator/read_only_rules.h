#pragma once
// Targets whose constructor refuses a read-write table (verity: "Device must be readonly").
// Read-only is a property of the load (dmsetup create --readonly, dm-init's ro field, a dmc
// device header), never of the table text, so the rule depends on what the input says:
//   - it says read-write (a dmc header without ro, a boot string's rw flags): an error with
//     the kernel's words that says where to write ro;
//   - it does not say (a plain table, dmsetup table output) and --readonly was not given: a
//     warning that says how to load it, and the device is loaded read-only (dmc load does so).
// Either way the target's arguments are still checked: this is not a mistake in them.

#include <cstdint>

#include "diagnostics/diagnostic_engine.h"
#include "validator/target_type.h"

namespace dmc {

// Where the input says how a device is loaded.
enum class LoadModeSource : uint8_t {
  Unstated,         // a plain table, dmsetup table output: --readonly, or read-write
  DeviceHeader,     // "device NAME [ro|rw]": read-write unless ro
  BootStringFlags,  // a concise or dm-mod.create device's flags field, ro or rw
};

// One device's read-only state as its lines are read.
class ReadOnlyRules {
 public:
  explicit ReadOnlyRules(DiagnosticEngine& engine) : engine_(engine) {}

  // `modeField`: where the input says read-write (a boot string's flags field), if anywhere.
  void beginDevice(LoadModeSource source, bool readOnly, Location modeField = {});
  // A line of the device, its type known; `at` is its type token.
  void addTarget(const TargetType& type, Location at);

  bool readOnly() const { return readOnly_; }
  // Read-only because a target needs it, where the input did not say (the warning was given).
  bool readOnlyForTargets() const { return forTargets_; }

 private:
  DiagnosticEngine& engine_;
  LoadModeSource source_ = LoadModeSource::Unstated;
  Location modeField_;
  bool readOnly_ = false;
  bool forTargets_ = false;
  bool refused_ = false;
};

}  // namespace dmc
