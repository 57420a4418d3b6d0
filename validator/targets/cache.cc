// cache: <metadata_dev> <cache_dev> <origin_dev> <block_sectors> <#features> [<feature>...] <policy> <#policy_args> [<key> <value>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_cache{
    .name = "cache",
    .summary = "caches a slow origin on a fast device",
    .usage = "<metadata_dev> <cache_dev> <origin_dev> <block_sectors> <#features> [<feature>...] <policy> <#policy_args> [<key> <value>...]",
    .features61 = 0,
    .features72 = 0,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
