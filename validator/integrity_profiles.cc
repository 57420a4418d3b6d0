#include "validator/integrity_profiles.h"

#include <fmt/format.h>

#include "validator/ctr/arg_text.h"

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
  if (std::string_view name = mapperName(device); !name.empty()) {
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

namespace {

// The profile's tags hold what the table asks for: exactly (6.1), or at least (kernels that
// zero the rest of a larger tag: dm-crypt's NVMe metadata support).
bool tagsFit(const IntegrityProfileNeed& need, const IntegrityProfile& profile) {
  return need.largerTagsFit ? profile.tagBytes >= need.tagBytes : profile.tagBytes == need.tagBytes;
}

bool fits(const IntegrityProfileNeed& need, const IntegrityProfile& profile) {
  return tagsFit(need, profile) && profile.blockBytes == need.sectorBytes && need.ivOnlyBytes <= profile.tagBytes;
}

void reportNoProfile(DiagnosticEngine& engine, const IntegrityProfileNeed& need) {
  engine.report(DiagnosticCode::TargetArgument, need.deviceLocation,
                fmt::format("{}: {}: with integrity:<bytes>:aead or the random IV the device below must offer "
                            "dm-integrity's profile ({}-byte tags), and {} offers none (put it on a dm-integrity "
                            "device without internal_hash, or declare the disk's integrity=)",
                            need.targetType, need.largerTagsFit ? "No integrity profile" : "Integrity profile not supported",
                            need.tagBytes, need.device));
}

void reportTagMismatch(DiagnosticEngine& engine, const IntegrityProfileNeed& need, const IntegrityProfile& profile) {
  const std::string wanted = need.tagBytes == 0 ? std::string("no integrity:<bytes>: option (0-byte tags)")
                                                : fmt::format("{}-byte tags", need.tagBytes);
  engine.report(DiagnosticCode::TargetArgument, need.deviceLocation,
                fmt::format("{}: Integrity profile tag size mismatch: the table gives {} and {} offers {}-byte tags "
                            "(integrity:{}:... must {} the dm-integrity device's tag size)",
                            need.targetType, wanted, need.device, profile.tagBytes, profile.tagBytes,
                            need.largerTagsFit ? "not exceed" : "equal"));
}

}  // namespace

void IntegrityProfileRules::check(DiagnosticEngine& engine, const DeviceSizeSource& disks,
                                  const std::function<std::optional<uint32_t>(std::string_view)>& findDevice) const {
  for (const IntegrityProfileNeed& need : needs_) {
    std::optional<std::optional<IntegrityProfile>> offered = offeredBy(need.device, disks, findDevice);
    if (!offered || (*offered && fits(need, **offered))) {  // unknown: only the kernel can tell
      if (!need.tagProblem.empty())
        engine.report(DiagnosticCode::TargetArgument, need.tagProblemLocation,
                      fmt::format("{}: {}: {}", need.targetType, need.tagProblemKernelText, need.tagProblem));
      continue;
    }
    const std::optional<IntegrityProfile>& profile = *offered;
    if (!profile) {
      reportNoProfile(engine, need);
    } else if (!tagsFit(need, *profile)) {
      reportTagMismatch(engine, need, *profile);
    } else if (profile->blockBytes != need.sectorBytes) {
      engine.report(DiagnosticCode::TargetArgument, need.deviceLocation,
                    fmt::format("{}: Integrity profile sector size mismatch: the table's sectors are {} bytes and "
                                "{} protects {}-byte blocks (sector_size: must equal the integrity block_size:)",
                                need.targetType, need.sectorBytes, need.device, profile->blockBytes));
    } else {
      engine.report(DiagnosticCode::TargetArgument, need.ivOnlyLocation,
                    fmt::format("{}: Not enough space for integrity tag in the profile: with integrity:<bytes>:none "
                                "each tag holds the random IV, {} bytes, and {} offers {}-byte tags",
                                need.targetType, need.ivOnlyBytes, need.device, profile->tagBytes));
    }
  }
}

}  // namespace dmc
