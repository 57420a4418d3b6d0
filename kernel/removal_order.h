#pragma once
// dmc remove NAME...: the order that removes every named device, holders first, and whether it
// may go ahead at all. Every device must exist and be open only by devices being removed with
// it, so a removal does all of its work or none.

#include <string>
#include <vector>

#include "kernel/kernel_interface.h"

namespace dmc {

struct RemovalOrder {
  std::vector<std::string> order;     // holders first; empty when there are problems
  std::vector<std::string> problems;  // why nothing may be removed, one sentence each
};

RemovalOrder orderForRemoval(KernelInterface& kernel, const std::vector<std::string>& names);

}  // namespace dmc
