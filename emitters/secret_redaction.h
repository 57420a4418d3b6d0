#pragma once
// Keys in target parameters. Every channel that prints parameters (--dry-run plans, JSON,
// status, diff) hides them unless --show-keys; the loader asks the kernel to wipe its copies.

#include <string>
#include <string_view>

namespace dmc {

// Parameters with secrets replaced (crypt's hex key); keyring references (":32:logon:desc")
// stay, as dmsetup shows them.
std::string redactSecrets(std::string_view type, std::string_view params);

// True when a target type's parameters hold a key the ioctl should treat as secret data.
bool hasSecrets(std::string_view type);

}  // namespace dmc
