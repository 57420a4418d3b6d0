// log-writes: <dev> <log_dev>  (drivers/md/dm-log-writes.c)
// Only too few arguments are refused; any after the second are ignored by the kernel.
#include <fmt/format.h>

#include "validator/one_to_one_mapping.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkLogWrites(TargetCheckContext& c) {
  if (c.argCount() < 2) {
    return c.failAt(c.argCount(), "Invalid argument count",
                    fmt::format("log-writes needs <dev> <log_dev>; {} given", c.argCount()));
  }
  // The kernel checks (0, target length) of the data device; the log device is not checked.
  c.useDevice(0, 0, c.length(), std::nullopt);
  c.referToDevice(1);  // the log device
}

// One to one onto <dev_path>, sector for sector of the mapped device: normal_map_bio() only
// changes the bio's device, never its sector (the log device only records writes).
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  std::optional<SectorMapping> mapping = oneToOneMapping(args, 2, 0, std::nullopt);
  if (mapping) mapping->mapsDeviceSector = true;
  return mapping;
}

}  // namespace

extern const TargetType kTarget_log_writes{
    .name = "log-writes",
    .summary = "logs every write to a second device",
    .usage = "<dev> <log_dev>",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .sectorMapping = mapSectors,
    .check = checkLogWrites,
};

}  // namespace dmc
