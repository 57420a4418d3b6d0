#include "validator/integrity_profiles.h"

#include <fmt/format.h>

namespace dmc {

void IntegrityProfileRules::addTarget(const std::optional<IntegrityProfile>& offer) {
  if (offers_.empty()) return;
  Offer& device = offers_.back();
  if (!device.anyTarget) device.profile = offer;
  else if (device.profile != offer) device.mixed = true;
  if (!offer) device.mixed = true;
  device.anyTarget = true;
}

std::optional<std::optional<IntegrityProfile>> IntegrityProfileRules::offeredBy(
    std::string_view device, const DeviceSizeSource& disks,
    const std::function<std::optional<uint32_t>(std::string_view)>& findDevice) const {
  std::string_view name;
  if (device.size() > 1 && device.front() == '@') name = device.substr(1);
  else if (device.starts_with("/dev/mapper/")) name = device.substr(12);
  if (!name.empty()) {
    if (std::optional<uint32_t> index = findDevice(name); index && *index < offers_.size()) {
      const Offer& offer = offers_[*index];
      if (offer.mixed || !offer.anyTarget) return std::optional<IntegrityProfile>{};
      return offer.profile;
    }
  }
  std::optional<DiskFacts> facts = disks.factsOf(device);
  if (!facts) return std::nullopt;
  if (facts->traits.integrity) return facts->traits.integrity;
  if (facts->traits.complete) return std::optional<IntegrityProfile>{};
  return std::nullopt;
}

void IntegrityProfileRules::check(DiagnosticEngine& engine, const DeviceSizeSource& disks,
                                  const std::function<std::optional<uint32_t>(std::string_view)>& findDevice) const {
  for (const IntegrityProfileNeed& need : needs_) {
    std::optional<std::optional<IntegrityProfile>> offered = offeredBy(need.device, disks, findDevice);
    const bool fitsProfile = offered && *offered && (*offered)->tagBytes == need.tagBytes &&
                             (*offered)->blockBytes == need.sectorBytes;
    if (!offered || fitsProfile) {  // unknown: only the kernel can tell whether the profile fits
      if (!need.tagProblem.empty())
        engine.report(DiagnosticCode::TargetArgument, need.tagProblemLocation,
                      fmt::format("{}: {}: {}", need.targetType, need.tagProblemKernelText, need.tagProblem));
      continue;
    }
    const std::optional<IntegrityProfile>& profile = *offered;
    if (!profile) {
      engine.report(DiagnosticCode::TargetArgument, need.deviceLocation,
                    fmt::format("{}: Integrity profile not supported: with integrity:<bytes>:aead or the random IV "
                                "the device below must offer dm-integrity's profile ({}-byte tags), and {} offers none "
                                "(put it on a dm-integrity device without internal_hash, or declare the disk's "
                                "integrity=)",
                                need.targetType, need.tagBytes, need.device));
    } else if (profile->tagBytes != need.tagBytes) {
      const std::string wanted = need.tagBytes == 0 ? std::string("no integrity:<bytes>: option (0-byte tags)")
                                                    : fmt::format("{}-byte tags", need.tagBytes);
      engine.report(DiagnosticCode::TargetArgument, need.deviceLocation,
                    fmt::format("{}: Integrity profile tag size mismatch: the table gives {} and {} offers {}-byte "
                                "tags (integrity:{}:... must equal the dm-integrity device's tag size)",
                                need.targetType, wanted, need.device, profile->tagBytes, profile->tagBytes));
    } else if (profile->blockBytes != need.sectorBytes) {
      engine.report(DiagnosticCode::TargetArgument, need.deviceLocation,
                    fmt::format("{}: Integrity profile sector size mismatch: the table's sectors are {} bytes and "
                                "{} protects {}-byte blocks (sector_size: must equal the integrity block_size:)",
                                need.targetType, need.sectorBytes, need.device, profile->blockBytes));
    }
  }
}

}  // namespace dmc
