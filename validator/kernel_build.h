#pragma once
// Which optional parts a particular kernel build has: its config (CONFIG_DM_DUST=m, "# CONFIG_DM_EBS
// is not set"). A version says which targets exist; a build says which of them were compiled.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dmc {

class KernelBuild {
 public:
  // Every option upstream offers is built (what dmc assumes for a version without a config).
  static KernelBuild everyOption();
  // Debian 12's 6.1 kernel (linux-image-6.1.0-*-amd64): every dm option except those its
  // config leaves out (docs/targets.md lists them). The default with --kernel 6.1.
  static KernelBuild debian12();
  // A kernel .config or /boot/config-*: the CONFIG_* symbols set to y or m. nullopt, with the
  // reason in `error`, when the text has no CONFIG_ line at all (not a kernel config).
  static std::optional<KernelBuild> fromConfig(std::string_view text, std::string origin, std::string& error);

  bool has(std::string_view symbol) const;
  // The build has this option after all (the running kernel has registered its target).
  void add(std::string_view symbol);
  // Where the facts come from, for messages: "Debian 12's 6.1 build", "config /boot/config-6.6.0".
  const std::string& origin() const { return origin_; }

 private:
  bool allExceptListed_ = true;  // true: every symbol but `listed_`; false: only `listed_`
  std::vector<std::string> listed_;
  std::string origin_;
};

}  // namespace dmc
