// mirror: <log_type> <#log_args> <log_args...> <#mirrors> <dev> <offset>... [<#features> <feature>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_mirror{
    .name = "mirror",
    .summary = "mirrors writes to 2..9 devices (RAID1, old)",
    .usage = "<log_type> <#log_args> <log_args...> <#mirrors> <dev> <offset>... [<#features> <feature>...]",
    .features61 = 0,
    .features72 = kAtomicWrites,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
