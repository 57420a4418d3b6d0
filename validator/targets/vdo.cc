// vdo: V4 <storage_dev> <storage_4k_blocks> <minimum_io_bytes> <block_map_cache_4k_blocks>
//      <block_map_era_length> [<key> <value>...]
// (drivers/md/dm-vdo/, upstream since 6.9): deduplication, compression and thin provisioning.
// Known so that tables using it are not "unknown"; its arguments are not checked yet
// (docs/targets.md says so).
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_vdo{
    .name = "vdo",
    .summary = "deduplicates and compresses blocks (dm-vdo); arguments not checked yet",
    .usage = "V4 <storage_dev> <storage_4k_blocks> <minimum_io_bytes> <block_map_cache_4k_blocks> "
             "<block_map_era_length> [<key> <value>...]",
    .features61 = 0,
    .features72 = kSingleton,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
