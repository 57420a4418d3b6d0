// dmc targets: the target types dmc knows, with their arguments.
#include <cstdio>

#include "cli/cli_options.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "emitters/target_docs_emitter.h"

namespace dmc::cli {

void addTargetsCommand(CLI::App& app, int& exitCode) {
  auto format = std::make_shared<std::string>("text");
  auto kernel = std::make_shared<std::string>("6.1");
  CLI::App* command = app.add_subcommand("targets", "List the target types dmc knows and their arguments");
  command->add_option("--format", *format, "text, or markdown (the table of docs/targets.md)")
      ->check(CLI::IsMember({"text", "markdown"}))
      ->capture_default_str();
  addKernelProfileOption(*command, *kernel, "Kernel whose targets to list: 6.1 or 7.2");
  command->callback([format, kernel, &exitCode] {
    std::string out = *format == "markdown" ? emitTargetsMarkdown()
                                            : emitTargetsText(*kernel == "7.2" ? KernelProfile::V7_2 : KernelProfile::V6_1);
    std::fwrite(out.data(), 1, out.size(), stdout);
    exitCode = kExitOk;
  });
}

}  // namespace dmc::cli
