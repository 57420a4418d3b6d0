#pragma once
// --kernel live: the running kernel's version (uname -r), its build's config
// (/boot/config-RELEASE when readable) and the target types its device-mapper driver has
// registered, with their versions (DM_LIST_VERSIONS, as `dmsetup targets` prints them).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "validator/kernel_choice.h"

namespace dmc {

struct RegisteredTarget {
  std::string name;
  std::array<uint32_t, 3> version{};
};

struct LiveKernel {
  std::string release;                       // uname -r
  KernelChoice choice;                       // the rule set at or below it, and its build
  std::vector<RegisteredTarget> registered;  // loaded target types (modules load on first use)
  std::vector<std::string> outOfTree;        // registered types no upstream kernel has
  std::vector<std::string> notes;            // where a fact could not be read, and what was assumed
};

// nullopt, with the reason in `error`, when the release is not a version dmc has rules for.
std::optional<LiveKernel> probeLiveKernel(std::string& error);

// The registered target list of the device-mapper driver; nullopt, with `error`, when it cannot
// be asked (no /dev/mapper/control, no permission).
std::optional<std::vector<RegisteredTarget>> listRegisteredTargets(std::string& error);

}  // namespace dmc
