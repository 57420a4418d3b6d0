#pragma once
// dmc's version index: the kernel versions whose rules differ, oldest first. They are the
// long-term kernels users run and every first version of a modelled target or feature
// (validator/target_availability, validator/kernel_features). `--kernel VERSION` takes the
// rule set at or below VERSION.

#include <optional>
#include <vector>

#include "validator/kernel_version.h"

namespace dmc {

const std::vector<KernelVersion>& kernelRuleSets();

// The rule set that applies to a kernel: the newest at or below it, nullopt below the oldest.
std::optional<KernelVersion> ruleSetFor(KernelVersion version);

}  // namespace dmc
