// zero: no arguments; reads return zeros, writes are discarded  (drivers/md/dm-zero.c)
#include <fmt/format.h>

#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkZero(TargetCheckContext& c) {
  if (c.argCount() != 0)
    c.failAt(0, "No arguments required", fmt::format("zero takes no arguments; {} given", c.argCount()));
}

}  // namespace

extern const TargetType kTarget_zero{
    .name = "zero",
    .summary = "reads return zeros, writes are discarded",
    .usage = "(no arguments)",
    .features61 = kNoWait,
    .features72 = kNoWait,
    .check = checkZero,
    .echo = {.printsNoArgs = true},  // dm-zero has no status function
};

}  // namespace dmc
