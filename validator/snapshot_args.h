#pragma once
// The argument rules shared by the snapshot and snapshot-merge targets: both use
// snapshot_ctr() in drivers/md/dm-snap.c, with the exception store of dm-exception-store.c.

#include <cstddef>

namespace dmc {

class TargetCheckContext;

// <origin> <cow> <P|PO|N> <chunk_sectors> [<#features> <feature>...]; `merge` adds the
// snapshot-merge rule that the store must be persistent.
// The tag of the areas the snapshot targets share by design: the origin, which snapshot reads,
// snapshot-origin and snapshot-merge write, the kernel copying chunks out before each write.
inline constexpr const char* kSnapshotOriginSharing = "snapshot origin";
// Where the optional "<#features> <feature>..." group starts (snapshot_status leaves it out
// when empty).
inline constexpr size_t kSnapshotFeatureCountArg = 4;

void checkSnapshotArguments(TargetCheckContext& c, bool merge);

}  // namespace dmc
