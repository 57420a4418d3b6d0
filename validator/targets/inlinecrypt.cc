// inlinecrypt: crypt's table syntax, encrypting through inline encryption hardware (blk-crypto)
// instead of the crypto API (drivers/md/dm-inlinecrypt.c; in the 7.2 sources, its first release
// not established). Known so that tables using it are not "unknown"; its arguments are not
// checked yet, but its key is masked in every output as crypt's is.
#include <span>
#include <string_view>
#include <vector>

#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kKeyArg = 1;

// The key is the second argument, as in crypt; a keyring reference (":...") or "-" holds none.
void findInlineCryptSecrets(std::span<const std::string_view> args, std::vector<SecretSpan>& out) {
  if (args.size() <= kKeyArg) return;
  std::string_view key = args[kKeyArg];
  const bool named = key.empty() || key == "-" || key.front() == ':';
  out.push_back(SecretSpan{kKeyArg, 0, named ? 0 : key.size()});
}

}  // namespace

extern const TargetType kTarget_inlinecrypt{
    .name = "inlinecrypt",
    .summary = "encrypts with inline encryption hardware (blk-crypto); arguments not checked yet",
    .usage = "<cipher> <key> <iv_offset> <device> <offset> [<#opt> <opt>...]",
    .features61 = 0,
    .features72 = kZonedHostManaged,
    .queue = QueueKind::Bio,
    .secrets = findInlineCryptSecrets,
};

}  // namespace dmc
