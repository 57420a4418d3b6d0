// snapshot: <origin> <cow> <P|PO|N> <chunk_sectors> [<#features> <feature>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_snapshot{
    .name = "snapshot",
    .summary = "a copy-on-write snapshot of an origin",
    .usage = "<origin> <cow> <P|PO|N> <chunk_sectors> [<#features> <feature>...]",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
