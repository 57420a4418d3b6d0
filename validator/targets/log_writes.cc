// log-writes: <dev> <log_dev>
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_log_writes{
    .name = "log-writes",
    .summary = "logs every write to a second device",
    .usage = "<dev> <log_dev>",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
