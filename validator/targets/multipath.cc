// multipath: <#features> <feature>... <#hw_args> [<hw_handler> <arg>...] <#pgs> <initial_pg> <pg>...
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_multipath{
    .name = "multipath",
    .summary = "multiple paths to one device",
    .usage = "<#features> <feature>... <#hw_args> [<hw_handler> <arg>...] <#pgs> <initial_pg> <pg>...",
    .features61 = kSingleton | kImmutable | kPassesIntegrity,
    .features72 = kSingleton | kImmutable | kPassesIntegrity | kAtomicWrites,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Request,
};

}  // namespace dmc
