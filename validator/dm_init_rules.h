#pragma once
// What dm-init (the kernel's dm-mod.create= parameter, drivers/md/dm-init.c) accepts beyond a
// table's own rules: its size limits, and only the target types that say so (TargetType::dmInit).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dmc {

inline constexpr size_t kDmInitMaxLength = 4095;  // DM_MAX_STR_SIZE 4096 with its NUL
inline constexpr size_t kDmInitMaxDevices = 256;
inline constexpr size_t kDmInitMaxTargets = 256;

// Why dm-init cannot create a target of this known type, or nullopt when it can (or when no
// kernel has the type: the unknown-target error, with its suggestion, says that alone).
std::optional<std::string> dmInitRefusesTarget(std::string_view type);

}  // namespace dmc
