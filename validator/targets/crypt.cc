// crypt: <cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...]
// Name, flags and kernels are registered; the argument rules are not written yet (issue 3),
// so dmc accepts any arguments for this target until then.
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_crypt{
    .name = "crypt",
    .summary = "encrypts the range with the kernel crypto API (dm-crypt)",
    .usage = "<cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...]",
    .features61 = kZonedHostManaged,
    .features72 = kZonedHostManaged | kAtomicWrites,
    .in61 = true,
    .in72 = true,
    .queue = QueueKind::Bio,
};

}  // namespace dmc
