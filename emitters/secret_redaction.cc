#include "emitters/secret_redaction.h"

#include <vector>

#include <fmt/format.h>

#include "support/split_tokens.h"

namespace dmc {

bool hasSecrets(std::string_view type) { return type == "crypt"; }

std::string redactSecrets(std::string_view type, std::string_view params) {
  if (!hasSecrets(type)) return std::string(params);
  std::vector<std::string> tokens = splitTokens(params);
  if (tokens.size() < 2 || tokens[1].empty() || tokens[1][0] == ':' || tokens[1] == "-") return std::string(params);
  tokens[1] = fmt::format("<key:{}-hex-digits>", tokens[1].size());
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) out += (i ? " " : "") + tokens[i];
  return out;
}

}  // namespace dmc
