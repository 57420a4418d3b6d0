#pragma once
// The kernel a table is checked for: a version (which rules and targets exist) and a build
// (which of them its config compiled). Checks ask it whether a feature applies.

#include <optional>
#include <string>

#include "validator/kernel_build.h"
#include "validator/kernel_features.h"
#include "validator/kernel_version.h"

namespace dmc {

struct KernelChoice {
  KernelVersion version = kDefaultKernel;
  KernelBuild build = KernelBuild::debian12();

  // A version with the build dmc assumes for it: Debian 12's for 6.1 (the tested default),
  // an upstream build with every option for any other.
  static KernelChoice of(KernelVersion version);

  bool has(KernelFeature feature) const { return !missing(feature).has_value(); }
  // Why the kernel lacks a feature ("kernel 6.1 predates it (6.10)", "Debian 12's 6.1 build
  // leaves it out (CONFIG_X is not set)"); nullopt when it has it.
  std::optional<std::string> missing(KernelFeature feature) const;
};

const KernelChoice& defaultKernelChoice();

}  // namespace dmc
