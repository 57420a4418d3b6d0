// integrity: <dev> <start> <tag_size|-> <mode> <#opt> [<opt>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_integrity{
    .name = "integrity",
    .summary = "stores integrity tags beside each sector",
    .usage = "<dev> <start> <tag_size|-> <mode> <#opt> [<opt>...]",
    .features61 = kSingleton | kIntegrity,
    .features72 = kSingleton | kIntegrity,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
