// dmc status [NAME...]: what the kernel has: each device's number, state, flags, open count and
// live table (keys hidden), and whether an inactive table waits.
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/loader_support.h"
#include "emitters/secret_redaction.h"
#include "support/display_escape.h"

namespace dmc::cli {

namespace {

struct StatusCommandOptions {
  std::vector<std::string> names;
  std::string format = "text";
  KernelOptions kernel;
};

int runStatus(const StatusCommandOptions& options) {
  std::unique_ptr<KernelInterface> kernel = openKernel("status", options.kernel);
  if (!kernel) return kExitUsage;
  std::vector<std::string> names = options.names;
  if (names.empty()) {
    KernelResult r = kernel->list(names);
    if (!r.ok) {
      printError("status: " + r.message);
      return kExitUsage;
    }
    std::sort(names.begin(), names.end());
  }
  int code = kExitOk;
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  std::string text;
  for (const std::string& name : names) {
    std::optional<KernelDeviceInfo> info = kernel->info(name);
    if (!info) {
      printError(fmt::format("status: there is no device named '{}'", name));
      code = kExitInputErrors;
      continue;
    }
    std::vector<KernelTarget> table;
    if (info->liveTable) kernel->table(name, false, table);
    uint64_t size = table.empty() ? 0 : table.back().start + table.back().length;
    if (options.format == "json") {
      nlohmann::ordered_json d;
      d["name"] = name;
      d["uuid"] = info->uuid;
      d["major"] = info->number.major;
      d["minor"] = info->number.minor;
      d["suspended"] = info->suspended;
      d["readOnly"] = info->readOnly;
      d["openCount"] = info->openCount;
      d["liveTable"] = info->liveTable;
      d["inactiveTable"] = info->inactiveTable;
      d["size"] = size;
      nlohmann::ordered_json targets = nlohmann::ordered_json::array();
      for (const KernelTarget& t : table)
        targets.push_back({{"start", t.start},
                           {"length", t.length},
                           {"type", t.type},
                           {"params", options.kernel.showKeys ? t.params : redactSecrets(t.type, t.params)}});
      d["table"] = std::move(targets);
      all.push_back(std::move(d));
      continue;
    }
    text += fmt::format("{} {} {} {} open={} targets={} size={}{}{}\n", escapeForDisplay(name), info->number.str(),
                        info->suspended ? "suspended" : "active", info->readOnly ? "ro" : "rw", info->openCount,
                        table.size(), size, info->uuid.empty() ? "" : " uuid=" + escapeForDisplay(info->uuid),
                        info->inactiveTable ? " (an inactive table is loaded)" : "");
    for (const KernelTarget& t : table) {
      std::string params = options.kernel.showKeys ? t.params : redactSecrets(t.type, t.params);
      text += fmt::format("  {} {} {}{}{}\n", t.start, t.length, t.type, params.empty() ? "" : " ", escapeForDisplay(params));
    }
  }
  if (options.format == "json") text = all.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  return code;
}

}  // namespace

void addStatusCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<StatusCommandOptions>();
  CLI::App* command = app.add_subcommand("status", "Show the kernel's devices and their live tables (keys hidden)");
  command->add_option("names", options->names, "Device names (default: every device-mapper device)");
  command->add_option("--format", options->format, "Output: text, or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  // The old spelling of --format json, kept for scripts; not listed in --help.
  command->add_flag_callback("--json", [options] { options->format = "json"; }, "Same as --format json")->group("");
  addKernelOptions(*command, options->kernel, kShowKeys);
  command->callback([options, &exitCode] { exitCode = runStatus(*options); });
}

}  // namespace dmc::cli
