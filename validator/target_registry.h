#pragma once
// Every target type dmc knows, collected from validator/targets/*.cc at build time
// (CMake writes the list; adding a target is adding one file there).

#include <span>
#include <string>
#include <string_view>

#include "validator/target_type.h"

namespace dmc {

std::span<const TargetType* const> allTargetTypes();

// Exact, case-sensitive, as the kernel's lookup. nullptr if unknown.
const TargetType* findTargetType(std::string_view name);

// The closest known name for a misspelt one, or "".
std::string suggestTargetType(std::string_view name);

}  // namespace dmc
