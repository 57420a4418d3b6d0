// writecache: <p|s> <origin> <cache> <block_bytes> <#opt> [<opt>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_writecache{
    .name = "writecache",
    .summary = "caches writes on a faster device",
    .usage = "<p|s> <origin> <cache> <block_bytes> <#opt> [<opt>...]",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
