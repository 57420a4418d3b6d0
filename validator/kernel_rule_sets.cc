#include "validator/kernel_rule_sets.h"

#include <algorithm>

#include "validator/kernel_features.h"
#include "validator/target_availability.h"

namespace dmc {

namespace {

std::vector<KernelVersion> collectRuleSets() {
  std::vector<KernelVersion> sets = {kKernel5_4, kKernel5_10, kKernel5_15, kKernel6_1,
                                     kKernel6_6, kKernel6_12, kNewestModelledKernel};
  for (const KernelFeatureFacts& feature : allKernelFeatures()) sets.push_back(feature.since);
  for (const TargetAvailability& target : allTargetAvailability())
    if (target.since >= kOldestModelledKernel) sets.push_back(target.since);
  std::sort(sets.begin(), sets.end());
  sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
  return sets;
}

}  // namespace

const std::vector<KernelVersion>& kernelRuleSets() {
  static const std::vector<KernelVersion> sets = collectRuleSets();
  return sets;
}

std::optional<KernelVersion> ruleSetFor(KernelVersion version) {
  const std::vector<KernelVersion>& sets = kernelRuleSets();
  auto after = std::upper_bound(sets.begin(), sets.end(), version);
  if (after == sets.begin()) return std::nullopt;
  return *(after - 1);
}

}  // namespace dmc
