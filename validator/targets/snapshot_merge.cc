// snapshot-merge: <origin> <cow> <P|PO> <chunk_sectors> [<#features> <feature>...]
// (drivers/md/dm-snap.c: the same constructor as snapshot, plus the persistent-store rule).
#include "validator/snapshot_args.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkSnapshotMerge(TargetCheckContext& c) { checkSnapshotArguments(c, true); }

}  // namespace

extern const TargetType kTarget_snapshot_merge{
    .name = "snapshot-merge",
    .summary = "merges a snapshot back into its origin",
    .usage = "<origin> <cow> <P|PO> <chunk_sectors> [<#features> <feature>...]",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
    .check = checkSnapshotMerge,
};

}  // namespace dmc
