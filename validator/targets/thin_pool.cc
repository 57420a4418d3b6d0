// thin-pool: <metadata_dev> <data_dev> <block_sectors> <low_water_blocks> [<#features> <feature>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_thin_pool{
    .name = "thin-pool",
    .summary = "a pool of blocks shared by thin devices",
    .usage = "<metadata_dev> <data_dev> <block_sectors> <low_water_blocks> [<#features> <feature>...]",
    .features61 = kSingleton | kAlwaysWriteable | kImmutable,
    .features72 = kSingleton | kAlwaysWriteable | kImmutable,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
