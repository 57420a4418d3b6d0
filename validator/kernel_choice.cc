#include "validator/kernel_choice.h"

#include <fmt/format.h>

namespace dmc {

KernelChoice KernelChoice::of(KernelVersion version) {
  return KernelChoice{version, version == kKernel6_1 ? KernelBuild::debian12() : KernelBuild::everyOption()};
}

std::optional<std::string> KernelChoice::missing(KernelFeature feature) const {
  const KernelFeatureFacts& facts = factsOf(feature);
  if (version < facts.since) {
    return fmt::format("kernel {} predates it ({}{})", kernelVersionName(version), kernelVersionName(facts.since),
                       facts.sinceEstablished ? "" : " at the latest");
  }
  if (!facts.config.empty() && !build.has(facts.config))
    return fmt::format("{} leaves it out ({} is not set)", build.origin(), facts.config);
  return std::nullopt;
}

const KernelChoice& defaultKernelChoice() {
  static const KernelChoice choice = KernelChoice::of(kDefaultKernel);
  return choice;
}

}  // namespace dmc
