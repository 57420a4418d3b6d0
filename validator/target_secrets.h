#pragma once
// Keys in table lines, for every channel that echoes arguments (diagnostics, JSON, dry runs,
// diffs, status). The target type says where its keys are (TargetType::secrets); on a line of a
// target that takes keys, any other token that looks like key material (a long hex string or a
// ":size:type:description" keyring reference) is treated as a key too: a key in the wrong slot
// is still a key.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "validator/target_type.h"

namespace dmc {

// A long hex string (at least 16 digits, with a letter or at least 32 digits, so sector counts
// are not mistaken for keys) or a keyring reference ":size:type:description".
bool looksLikeKeyMaterial(std::string_view token);

// Every span of the line's arguments to hide: the target's declared keys, then key-looking
// tokens elsewhere. None for a type that takes no keys; for an unknown type (nullptr), every
// key-looking run of hex digits, since nothing says where its keys are. A finder
// declares a key slot that holds no secret (a keyring reference, '-') with a zero-length span:
// that argument is then not scanned for key-looking tokens, and nothing of it is hidden.
std::vector<SecretSpan> secretSpans(const TargetType* type, std::span<const std::string_view> args);

// The SecretFinder of targets whose key is the second argument (<cipher> <key> ...: crypt,
// inlinecrypt). '-' (no key) and a keyring reference (":32:logon:x") hold no secret: the slot
// is declared with nothing to hide, so the reference is not taken for a stray key.
void findKeyInSecondArgument(std::span<const std::string_view> args, std::vector<SecretSpan>& out);

// The parameters of a line of this type hold at least one secret.
bool paramsHoldKeys(std::string_view typeName, std::string_view params);

// The size in bytes of the first key the parameters hold (hex digits / 2), 0 if none: what a
// keyring reference (":SIZE:logon:NAME") in its place must say.
size_t firstKeyBytes(std::string_view typeName, std::string_view params);

// The target (looked up by name) takes keys, or is unknown and so may: its table needs
// dm_task_secure_data and masking.
bool targetTakesKeys(std::string_view typeName);

// Parameters with each secret replaced by <key:N-hex-digits> (or <key:N-bytes> when not hex).
// Keyring references in the key slot name a key and stay. Unchanged for types without keys.
std::string maskSecretParams(std::string_view typeName, std::string_view params);

// Parameters with each secret replaced by a fixed placeholder (which hides the key's length too).
std::string replaceSecretParams(std::string_view typeName, std::string_view params, std::string_view placeholder);

}  // namespace dmc

namespace dmc {

class DiagnosticEngine;
struct TargetSyntax;

// Tells the engine where the line's secrets are, so every diagnostic about the line (its
// excerpt, message and notes) hides them. Done for every typed line before any check.
void markLineSecrets(DiagnosticEngine& engine, uint32_t file, uint32_t line, const TargetSyntax& syntax,
                     const TargetType* type);

// Hides every run of hex digits on the line that looks like key material. For lines no target
// type vouches for (the grammar refused them, the type is unknown, a boot string stopped early):
// nothing says where their keys are, so any key-looking text is taken for one.
void markUntypedLineSecrets(DiagnosticEngine& engine, uint32_t file, uint32_t line);

}  // namespace dmc
