// snapshot-merge: <origin> <cow> <P|PO> <chunk_sectors> [<#features> <feature>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_snapshot_merge{
    .name = "snapshot-merge",
    .summary = "merges a snapshot back into its origin",
    .usage = "<origin> <cow> <P|PO> <chunk_sectors> [<#features> <feature>...]",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
