// unstriped: <#stripes> <chunk_sectors> <stripe#> <dev> <offset>
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_unstriped{
    .name = "unstriped",
    .summary = "exposes one stripe of a striped device",
    .usage = "<#stripes> <chunk_sectors> <stripe#> <dev> <offset>",
    .features61 = kNoWait,
    .features72 = kNoWait,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
