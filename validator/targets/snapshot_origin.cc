// snapshot-origin: <device>
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_snapshot_origin{
    .name = "snapshot-origin",
    .summary = "the origin of snapshots; writes copy old data first",
    .usage = "<device>",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
