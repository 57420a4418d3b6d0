#pragma once
// A kernel release as dmc's rules know it (major.minor), and the versions dmc models. Every rule
// that changed between kernels records the version that brought the change (validator/
// kernel_features.h, validator/target_availability.h); a chosen kernel is compared with it.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dmc {

struct KernelVersion {
  uint16_t major = 0;
  uint16_t minor = 0;
  auto operator<=>(const KernelVersion&) const = default;
};

inline constexpr KernelVersion kKernel5_4{5, 4};
inline constexpr KernelVersion kKernel5_10{5, 10};
inline constexpr KernelVersion kKernel5_15{5, 15};
inline constexpr KernelVersion kKernel6_1{6, 1};  // Debian 12: the test kernel and the default
inline constexpr KernelVersion kKernel6_6{6, 6};
inline constexpr KernelVersion kKernel6_12{6, 12};
inline constexpr KernelVersion kKernel7_2{7, 2};  // the newest kernel whose sources dmc's rules were read from

inline constexpr KernelVersion kDefaultKernel = kKernel6_1;
inline constexpr KernelVersion kOldestModelledKernel = kKernel5_4;
inline constexpr KernelVersion kNewestModelledKernel = kKernel7_2;

// "6.1", "6.12.3", "6.1.0-57-amd64" (uname -r), "7.2-rc1": the leading major.minor. nullopt when
// the text does not start with one.
std::optional<KernelVersion> parseKernelVersion(std::string_view text);

std::string kernelVersionName(KernelVersion version);

}  // namespace dmc
