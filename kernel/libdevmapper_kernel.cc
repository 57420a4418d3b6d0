#include "kernel/libdevmapper_kernel.h"

#include <fcntl.h>
#include <libdevmapper.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <thread>

#include <fmt/format.h>

#include "emitters/secret_redaction.h"
#include "kernel/kmsg_reader.h"
#include "kernel/libdevmapper_buffer.h"

namespace dmc {

namespace {

// libdevmapper reports through a global log function; its errors become part of our messages
// instead of going to stderr on their own.
std::vector<std::string>& capturedLog() {
  static std::vector<std::string> lines;
  return lines;
}

void captureLog(int level, const char* /*file*/, int /*line*/, int /*errno_or_class*/, const char* format, ...)
    __attribute__((format(printf, 5, 6)));

void captureLog(int level, const char* /*file*/, int /*line*/, int /*errno_or_class*/, const char* format, ...) {
  // libdevmapper's levels follow syslog: 3 error, 4 warning; higher bits are flags.
  if ((level & 7) > 4) return;
  char buffer[1024];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  if (capturedLog().size() < 32) capturedLog().emplace_back(buffer);
}

std::string takeCaptured() {
  std::string out;
  for (const std::string& line : capturedLog()) {
    if (!out.empty()) out += "; ";
    out += line;
  }
  capturedLog().clear();
  return out;
}

// A dm_task that is always destroyed.
struct Task {
  explicit Task(int type) : task(dm_task_create(type)) {}
  ~Task() {
    if (task) dm_task_destroy(task);
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  dm_task* task;
};

KernelResult failed(dm_task* task, const std::string& what) {
  int error = task ? dm_task_get_errno(task) : 0;
  std::string message = what;
  if (error != 0) message += fmt::format(": {}", std::strerror(error));
  std::string library = takeCaptured();
  if (!library.empty()) message += fmt::format(" (libdevmapper: {})", library);
  return KernelResult::failure(error, message);
}

bool nodeExists(const std::string& name) {
  struct stat st {};
  return ::lstat((std::string(dm_dir()) + "/" + name).c_str(), &st) == 0;
}

}  // namespace

std::string privilegeProblem() {
  if (::geteuid() == 0) return {};
  // CAP_SYS_ADMIN (bit 21) in the effective set is what the dm ioctls check.
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("CapEff:", 0) != 0) continue;
    unsigned long long caps = std::strtoull(line.c_str() + 7, nullptr, 16);
    if (caps & (1ull << 21)) return {};
  }
  return "device-mapper needs root (CAP_SYS_ADMIN); run dmc as root, or add --dry-run to see what it would do";
}

LibDevmapperKernel::LibDevmapperKernel(LibDevmapperOptions options) : options_(options) {
  dm_log_with_errno_init(captureLog);
  if (options_.udev == UdevMode::No) dm_udev_set_sync_support(0);
  udevSync_ = dm_udev_get_sync_support() != 0;
  if (options_.udev == UdevMode::Yes && !udevSync_)
    warnings_.push_back("--udev=yes: udev is not running (or libdevmapper cannot sync with it); dmc makes the "
                        "/dev/mapper nodes itself");
  kmsg_ = ::open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (kmsg_ < 0) logProblem_ = fmt::format("the kernel log (/dev/kmsg) cannot be read: {}", std::strerror(errno));
  else ::lseek(kmsg_, 0, SEEK_END);
}

LibDevmapperKernel::~LibDevmapperKernel() {
  if (kmsg_ >= 0) ::close(kmsg_);
  dm_lib_release();
  dm_log_with_errno_init(nullptr);
}

std::string LibDevmapperKernel::probe() {
  char version[64] = {};
  if (!dm_driver_version(version, sizeof version)) {
    std::string library = takeCaptured();
    return "cannot talk to device-mapper (is the dm-mod module loaded? is /dev/mapper/control there?)" +
           (library.empty() ? std::string() : ": " + library);
  }
  takeCaptured();
  return {};
}

