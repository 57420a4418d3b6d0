#pragma once
// The sector mapping (TargetType::sectorMapping) of a target that sends each sector of its
// range to the same offset of one device, as linear does.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "validator/target_type.h"

namespace dmc {

// nullopt with fewer than `minArgs` arguments. The device is argument `device`; the offset is
// argument `offset` (sscanf %llu), or 0 when the target has none.
std::optional<SectorMapping> oneToOneMapping(const std::vector<std::string>& args, size_t minArgs, size_t device,
                                             std::optional<size_t> offset);

}  // namespace dmc
