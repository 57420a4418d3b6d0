// raid: <raid_type> <#raid_params> <chunk_sectors> [<param>...] <#raid_devs> <meta_dev|-> <data_dev|->...
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_raid{
    .name = "raid",
    .summary = "MD RAID levels 0, 1, 4, 5, 6, 10 through dm",
    .usage = "<raid_type> <#raid_params> <chunk_sectors> [<param>...] <#raid_devs> <meta_dev|-> <data_dev|->...",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
