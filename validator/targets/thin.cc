// thin: <pool_dev> <dev_id> [<external_origin_dev>]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_thin{
    .name = "thin",
    .summary = "a thinly provisioned device in a thin-pool",
    .usage = "<pool_dev> <dev_id> [<external_origin_dev>]",
    .features61 = 0,
    .features72 = kPassesCrypto,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
