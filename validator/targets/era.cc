// era: <metadata_dev> <origin_dev> <block_sectors>
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_era{
    .name = "era",
    .summary = "tracks which blocks were written in which era",
    .usage = "<metadata_dev> <origin_dev> <block_sectors>",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
