// verity: <version> <data_dev> <hash_dev> <data_block_size> <hash_block_size> <#data_blocks> <hash_start> <algorithm> <digest> <salt> [<#opt> <opt>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_verity{
    .name = "verity",
    .summary = "verifies reads against a hash tree (read-only)",
    .usage = "<version> <data_dev> <hash_dev> <data_block_size> <hash_block_size> <#data_blocks> <hash_start> <algorithm> <digest> <salt> [<#opt> <opt>...]",
    .features61 = kImmutable,
    .features72 = kSingleton | kImmutable,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
