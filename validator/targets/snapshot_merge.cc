// snapshot-merge: <origin> <cow> <P|PO> <chunk_sectors> [<#features> <feature>...]
// (drivers/md/dm-snap.c: the same constructor as snapshot, plus the persistent-store rule).
#include "validator/snapshot_args.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkSnapshotMerge(TargetCheckContext& c) { checkSnapshotArguments(c, true); }

// The merge writes the copied chunks back into the origin (opened for writing).
DeviceUse deviceUse(size_t arg, size_t /*argc*/) {
  if (arg == 0) return DeviceUse{AreaAccess::ReadsWrites, kSnapshotOriginSharing};
  return DeviceUse{};
}

}  // namespace

extern const TargetType kTarget_snapshot_merge{
    .name = "snapshot-merge",
    .summary = "merges a snapshot back into its origin",
    .usage = "<origin> <cow> <P|PO> <chunk_sectors> [<#features> <feature>...]",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .check = checkSnapshotMerge,
    .deviceUse = deviceUse,
    .echo = {.featuresAfter = kSnapshotFeatureCountArg},
};

}  // namespace dmc
