// flakey: <dev> <offset> <up_seconds> <down_seconds> [<#features> <feature>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_flakey{
    .name = "flakey",
    .summary = "fails or corrupts I/O periodically, for testing",
    .usage = "<dev> <offset> <up_seconds> <down_seconds> [<#features> <feature>...]",
    .features61 = kZonedHostManaged | kPassesCrypto,
    .features72 = kZonedHostManaged | kPassesCrypto,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
