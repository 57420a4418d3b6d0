#include "validator/target_secrets.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "diagnostics/diagnostic_engine.h"
#include "grammar/line_syntax.h"
#include "support/split_tokens.h"
#include "validator/target_registry.h"

namespace dmc {

namespace {

bool isHexDigit(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

bool isKeyringReference(std::string_view token) {
  // ":<decimal size>:<type>:<description>", the form crypt_set_keyring_key reads.
  if (token.size() < 5 || token.front() != ':') return false;
  size_t sizeEnd = token.find(':', 1);
  if (sizeEnd == std::string_view::npos || sizeEnd == 1) return false;
  if (!std::all_of(token.begin() + 1, token.begin() + static_cast<long>(sizeEnd),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
    return false;
  size_t typeEnd = token.find(':', sizeEnd + 1);
  return typeEnd != std::string_view::npos && typeEnd > sizeEnd + 1 && typeEnd + 1 < token.size();
}

std::string maskOf(std::string_view secret) {
  if (std::all_of(secret.begin(), secret.end(), isHexDigit)) return fmt::format("<key:{}-hex-digits>", secret.size());
  return fmt::format("<key:{}-bytes>", secret.size());
}

}  // namespace

bool looksLikeKeyMaterial(std::string_view token) {
  if (isKeyringReference(token)) return true;
  if (token.size() < 16 || !std::all_of(token.begin(), token.end(), isHexDigit)) return false;
  const bool hasLetter = std::any_of(token.begin(), token.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  return hasLetter || token.size() >= 32;
}

namespace {

// Calls found(offset, length) for each run of hex digits in text that looks like key material.
template <typename Found>
void forEachKeyLookingRun(std::string_view text, Found found) {
  for (size_t i = 0; i < text.size();) {
    size_t end = i;
    while (end < text.size() && isHexDigit(text[end])) ++end;
    if (end > i && looksLikeKeyMaterial(text.substr(i, end - i))) found(i, end - i);
    i = end > i ? end : i + 1;
  }
}

}  // namespace

std::vector<SecretSpan> secretSpans(const TargetType* type, std::span<const std::string_view> args) {
  std::vector<SecretSpan> spans;
  if (type == nullptr) {  // nothing says where an unknown type keeps keys: hide whatever looks like one
    for (size_t i = 0; i < args.size(); ++i)
      forEachKeyLookingRun(args[i], [&](size_t offset, size_t length) { spans.push_back(SecretSpan{i, offset, length}); });
    return spans;
  }
  if (!type->takesKeys()) return spans;
  type->secrets(args, spans);
  const size_t declared = spans.size();
  for (size_t i = 0; i < args.size(); ++i) {
    const bool inKeySlot = std::any_of(spans.begin(), spans.begin() + static_cast<long>(declared),
                                       [i](const SecretSpan& s) { return s.arg == i; });
    if (inKeySlot || !looksLikeKeyMaterial(args[i])) continue;
    spans.push_back(SecretSpan{i, 0, args[i].size()});
  }
  std::erase_if(spans, [](const SecretSpan& s) { return s.length == 0; });  // key slots naming a key
  return spans;
}

bool targetTakesKeys(std::string_view typeName) {
  const TargetType* type = findTargetType(typeName);
  return type == nullptr || type->takesKeys();  // an unknown type may hold keys anywhere
}

void findKeyInSecondArgument(std::span<const std::string_view> args, std::vector<SecretSpan>& out) {
  constexpr size_t kKeyArg = 1;
  if (args.size() <= kKeyArg) return;
  std::string_view key = args[kKeyArg];
  const bool named = key.empty() || key == "-" || key.front() == ':';
  out.push_back(SecretSpan{kKeyArg, 0, named ? 0 : key.size()});
}

bool paramsHoldKeys(std::string_view typeName, std::string_view params) {
  const TargetType* type = findTargetType(typeName);
  if (type != nullptr && !type->takesKeys()) return false;
  std::vector<std::string> tokens = splitTokens(params);
  std::vector<std::string_view> args(tokens.begin(), tokens.end());
  return !secretSpans(type, args).empty();
}

namespace {

template <typename Replace>
std::string rewriteSecrets(std::string_view typeName, std::string_view params, Replace replace) {
  const TargetType* type = findTargetType(typeName);
  if (type != nullptr && !type->takesKeys()) return std::string(params);
  std::vector<std::string> tokens = splitTokens(params);
  std::vector<std::string_view> args(tokens.begin(), tokens.end());
  std::vector<SecretSpan> spans = secretSpans(type, args);
  // Right to left within a token, so earlier offsets stay valid.
  std::sort(spans.begin(), spans.end(), [](const SecretSpan& a, const SecretSpan& b) {
    return a.arg != b.arg ? a.arg < b.arg : a.offset > b.offset;
  });
  std::vector<std::string> masked(tokens);
  for (const SecretSpan& span : spans)
    masked[span.arg].replace(span.offset, span.length, replace(std::string_view(tokens[span.arg]).substr(span.offset, span.length)));
  std::string out;
  for (size_t i = 0; i < masked.size(); ++i) out += (i ? " " : "") + masked[i];
  return out;
}

}  // namespace

size_t firstKeyBytes(std::string_view typeName, std::string_view params) {
  std::vector<std::string> tokens = splitTokens(params);
  std::vector<std::string_view> args(tokens.begin(), tokens.end());
  std::vector<SecretSpan> spans = secretSpans(findTargetType(typeName), args);
  return spans.empty() ? 0 : spans.front().length / 2;
}

std::string maskSecretParams(std::string_view typeName, std::string_view params) {
  return rewriteSecrets(typeName, params, maskOf);
}

std::string replaceSecretParams(std::string_view typeName, std::string_view params, std::string_view placeholder) {
  return rewriteSecrets(typeName, params, [placeholder](std::string_view) { return std::string(placeholder); });
}

}  // namespace dmc

namespace dmc {

void markLineSecrets(DiagnosticEngine& engine, uint32_t file, uint32_t line, const TargetSyntax& syntax,
                     const TargetType* type) {
  if (type == nullptr) return markUntypedLineSecrets(engine, file, line);
  if (!type->takesKeys()) return;
  std::vector<std::string_view> args;
  args.reserve(syntax.args.size());
  for (const Token& token : syntax.args) args.push_back(token.text);
  for (const SecretSpan& span : secretSpans(type, args)) {
    const Token& token = syntax.args[span.arg];
    engine.markSecret(Location{file, line, token.column + static_cast<uint32_t>(span.offset),
                               static_cast<uint32_t>(span.length)});
  }
  // A key typed into the start or length field is outside the arguments.
  markUntypedLineSecrets(engine, file, line);
}

void markUntypedLineSecrets(DiagnosticEngine& engine, uint32_t file, uint32_t line) {
  forEachKeyLookingRun(engine.file(file).lineText(line), [&](size_t offset, size_t length) {
    engine.markSecret(Location{file, line, static_cast<uint32_t>(offset + 1), static_cast<uint32_t>(length)});
  });
}

}  // namespace dmc
