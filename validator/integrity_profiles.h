#pragma once
// dm-crypt's integrity mode (integrity:<bytes>:aead, or the random IV, which keeps IVs in the
// tag space) needs the device below it to offer dm-integrity's profile, with tags of the
// crypt's on-disk tag size over blocks of its sector size (crypt_integrity_ctr in
// drivers/md/dm-crypt.c). The device is a dm-integrity device of the same file (6.1
// registers the profile when integrity has no internal_hash: dm_integrity_set), or a disk
// whose facts are known (a 'disk' line's integrity=, --host-devices). Judged after the whole
// file, as the device may be defined further down.

#include <functional>
#include <optional>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "validator/device_areas.h"
#include "validator/target_check_context.h"

namespace dmc {

class IntegrityProfileRules {
 public:
  void beginDevice() { offers_.push_back(Offer{}); }
  // One target of the current device, and the profile it offers (nullopt: none).
  void addTarget(const std::optional<IntegrityProfile>& offer);
  void need(const IntegrityProfileNeed& need) { needs_.push_back(need); }

  // `findDevice`: the index of a device of this file by name, as beginDevice counted them.
  void check(DiagnosticEngine& engine, const DeviceSizeSource& disks,
             const std::function<std::optional<uint32_t>(std::string_view)>& findDevice) const;

 private:
  struct Offer {
    std::optional<IntegrityProfile> profile;
    bool anyTarget = false;
    bool mixed = false;  // targets that offer different profiles, or none: the device has none
  };
  // What the device named in a table offers; nullopt inside: none; outer nullopt: unknown.
  std::optional<std::optional<IntegrityProfile>> offeredBy(
      std::string_view device, const DeviceSizeSource& disks,
      const std::function<std::optional<uint32_t>(std::string_view)>& findDevice) const;

  std::vector<Offer> offers_;
  std::vector<IntegrityProfileNeed> needs_;
};

}  // namespace dmc