std::optional<std::string> LibDevmapperKernel::tableSizeRefusal(uint64_t targets, uint64_t parameterBytes) const {
  return libdevmapperTableSizeRefusal(targets, parameterBytes);
}

std::vector<std::string> LibDevmapperKernel::takeWarnings() {
  std::vector<std::string> out;
  out.swap(warnings_);
  return out;
}

// Waits for udev to finish with a cookie, polling so that a udev that never answers costs the
// timeout and not a hang.
void LibDevmapperKernel::waitForUdev(uint32_t cookie, const std::string& name, bool removed) {
  // Without udev sync (cookie 0) libdevmapper did, or does now, the node work itself.
  releaseCookie(cookie, name);
  settleNodes(name, removed);
}

void LibDevmapperKernel::releaseCookie(uint32_t cookie, const std::string& name) {
  if (cookie == 0) return;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options_.udevTimeoutSeconds);
  int ready = 0;
  while (true) {
    if (!dm_udev_wait_immediate(cookie, &ready)) {
      warnings_.push_back(fmt::format("waiting for udev on {} failed: {}", name, takeCaptured()));
      break;
    }
    if (ready) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      warnings_.push_back(fmt::format("udev did not finish with {} within {} s (--udev-timeout); dmc went on and "
                                      "made the /dev/mapper node itself",
                                      name, options_.udevTimeoutSeconds));
      dm_udev_complete(cookie);
      dm_udev_wait(cookie);  // the count is zero now: this only releases the semaphore
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// What `dmsetup mknodes NAME` does: the node matches the kernel's device, or is gone with it.
void LibDevmapperKernel::settleNodes(const std::string& name, bool removed) {
  dm_task_update_nodes();
  if (!removed && !nodeExists(name)) dm_mknodes(name.c_str());
  if (removed && nodeExists(name)) {
    // Only when the device is really gone: another program may have made one of the same name.
    if (!info(name)) ::unlink((std::string(dm_dir()) + "/" + name).c_str());
  }
  takeCaptured();
}

KernelResult LibDevmapperKernel::create(const CreateRequest& request, DeviceNumber& created) {
  takeCaptured();
  Task t(DM_DEVICE_CREATE);
  if (!t.task || !dm_task_set_name(t.task, request.name.c_str())) return failed(t.task, "cannot prepare create " + request.name);
  if (!request.uuid.empty() && !dm_task_set_uuid(t.task, request.uuid.c_str()))
    return failed(t.task, "cannot set the uuid of " + request.name);
  if (request.minor && !dm_task_set_minor(t.task, static_cast<int>(*request.minor)))
    return failed(t.task, "cannot set the minor of " + request.name);
  // No udev cookie here: creating a device without a table sends no uevent, and libdevmapper
  // completes a cookie by itself only for resume, remove and rename, so the cookie would never
  // be released (dmsetup sets none either). The node comes with the resume, which has one.
  dm_task_set_add_node(t.task, DM_ADD_NODE_ON_RESUME);
  if (!dm_task_run(t.task)) return failed(t.task, "create " + request.name);
  dm_info info{};
  dm_task_get_info(t.task, &info);
  created = DeviceNumber{info.major, info.minor};
  takeCaptured();
  return KernelResult::success();
}

KernelResult LibDevmapperKernel::loadTable(const std::string& name, const std::vector<KernelTarget>& table, bool readOnly) {
  takeCaptured();
  Task t(DM_DEVICE_RELOAD);
  if (!t.task || !dm_task_set_name(t.task, name.c_str())) return failed(t.task, "cannot prepare the table of " + name);
  bool secret = false;
  for (const KernelTarget& target : table) {
    if (!dm_task_add_target(t.task, target.start, target.length, target.type.c_str(), target.params.c_str()))
      return failed(t.task, "cannot add a target to the table of " + name);
    secret = secret || hasSecrets(target.type);
  }
  if (readOnly) dm_task_set_ro(t.task);
  if (secret) dm_task_secure_data(t.task);  // the kernel wipes its copies of the key
  if (!dm_task_run(t.task)) return failed(t.task, "load the table of " + name);
  takeCaptured();
  return KernelResult::success();
}

KernelResult LibDevmapperKernel::resume(const std::string& name) {
  takeCaptured();
  Task t(DM_DEVICE_RESUME);
  if (!t.task || !dm_task_set_name(t.task, name.c_str())) return failed(t.task, "cannot prepare resume " + name);
  dm_task_set_add_node(t.task, DM_ADD_NODE_ON_RESUME);
  uint32_t cookie = 0;
  if (!dm_task_set_cookie(t.task, &cookie, 0)) return failed(t.task, "cannot make a udev cookie");
  if (!dm_task_run(t.task)) {
    KernelResult r = failed(t.task, "resume " + name);
    releaseCookie(cookie, name);
    return r;
  }
  waitForUdev(cookie, name, false);
  return KernelResult::success();
}

KernelResult LibDevmapperKernel::suspend(const std::string& name) {
  takeCaptured();
  Task t(DM_DEVICE_SUSPEND);
  if (!t.task || !dm_task_set_name(t.task, name.c_str())) return failed(t.task, "cannot prepare suspend " + name);
  if (!dm_task_run(t.task)) return failed(t.task, "suspend " + name);
  return KernelResult::success();
}

KernelResult LibDevmapperKernel::clearInactive(const std::string& name) {
  takeCaptured();
  Task t(DM_DEVICE_CLEAR);
  if (!t.task || !dm_task_set_name(t.task, name.c_str())) return failed(t.task, "cannot prepare clear " + name);
  if (!dm_task_run(t.task)) return failed(t.task, "clear the inactive table of " + name);
  return KernelResult::success();
}

KernelResult LibDevmapperKernel::remove(const std::string& name) {
  takeCaptured();
  Task t(DM_DEVICE_REMOVE);
  if (!t.task || !dm_task_set_name(t.task, name.c_str())) return failed(t.task, "cannot prepare remove " + name);
  dm_task_retry_remove(t.task);  // a short-lived opener (blkid, udev) should not fail us
  uint32_t cookie = 0;
  if (!dm_task_set_cookie(t.task, &cookie, 0)) return failed(t.task, "cannot make a udev cookie");
  if (!dm_task_run(t.task)) {
    KernelResult r = failed(t.task, "remove " + name);
    releaseCookie(cookie, name);
    return r;
  }
  waitForUdev(cookie, name, true);
  return KernelResult::success();
}

std::optional<KernelDeviceInfo> LibDevmapperKernel::info(const std::string& name) {
  Task t(DM_DEVICE_INFO);
  if (!t.task || !dm_task_set_name(t.task, name.c_str()) || !dm_task_run(t.task)) {
    takeCaptured();
    return std::nullopt;
  }
  dm_info i{};
  if (!dm_task_get_info(t.task, &i) || !i.exists) return std::nullopt;
  KernelDeviceInfo out;
  out.name = name;
  const char* uuid = dm_task_get_uuid(t.task);
  out.uuid = uuid ? uuid : "";
  out.number = DeviceNumber{i.major, i.minor};
  out.suspended = i.suspended != 0;
  out.liveTable = i.live_table != 0;
  out.inactiveTable = i.inactive_table != 0;
  out.readOnly = i.read_only != 0;
  out.openCount = i.open_count;
  out.targetCount = static_cast<uint32_t>(i.target_count);
  return out;
}

KernelResult LibDevmapperKernel::table(const std::string& name, bool inactive, std::vector<KernelTarget>& out) {
  takeCaptured();
  out.clear();
  Task t(DM_DEVICE_TABLE);
  if (!t.task || !dm_task_set_name(t.task, name.c_str())) return failed(t.task, "cannot prepare table " + name);
  if (inactive) dm_task_query_inactive_table(t.task);
  dm_task_secure_data(t.task);
  if (!dm_task_run(t.task)) return failed(t.task, "read the table of " + name);
  void* next = nullptr;
  do {
    uint64_t start = 0, length = 0;
    char* type = nullptr;
    char* params = nullptr;
    next = dm_get_next_target(t.task, next, &start, &length, &type, &params);
    if (type) out.push_back(KernelTarget{start, length, type, params ? params : ""});
  } while (next);
  return KernelResult::success();
}

KernelResult LibDevmapperKernel::list(std::vector<std::string>& names) {
  takeCaptured();
  names.clear();
  Task t(DM_DEVICE_LIST);
  if (!t.task || !dm_task_run(t.task)) return failed(t.task, "list devices");
  dm_names* entry = dm_task_get_names(t.task);
  if (!entry || !entry->dev) return KernelResult::success();
  while (true) {
    names.emplace_back(entry->name);
    if (!entry->next) break;
    entry = reinterpret_cast<dm_names*>(reinterpret_cast<char*>(entry) + entry->next);
  }
  return KernelResult::success();
}

KernelResult LibDevmapperKernel::dependencies(const std::string& name, std::vector<DeviceNumber>& out) {
  takeCaptured();
  out.clear();
  Task t(DM_DEVICE_DEPS);
  if (!t.task || !dm_task_set_name(t.task, name.c_str()) || !dm_task_run(t.task))
    return failed(t.task, "read the dependencies of " + name);
  dm_deps* deps = dm_task_get_deps(t.task);
  for (uint32_t i = 0; deps && i < deps->count; ++i)
    out.push_back(DeviceNumber{static_cast<uint32_t>(major(deps->device[i])), static_cast<uint32_t>(minor(deps->device[i]))});
  return KernelResult::success();
}

KernelResult LibDevmapperKernel::targetVersions(std::vector<KernelTargetVersion>& out) {
  takeCaptured();
  out.clear();
  Task t(DM_DEVICE_LIST_VERSIONS);
  if (!t.task || !dm_task_run(t.task)) return failed(t.task, "list target versions");
  dm_versions* entry = dm_task_get_versions(t.task);
  while (entry) {
    out.push_back(KernelTargetVersion{entry->name, entry->version[0], entry->version[1], entry->version[2]});
    if (!entry->next) break;
    entry = reinterpret_cast<dm_versions*>(reinterpret_cast<char*>(entry) + entry->next);
  }
  return KernelResult::success();
}

std::optional<DeviceNumber> LibDevmapperKernel::resolveDevice(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISBLK(st.st_mode))
    return DeviceNumber{static_cast<uint32_t>(major(st.st_rdev)), static_cast<uint32_t>(minor(st.st_rdev))};
  // Without udev a /dev/mapper node may be missing while the device exists.
  const std::string mapper = std::string(dm_dir()) + "/";
  if (path.rfind(mapper, 0) == 0) {
    if (std::optional<KernelDeviceInfo> i = info(path.substr(mapper.size()))) return i->number;
  }
  return std::nullopt;
}

void LibDevmapperKernel::markLog() {
  if (kmsg_ >= 0) ::lseek(kmsg_, 0, SEEK_END);
}

std::vector<KernelLogLine> LibDevmapperKernel::logSinceMark() {
  std::vector<KernelLogLine> lines;
  if (kmsg_ < 0) return lines;
  char record[8192];
  for (int guard = 0; guard < 4096; ++guard) {
    ssize_t n = ::read(kmsg_, record, sizeof record - 1);
    if (n < 0) {
      if (errno == EPIPE) continue;  // records were overwritten: go on with the next
      break;                         // EAGAIN: nothing more
    }
    if (n == 0) break;
    if (std::optional<std::string> message = kmsgRecordMessage(std::string_view(record, static_cast<size_t>(n))))
      lines.push_back(KernelLogLine{std::move(*message)});
  }
  return lines;
}

}  // namespace dmc
