// dust: <dev> <offset> <block_bytes>
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_dust{
    .name = "dust",
    .summary = "simulates bad sectors (not built in Debian 6.1)",
    .usage = "<dev> <offset> <block_bytes>",
    .features61 = 0,
    .features72 = 0,
    .in61 = false,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
