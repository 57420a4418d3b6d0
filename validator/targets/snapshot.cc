// snapshot: <origin> <cow> <P|PO|N> <chunk_sectors> [<#features> <feature>...]
// (drivers/md/dm-snap.c snapshot_ctr, drivers/md/dm-exception-store.c). The rules are shared
// with snapshot-merge and live in validator/snapshot_args.cc.
#include "validator/snapshot_args.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkSnapshot(TargetCheckContext& c) { checkSnapshotArguments(c, false); }

// The origin is opened read-only (snapshot_ctr: FMODE_READ) and only read; the COW store is
// written.
DeviceUse deviceUse(size_t arg, size_t /*argc*/) {
  if (arg == 0) return DeviceUse{AreaAccess::OpensReadOnly, kSnapshotOriginSharing};
  return DeviceUse{};
}

}  // namespace

extern const TargetType kTarget_snapshot{
    .name = "snapshot",
    .summary = "a copy-on-write snapshot of an origin",
    .usage = "<origin> <cow> <P|PO|N> <chunk_sectors> [<#features> <feature>...]",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .check = checkSnapshot,
    .deviceUse = deviceUse,
    .echo = {.featuresAfter = kSnapshotFeatureCountArg},
};

}  // namespace dmc
