#pragma once
// docs/targets.md, made from the target registry so the documentation cannot drift from
// what dmc checks: `dmc targets --format markdown > docs/targets.md` (a test compares).

#include <string>

#include "validator/kernel_choice.h"

namespace dmc {

std::string emitTargetsMarkdown();
std::string emitTargetsText(const KernelChoice& kernel);

}  // namespace dmc
