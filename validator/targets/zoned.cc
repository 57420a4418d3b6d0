// zoned: <zoned_dev> [<regular_dev>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_zoned{
    .name = "zoned",
    .summary = "exposes a zoned device as a regular one",
    .usage = "<zoned_dev> [<regular_dev>...]",
    .features61 = kSingleton | kMixedZonedModel,
    .features72 = kSingleton | kMixedZonedModel,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
