#pragma once
// Which kernel's rules apply: the test kernel (Debian 12's 6.1) or the newest seen (7.2).

#include <optional>
#include <string_view>

namespace dmc {

enum class KernelProfile { V6_1, V7_2 };

inline std::optional<KernelProfile> kernelProfileFromName(std::string_view name) {
  if (name == "6.1") return KernelProfile::V6_1;
  if (name == "7.2") return KernelProfile::V7_2;
  return std::nullopt;
}

inline std::string_view kernelProfileName(KernelProfile profile) {
  return profile == KernelProfile::V6_1 ? "6.1" : "7.2";
}

}  // namespace dmc
