#pragma once
// The rules that changed between kernel versions, each with the first version that has it, and
// the kernel config option it also needs, if any. A target's check asks the chosen kernel
// (TargetCheckContext::has) instead of naming kernels; docs/kernel-rules.md lists them.

#include <cstdint>
#include <span>
#include <string_view>

#include "validator/kernel_version.h"

namespace dmc {

enum class KernelFeature : uint8_t {
  ReservedDeviceNames,        // device names "control", ".", ".." refused
  CryptHighPriority,
  CryptIntegrityKeySize,
  CryptLmkWithAead,           // the "AEAD transforms not supported for LMK" check is gone
  CryptTrustedKeys,
  ErrorDeviceArguments,       // error takes <dev> <offset>
  VerityErrorModes,           // restart_on_error, panic_on_error
  VerityRepeatedOptions,      // repeated options refused, one more option counted
  FlakeyReadErrorsAndRandomCorruption,
  IntegrityInlineMode,
  IntegrityDiscardsKeyed,
  IntegrityKeyedRecalculateRefused,  // recalculate with a keyed hash needs legacy_recalculate
  MultipathHistoricalServiceTime,
  MultipathIoAffinity,
  EbsOffsetBelowLength,
  RaidUnboundedWriteBehind,
  Raid10CopiesWithReshape,    // a reshaping raid10's grown size less its reshape space
  Raid10NeedsMetadataDevices, // raid10 without metadata devices does not run
  NewerTargetFlags,           // the feature flags docs/targets.md lists under "newest"
  CryptIntegrityLargerTags,   // crypt takes a profile whose tags are larger than integrity:<bytes>
};

struct KernelFeatureFacts {
  KernelFeature feature;
  std::string_view name;       // for docs: "crypt high_priority"
  std::string_view what;       // one line: what changes
  KernelVersion since;         // the first version dmc applies it to
  // true: `since` is the upstream release that added it (read from its history). false: the
  // release is not established; `since` is the oldest version whose sources dmc read with it.
  bool sinceEstablished;
  std::string_view config;     // a CONFIG_ symbol it also needs, or empty
};

const KernelFeatureFacts& factsOf(KernelFeature feature);
std::span<const KernelFeatureFacts> allKernelFeatures();

}  // namespace dmc
