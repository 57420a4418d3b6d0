// snapshot-origin: <device>  (drivers/md/dm-snap.c, origin_ctr)
#include <fmt/format.h>

#include "validator/one_to_one_mapping.h"
#include "validator/snapshot_args.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkSnapshotOrigin(TargetCheckContext& c) {
  if (c.argCount() != 1) {
    return c.failAt(
        c.argCount() == 0 ? 0 : 1, "origin: incorrect number of arguments",
        fmt::format("snapshot-origin takes exactly one argument, the origin device; {} given", c.argCount()));
  }
  // origin_iterate_devices: the device must hold the whole target.
  c.useDevice(0, 0, c.length(), std::nullopt);
}

// One to one onto <origin>, sector for sector of the mapped device: origin_map() only changes
// the bio's device, never its sector.
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  std::optional<SectorMapping> mapping = oneToOneMapping(args, 1, 0, std::nullopt);
  if (mapping) mapping->mapsDeviceSector = true;
  return mapping;
}

// Writes to the origin go through it, after the snapshots of the same origin copied the chunks.
DeviceUse deviceUse(size_t /*arg*/, size_t /*argc*/) { return DeviceUse{AreaAccess::ReadsWrites, kSnapshotOriginSharing}; }

}  // namespace

extern const TargetType kTarget_snapshot_origin{
    .name = "snapshot-origin",
    .summary = "the origin of snapshots; writes copy old data first",
    .usage = "<device>",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .dmInit = true,
    .sectorMapping = mapSectors,
    .check = checkSnapshotOrigin,
    .deviceUse = deviceUse,
};

}  // namespace dmc
