// delay: <dev> <offset> <delay_ms> [<wdev> <woffset> <wdelay_ms> [<fdev> <foffset> <fdelay_ms>]]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_delay{
    .name = "delay",
    .summary = "delays reads, writes and flushes",
    .usage = "<dev> <offset> <delay_ms> [<wdev> <woffset> <wdelay_ms> [<fdev> <foffset> <fdelay_ms>]]",
    .features61 = kPassesIntegrity,
    .features72 = kPassesIntegrity | kZonedHostManaged,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
