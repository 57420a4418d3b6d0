// inlinecrypt: crypt's table syntax, encrypting through inline encryption hardware (blk-crypto)
// instead of the crypto API (drivers/md/dm-inlinecrypt.c; in the 7.2 sources, its first release
// not established). Known so that tables using it are not "unknown"; its arguments are not
// checked yet, but its key is masked in every output as crypt's is.
#include <string_view>

#include "validator/target_secrets.h"
#include "validator/target_type.h"

namespace dmc {

extern const TargetType kTarget_inlinecrypt{
    .name = "inlinecrypt",
    .summary = "encrypts with inline encryption hardware (blk-crypto); arguments not checked yet",
    .usage = "<cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...]",
    .features61 = 0,
    .features72 = kZonedHostManaged,
    .queue = QueueKind::Bio,
    .secrets = findKeyInSecondArgument,
};

}  // namespace dmc
