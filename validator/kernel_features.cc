#include "validator/kernel_features.h"

#include <array>

namespace dmc {

namespace {

using F = KernelFeature;

// Established versions come from each change's upstream merge (the dm pull request of that
// release); the others are known only to be absent from 6.1 and present in 7.2.
constexpr std::array<KernelFeatureFacts, 20> kFeatures = {{
    {F::ReservedDeviceNames, "reserved device names", "device names control, . and .. are refused", {6, 4}, true, ""},
    {F::CryptHighPriority, "crypt high_priority", "the high_priority flag (one more feature argument)", {6, 10}, true, ""},
    {F::CryptIntegrityKeySize, "crypt integrity_key_size", "the integrity_key_size:N option", kKernel7_2, false,
     ""},
    {F::CryptLmkWithAead, "crypt lmk with AEAD", "lmk IVs with integrity:N:aead are no longer refused", kKernel7_2,
     false, ""},
    {F::CryptTrustedKeys, "crypt trusted keys", "keyring keys of type trusted (:SIZE:trusted:DESC)", kKernel6_1, false,
     "CONFIG_TRUSTED_KEYS"},
    {F::ErrorDeviceArguments, "error device and offset", "error reads two arguments as a device and an offset",
     kKernel7_2, false, ""},
    // dm-verity 1.10.0, Linux 6.12 (cryptsetup's DMVerity wiki: "Available since: 1.10.0 (kernel 6.12)").
    {F::VerityErrorModes, "verity error modes", "restart_on_error and panic_on_error", {6, 12}, true, ""},
    {F::VerityRepeatedOptions, "verity repeated options", "a second FEC device or error mode is refused", kKernel7_2,
     false, ""},
    {F::FlakeyReadErrorsAndRandomCorruption, "flakey read errors and random corruption",
     "error_reads, random_read_corrupt, random_write_corrupt; corrupt_bio_byte needs its 4 parameters counted and "
     "may appear once; the down interval has its own message",
     kKernel7_2, false, ""},
    {F::IntegrityInlineMode, "integrity inline mode", "mode I: tags in the device's own metadata", {6, 11}, true, ""},
    {F::IntegrityDiscardsKeyed, "integrity allow_discards_keyed", "the allow_discards_keyed flag", kKernel7_2, false,
     ""},
    {F::IntegrityKeyedRecalculateRefused, "integrity keyed recalculate refused",
     "recalculate with a keyed internal hash (or journal MAC) is refused without legacy_recalculate", kKernel6_1,
     false, ""},
    {F::MultipathHistoricalServiceTime, "multipath historical-service-time", "the historical-service-time selector",
     {5, 8}, true, "CONFIG_DM_MULTIPATH_HST"},
    {F::MultipathIoAffinity, "multipath io-affinity", "the io-affinity path selector", kKernel5_10, true,
     "CONFIG_DM_MULTIPATH_IOA"},
    {F::EbsOffsetBelowLength, "ebs offset below length", "the offset must be below the target length", kKernel7_2,
     false, ""},
    {F::RaidUnboundedWriteBehind, "raid max_write_behind unbounded", "max_write_behind has no upper bound", kKernel7_2,
     false, ""},
    {F::Raid10CopiesWithReshape, "raid10 grown size without reshape space",
     "a reshaping raid10's grown size, less its reshape space, must divide by its copies", kKernel7_2, false, ""},
    {F::Raid10NeedsMetadataDevices, "raid10 needs metadata devices",
     "raid10 without metadata devices fails to run (md: unsupported raid10 layout 0)", kKernel6_1, false, ""},
    {F::NewerTargetFlags, "newer target flags",
     "atomic-writes, passes-crypto and other flags some targets gained (docs/targets.md)", kKernel7_2, false, ""},
    // dm-crypt's per-sector NVMe metadata support (posted for 6.11, in May 2024).
    {F::CryptIntegrityLargerTags, "crypt integrity tags smaller than the profile's",
     "integrity:<bytes> may be smaller than the device's integrity tags (the rest is zeroed); no profile at all is "
     "\"No integrity profile\"",
     kKernel7_2, false, ""},
}};

}  // namespace

const KernelFeatureFacts& factsOf(KernelFeature feature) { return kFeatures[static_cast<size_t>(feature)]; }

std::span<const KernelFeatureFacts> allKernelFeatures() { return kFeatures; }

}  // namespace dmc
