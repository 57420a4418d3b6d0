#include "validator/target_availability.h"

#include <array>

#include <fmt/format.h>

namespace dmc {

namespace {

constexpr KernelVersion kBeforeModelled{0, 0};

// First versions: the release whose dm pull request added the target. Target versions: 6.1 from
// Debian's linux-source-6.1 (6.1.192), the newest from linux-source-7.2 (7.2.13); empty where dmc
// did not read them.
constexpr std::array<TargetAvailability, 30> kTargets = {{
    {"cache", kBeforeModelled, true, "CONFIG_DM_CACHE", "dm_cache", "2.3.0", "2.4.0"},
    {"clone", kKernel5_4, true, "CONFIG_DM_CLONE", "dm_clone", "", ""},
    {"crypt", kBeforeModelled, true, "CONFIG_DM_CRYPT", "dm_crypt", "1.24.0", "1.29.0"},
    {"delay", kBeforeModelled, true, "CONFIG_DM_DELAY", "dm_delay", "1.3.0", "1.5.0"},
    {"dust", kBeforeModelled, true, "CONFIG_DM_DUST", "dm_dust", "1.0.0", ""},
    {"ebs", kKernel5_10, true, "CONFIG_DM_EBS", "dm_ebs", "1.0.1", ""},
    {"era", kBeforeModelled, true, "CONFIG_DM_ERA", "dm_era", "1.0.0", ""},
    {"error", kBeforeModelled, true, "CONFIG_BLK_DEV_DM", "dm_mod", "1.5.0", "1.7.0"},
    {"flakey", kBeforeModelled, true, "CONFIG_DM_FLAKEY", "dm_flakey", "1.5.0", ""},
    {"inlinecrypt", kKernel7_2, false, "CONFIG_DM_INLINECRYPT", "", "", ""},
    {"integrity", kBeforeModelled, true, "CONFIG_DM_INTEGRITY", "dm_integrity", "1.10.0", "1.15.0"},
    {"linear", kBeforeModelled, true, "CONFIG_BLK_DEV_DM", "dm_mod", "1.4.0", "1.5.0"},
    {"log-writes", kBeforeModelled, true, "CONFIG_DM_LOG_WRITES", "dm_log_writes", "1.1.0", ""},
    {"mirror", kBeforeModelled, true, "CONFIG_DM_MIRROR", "dm_mirror", "1.14.0", "1.15.0"},
    {"multipath", kBeforeModelled, true, "CONFIG_DM_MULTIPATH", "dm_multipath", "1.14.0", "1.15.0"},
    {"pcache", {6, 18}, true, "CONFIG_DM_PCACHE", "", "", ""},
    {"raid", kBeforeModelled, true, "CONFIG_DM_RAID", "dm_raid", "1.15.1", "1.15.1"},
    {"snapshot", kBeforeModelled, true, "CONFIG_DM_SNAPSHOT", "dm_snapshot", "1.16.0", ""},
    {"snapshot-merge", kBeforeModelled, true, "CONFIG_DM_SNAPSHOT", "dm_snapshot", "1.5.0", ""},
    {"snapshot-origin", kBeforeModelled, true, "CONFIG_DM_SNAPSHOT", "dm_snapshot", "1.9.0", ""},
    {"striped", kBeforeModelled, true, "CONFIG_BLK_DEV_DM", "dm_mod", "1.6.0", "1.7.0"},
    {"switch", kBeforeModelled, true, "CONFIG_DM_SWITCH", "dm_switch", "1.1.0", ""},
    {"thin", kBeforeModelled, true, "CONFIG_DM_THIN_PROVISIONING", "dm_thin_pool", "1.22.0", "1.24.0"},
    {"thin-pool", kBeforeModelled, true, "CONFIG_DM_THIN_PROVISIONING", "dm_thin_pool", "1.22.0", "1.24.0"},
    {"unstriped", kBeforeModelled, true, "CONFIG_DM_UNSTRIPED", "dm_unstripe", "1.1.0", ""},
    {"vdo", {6, 9}, true, "CONFIG_DM_VDO", "", "", ""},
    {"verity", kBeforeModelled, true, "CONFIG_DM_VERITY", "dm_verity", "1.9.0", "1.13.0"},
    {"writecache", kBeforeModelled, true, "CONFIG_DM_WRITECACHE", "dm_writecache", "1.6.0", ""},
    {"zero", kBeforeModelled, true, "CONFIG_DM_ZERO", "dm_zero", "1.1.0", "1.2.0"},
    {"zoned", kBeforeModelled, true, "CONFIG_DM_ZONED", "dm_zoned", "", ""},
}};

}  // namespace

std::span<const TargetAvailability> allTargetAvailability() { return kTargets; }

const TargetAvailability* availabilityOf(std::string_view name) {
  for (const TargetAvailability& target : kTargets)
    if (target.name == name) return &target;
  return nullptr;
}

std::optional<std::string> whyUnavailable(const TargetAvailability& target, KernelVersion kernel,
                                          const KernelBuild& build) {
  if (kernel < target.since) {
    return fmt::format("kernel {} does not have it yet ({} since {}{})", kernelVersionName(kernel), target.name,
                       kernelVersionName(target.since), target.sinceEstablished ? "" : " at the latest");
  }
  if (!build.has(target.config))
    return fmt::format("{} leaves it out ({} is not set)", build.origin(), target.config);
  return std::nullopt;
}

}  // namespace dmc
