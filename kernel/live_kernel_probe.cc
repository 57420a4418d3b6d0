#include "kernel/live_kernel_probe.h"

#include <libdevmapper.h>
#include <sys/utsname.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "validator/kernel_rule_sets.h"
#include "validator/target_availability.h"

namespace dmc {

namespace {

std::optional<std::string> readWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The build: the config the distribution installs next to the kernel, else every option.
KernelBuild liveBuild(const std::string& release, std::vector<std::string>& notes) {
  std::string path = "/boot/config-" + release;
  if (std::optional<std::string> text = readWholeFile(path)) {
    std::string error;
    if (std::optional<KernelBuild> build = KernelBuild::fromConfig(*text, "the build of " + path, error))
      return *build;
    notes.push_back(path + ": " + error);
  } else {
    notes.push_back(path + " is not readable: the build is assumed to have every upstream target");
  }
  return KernelBuild::everyOption();
}

}  // namespace

std::optional<std::vector<RegisteredTarget>> listRegisteredTargets(std::string& error) {
  dm_task* task = dm_task_create(DM_DEVICE_LIST_VERSIONS);
  if (task == nullptr) {
    error = "libdevmapper could not make a task";
    return std::nullopt;
  }
  std::vector<RegisteredTarget> out;
  if (!dm_task_run(task)) {
    int code = dm_task_get_errno(task);
    error = fmt::format("the device-mapper driver did not list its targets{}", code ? ": " + std::string(std::strerror(code)) : "");
    dm_task_destroy(task);
    return std::nullopt;
  }
  // A chain of records, each naming the offset of the next (0 ends it).
  dm_versions* record = dm_task_get_versions(task);
  for (uint32_t next = 1; record != nullptr && next != 0;
       record = reinterpret_cast<dm_versions*>(reinterpret_cast<char*>(record) + next)) {
    out.push_back(RegisteredTarget{record->name, {record->version[0], record->version[1], record->version[2]}});
    next = record->next;
  }
  dm_task_destroy(task);
  return out;
}

std::optional<LiveKernel> probeLiveKernel(std::string& error) {
  utsname names{};
  if (uname(&names) != 0) {
    error = fmt::format("uname: {}", std::strerror(errno));
    return std::nullopt;
  }
  LiveKernel live;
  live.release = names.release;
  std::optional<KernelVersion> version = parseKernelVersion(live.release);
  std::optional<KernelVersion> rules = version ? ruleSetFor(*version) : std::nullopt;
  if (!rules) {
    error = fmt::format("the running kernel's release '{}' is not a version dmc has rules for (from {})", live.release,
                        kernelVersionName(kOldestModelledKernel));
    return std::nullopt;
  }
  live.choice = KernelChoice{*rules, liveBuild(live.release, live.notes)};
  std::string listError;
  if (std::optional<std::vector<RegisteredTarget>> registered = listRegisteredTargets(listError)) {
    live.registered = std::move(*registered);
  } else {
    live.notes.push_back(listError + "; only the version and config say which targets exist");
  }
  for (const RegisteredTarget& target : live.registered) {
    const TargetAvailability* known = availabilityOf(target.name);
    if (known == nullptr) live.outOfTree.push_back(target.name);  // a module loaded here: bow, a vendor's
    else live.choice.build.add(known->config);                   // registered, so built whatever a config says
  }
  return live;
}

}  // namespace dmc
