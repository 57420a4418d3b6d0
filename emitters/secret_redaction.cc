#include "emitters/secret_redaction.h"

#include "validator/target_secrets.h"

namespace dmc {

// Both ask the target type (TargetType::secrets, validator/target_secrets.h): no channel names
// a target that takes keys.
bool hasSecrets(std::string_view type) { return targetTakesKeys(type); }

std::string redactSecrets(std::string_view type, std::string_view params) { return maskSecretParams(type, params); }

}  // namespace dmc
