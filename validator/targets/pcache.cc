// pcache: <cache_dev> <backing_dev> [<#opt> [cache_mode writeback] [data_crc true|false]]
// (drivers/md/dm-pcache/, upstream since 6.18): a cache on persistent memory (DAX) in front of a
// slower device. Known so that tables using it are not "unknown"; its arguments are not checked
// yet (docs/targets.md says so).
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_pcache{
    .name = "pcache",
    .summary = "caches a device on persistent memory (DAX); arguments not checked yet",
    .usage = "<cache_dev> <backing_dev> [<#opt> [cache_mode writeback] [data_crc <true|false>]]",
    .features61 = 0,
    .features72 = kSingleton,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
