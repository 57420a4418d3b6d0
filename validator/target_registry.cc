#include "validator/target_registry.h"

#include <algorithm>
#include <array>
#include <vector>

#include "support/edit_distance.h"

namespace dmc {

#define DMC_TARGET(id) extern const TargetType kTarget_##id;
#include "validator/targets/target_list.inc"
#undef DMC_TARGET

namespace {

constexpr std::array kAllTargets = {
#define DMC_TARGET(id) &kTarget_##id,
#include "validator/targets/target_list.inc"
#undef DMC_TARGET
};

}  // namespace

std::span<const TargetType* const> allTargetTypes() { return kAllTargets; }

const TargetType* findTargetType(std::string_view name) {
  for (const TargetType* type : kAllTargets)
    if (type->name == name) return type;
  return nullptr;
}

std::string suggestTargetType(std::string_view name) {
  std::vector<std::string_view> names;
  for (const TargetType* type : kAllTargets) names.push_back(type->name);
  return closestMatch(name, names);
}

}  // namespace dmc
