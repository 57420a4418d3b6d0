// linear: <dev> <offset>  (drivers/md/dm-linear.c)
#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/one_to_one_mapping.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkLinear(TargetCheckContext& c) {
  if (c.argCount() != 2) {
    return c.failAt(2, "Invalid argument count",
                    fmt::format("linear takes exactly 2 arguments, <device> <offset>; {} given", c.argCount()));
  }
  auto offset = ArgCursor::at(c, 1).sector("Invalid device sector");
  if (!offset) return;
  c.useDevice(0, *offset, c.length(), 1);
}

// One to one from <offset> of <device>.
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  return oneToOneMapping(args, 2, 0, 1);
}

}  // namespace

extern const TargetType kTarget_linear{
    .name = "linear",
    .summary = "maps the range onto a contiguous range of another device",
    .usage = "<device> <offset>",
    .features61 = kPassesIntegrity | kNoWait | kZonedHostManaged | kPassesCrypto,
    .features72 = kPassesIntegrity | kNoWait | kZonedHostManaged | kPassesCrypto | kAtomicWrites,
    .dmInit = true,
    .sectorMapping = mapSectors,
    .check = checkLinear,
};

}  // namespace dmc
