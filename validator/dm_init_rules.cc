#include "validator/dm_init_rules.h"

#include <fmt/format.h>

#include "support/display_escape.h"
#include "validator/target_registry.h"

namespace dmc {

namespace {

// "crypt, delay, linear, snapshot-origin, striped, verity"
std::string dmInitTargetNames() {
  std::string names;
  for (const TargetType* type : allTargetTypes())
    if (type->dmInit) names += fmt::format("{}{}", names.empty() ? "" : ", ", type->name);
  return names;
}

}  // namespace

std::optional<std::string> dmInitRefusesTarget(std::string_view type) {
  const TargetType* known = findTargetType(type);
  // A name no kernel has is the unknown-target error alone (one mistake, one error: a tab in
  // "linear\t8:1", which dm-init does not split on, makes the whole word the type).
  if (known == nullptr || known->dmInit) return std::nullopt;
  return fmt::format("dm-mod.create cannot create {} targets: dm-init accepts only {}", escapeForDisplay(type),
                     dmInitTargetNames());
}

}  // namespace dmc
