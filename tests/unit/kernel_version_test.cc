// The version index: parsing kernel releases, the rule set a version gets, and which rules and
// targets each version has.
#include <catch2/catch.hpp>

#include "validator/kernel_choice.h"
#include "validator/kernel_rule_sets.h"
#include "validator/target_availability.h"
#include "validator/target_registry.h"

using dmc::KernelVersion;

TEST_CASE("kernel versions parse as uname -r and people write them", "[kernel-version]") {
  CHECK(dmc::parseKernelVersion("6.1") == KernelVersion{6, 1});
  CHECK(dmc::parseKernelVersion("6.12.3") == KernelVersion{6, 12});
  CHECK(dmc::parseKernelVersion("6.1.0-57-amd64") == KernelVersion{6, 1});
  CHECK(dmc::parseKernelVersion("7.2-rc1") == KernelVersion{7, 2});
  CHECK(dmc::parseKernelVersion("5.15.0+") == KernelVersion{5, 15});
  CHECK_FALSE(dmc::parseKernelVersion(""));
  CHECK_FALSE(dmc::parseKernelVersion("6"));
  CHECK_FALSE(dmc::parseKernelVersion("6."));
  CHECK_FALSE(dmc::parseKernelVersion("6.x"));
  CHECK_FALSE(dmc::parseKernelVersion("six.one"));
  CHECK_FALSE(dmc::parseKernelVersion("0.1"));
  CHECK_FALSE(dmc::parseKernelVersion("6.1a"));
  CHECK_FALSE(dmc::parseKernelVersion("99999999.1"));
  CHECK(dmc::kernelVersionName({6, 12}) == "6.12");
  CHECK(KernelVersion{6, 9} < KernelVersion{6, 10});  // numbers, not text
}

TEST_CASE("a version takes the nearest rule set at or below it", "[kernel-version]") {
  CHECK(dmc::ruleSetFor({6, 1}) == KernelVersion{6, 1});
  CHECK(dmc::ruleSetFor({6, 3}) == KernelVersion{6, 1});
  CHECK(dmc::ruleSetFor({6, 5}) == KernelVersion{6, 4});
  CHECK(dmc::ruleSetFor({6, 9}) == KernelVersion{6, 9});  // vdo arrives
  CHECK(dmc::ruleSetFor({6, 17}) == KernelVersion{6, 12});
  CHECK(dmc::ruleSetFor({9, 0}) == dmc::kNewestModelledKernel);
  CHECK_FALSE(dmc::ruleSetFor({5, 3}));
  CHECK_FALSE(dmc::ruleSetFor({4, 19}));
  // The long-term kernels users run are rule sets of their own.
  for (KernelVersion lts : {dmc::kKernel5_10, dmc::kKernel5_15, dmc::kKernel6_1, dmc::kKernel6_6, dmc::kKernel6_12})
    CHECK(dmc::ruleSetFor(lts) == lts);
}

TEST_CASE("features apply from their first version, and need their config", "[kernel-version]") {
  using dmc::KernelFeature;
  CHECK_FALSE(dmc::KernelChoice::of({6, 6}).has(KernelFeature::CryptHighPriority));
  CHECK(dmc::KernelChoice::of({6, 10}).has(KernelFeature::CryptHighPriority));
  CHECK_FALSE(dmc::KernelChoice::of({6, 10}).has(KernelFeature::IntegrityInlineMode));
  CHECK(dmc::KernelChoice::of({6, 11}).has(KernelFeature::IntegrityInlineMode));
  // Upstream 6.1 has io-affinity; Debian 12's build leaves it out.
  CHECK_FALSE(dmc::KernelChoice::of({6, 1}).has(KernelFeature::MultipathIoAffinity));
  CHECK(dmc::KernelChoice{{6, 1}, dmc::KernelBuild::everyOption()}.has(KernelFeature::MultipathIoAffinity));
  CHECK_FALSE(dmc::KernelChoice::of({5, 4}).has(KernelFeature::MultipathIoAffinity));
  auto why = dmc::KernelChoice::of({5, 4}).missing(KernelFeature::MultipathIoAffinity);
  REQUIRE(why);
  CHECK(*why == "kernel 5.4 predates it (5.10)");
}

TEST_CASE("every registered target has availability facts, and every upstream one is registered",
          "[kernel-version]") {
  for (const dmc::TargetType* type : dmc::allTargetTypes()) {
    INFO(std::string(type->name));
    CHECK(dmc::availabilityOf(type->name) != nullptr);
  }
  for (const dmc::TargetAvailability& target : dmc::allTargetAvailability()) {
    INFO(std::string(target.name));
    CHECK(dmc::findTargetType(target.name) != nullptr);
    CHECK(target.config.starts_with("CONFIG_"));
  }
}

TEST_CASE("a target is available when the version has it and the build compiled it", "[kernel-version]") {
  const dmc::TargetAvailability& clone = *dmc::availabilityOf("clone");
  const dmc::TargetAvailability& vdo = *dmc::availabilityOf("vdo");
  dmc::KernelBuild every = dmc::KernelBuild::everyOption();
  CHECK(dmc::whyUnavailable(clone, {5, 4}, every) == std::nullopt);
  CHECK(dmc::whyUnavailable(clone, {5, 3}, every).has_value());
  CHECK(dmc::whyUnavailable(clone, {6, 1}, dmc::KernelBuild::debian12()).value() ==
        "Debian 12's 6.1 build leaves it out (CONFIG_DM_CLONE is not set)");
  CHECK(dmc::whyUnavailable(vdo, {6, 8}, every).value() == "kernel 6.8 does not have it yet (vdo since 6.9)");
  CHECK(dmc::whyUnavailable(vdo, {6, 9}, every) == std::nullopt);
}

TEST_CASE("a kernel config says which options a build has", "[kernel-version]") {
  std::string error;
  auto build = dmc::KernelBuild::fromConfig(
      "#\n# Automatically generated file\nCONFIG_BLK_DEV_DM=y\nCONFIG_DM_CRYPT=m\n# CONFIG_DM_DUST is not set\r\n"
      "CONFIG_DM_EBS=n\nCONFIG_DM_VDO=\"m\"\nCONFIG_DM_CLONE=m\r\n",
      "test", error);
  REQUIRE(build);
  CHECK(build->has("CONFIG_BLK_DEV_DM"));
  CHECK(build->has("CONFIG_DM_CRYPT"));
  CHECK(build->has("CONFIG_DM_CLONE"));       // a CRLF line
  CHECK_FALSE(build->has("CONFIG_DM_DUST"));  // not set
  CHECK_FALSE(build->has("CONFIG_DM_EBS"));   // =n
  CHECK_FALSE(build->has("CONFIG_DM_VDO"));   // a string value is not y or m
  CHECK_FALSE(build->has("CONFIG_DM_ZONED"));  // not mentioned: not built
  CHECK_FALSE(dmc::KernelBuild::fromConfig("hello\n", "test", error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(dmc::KernelBuild::fromConfig("", "test", error));
  dmc::KernelBuild debian = dmc::KernelBuild::debian12();
  CHECK(debian.has("CONFIG_DM_CRYPT"));
  CHECK_FALSE(debian.has("CONFIG_DM_EBS"));
  debian.add("CONFIG_DM_EBS");
  CHECK(debian.has("CONFIG_DM_EBS"));
}
