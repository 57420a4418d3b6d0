#include "validator/kernel_build.h"

#include <algorithm>


namespace dmc {

KernelBuild KernelBuild::everyOption() {
  KernelBuild build;
  build.origin_ = "an upstream build with every dm option";
  return build;
}

KernelBuild KernelBuild::debian12() {
  KernelBuild build;
  // Not set in Debian 12's config-6.1.0-*-amd64 (read from the installed kernel's config).
  build.listed_ = {"CONFIG_DM_CLONE", "CONFIG_DM_DUST", "CONFIG_DM_EBS", "CONFIG_DM_INIT",
                   "CONFIG_DM_MULTIPATH_HST", "CONFIG_DM_MULTIPATH_IOA", "CONFIG_TRUSTED_KEYS"};
  build.origin_ = "Debian 12's 6.1 build";
  return build;
}

std::optional<KernelBuild> KernelBuild::fromConfig(std::string_view text, std::string origin, std::string& error) {
  KernelBuild build;
  build.allExceptListed_ = false;
  build.origin_ = std::move(origin);
  bool sawConfig = false;
  while (!text.empty()) {
    size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("# CONFIG_") && line.ends_with(" is not set")) sawConfig = true;
    if (!line.starts_with("CONFIG_")) continue;
    sawConfig = true;
    size_t equals = line.find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view value = line.substr(equals + 1);
    if (value == "y" || value == "m") build.listed_.emplace_back(line.substr(0, equals));
  }
  if (!sawConfig) {
    error = "no CONFIG_ line: not a kernel config (give a .config or /boot/config-VERSION)";
    return std::nullopt;
  }
  return build;
}

void KernelBuild::add(std::string_view symbol) {
  if (has(symbol)) return;
  if (allExceptListed_) listed_.erase(std::find(listed_.begin(), listed_.end(), symbol));
  else listed_.emplace_back(symbol);
}

bool KernelBuild::has(std::string_view symbol) const {
  bool listed = std::find(listed_.begin(), listed_.end(), symbol) != listed_.end();
  return allExceptListed_ ? !listed : listed;
}

}  // namespace dmc
