#pragma once
// docs/targets.md, made from the target registry so the documentation cannot drift from
// what dmc checks: `dmc targets --format markdown > docs/targets.md` (a test compares).

#include <map>
#include <string>

#include "validator/kernel_choice.h"

namespace dmc {

std::string emitTargetsMarkdown();
// The targets a kernel has, each with its arguments; `registered` (name -> "v1.4.0", from a live
// kernel) adds each registered version, and lists registered types dmc does not know.
std::string emitTargetsText(const KernelChoice& kernel, const std::map<std::string, std::string>& registered = {});

}  // namespace dmc
