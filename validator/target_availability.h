#pragma once
// Which kernels have each upstream target: the first version that has it, the config option
// that builds it and the module it is in, and the target's own version number (as `dmsetup targets` reports it) in the
// kernels whose sources dmc read. Existence (any upstream kernel has it) is separate from
// availability (the chosen version and build have it): the compiler reports them differently.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "validator/kernel_build.h"
#include "validator/kernel_version.h"

namespace dmc {

struct TargetAvailability {
  std::string_view name;
  // The first upstream release with the target; {0, 0}: older than every kernel dmc models (5.4).
  KernelVersion since;
  bool sinceEstablished;       // false: `since` is the oldest release dmc read with it
  std::string_view config;     // the CONFIG_ symbol that builds it
  std::string_view module;     // the module that registers it (dmc deps); empty: not known
  std::string_view version61;  // its target version in 6.1 ("1.4.0"); empty: not in 6.1 or not read
  std::string_view versionNewest;  // in 7.2; empty: not read
};

std::span<const TargetAvailability> allTargetAvailability();
// nullptr: no upstream kernel has a target of that name.
const TargetAvailability* availabilityOf(std::string_view name);

// Why the chosen kernel lacks a known target; nullopt when it has it.
std::optional<std::string> whyUnavailable(const TargetAvailability& target, KernelVersion kernel,
                                          const KernelBuild& build);

}  // namespace dmc
