// dmc targets: the target types dmc knows, with their arguments.
#include <cstdio>
#include <map>

#include <fmt/format.h>

#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "emitters/target_docs_emitter.h"
#include "kernel/live_kernel_probe.h"

namespace dmc::cli {

namespace {

// With --kernel live: each registered target's version, as dmsetup targets prints it.
std::map<std::string, std::string> registeredVersions(const std::string& kernel) {
  std::map<std::string, std::string> versions;
  if (kernel != "live") return versions;
  std::string error;
  std::optional<std::vector<RegisteredTarget>> registered = listRegisteredTargets(error);
  for (const RegisteredTarget& target : registered.value_or(std::vector<RegisteredTarget>{}))
    versions[target.name] = fmt::format("v{}.{}.{}", target.version[0], target.version[1], target.version[2]);
  return versions;
}

}  // namespace

void addTargetsCommand(CLI::App& app, int& exitCode) {
  auto format = std::make_shared<std::string>("text");
  auto kernel = std::make_shared<std::string>("6.1");
  auto config = std::make_shared<std::string>();
  CLI::App* command = app.add_subcommand("targets", "List the target types dmc knows and their arguments");
  command->add_option("--format", *format, "text, or markdown (the table of docs/targets.md)")
      ->check(CLI::IsMember({"text", "markdown"}))
      ->capture_default_str();
  addKernelProfileOption(*command, *kernel,
                         "Kernel whose targets to list: a version (6.1, Debian 12's, by default) or live");
  command->add_option("--kernel-config", *config, "The kernel build's config: list only the targets it builds")
      ->type_name("FILE");
  command->callback([format, kernel, config, &exitCode] {
    std::optional<KernelChoice> choice = resolveKernelChoice(*kernel, *config);
    if (!choice) {
      exitCode = kExitUsage;
      return;
    }
    std::string out = *format == "markdown" ? emitTargetsMarkdown() : emitTargetsText(*choice, registeredVersions(*kernel));
    std::fwrite(out.data(), 1, out.size(), stdout);
    exitCode = kExitOk;
  });
}

}  // namespace dmc::cli
