#pragma once
// The loader's view of device-mapper: the few ioctls it needs, the kernel log it reads after a
// failure, and the device-number lookups that diff needs. One implementation talks to the real
// kernel through libdevmapper (kernel/libdevmapper_kernel.h, library dmc_kernel); the unit
// tests replace it with a recording fake, as Android libdm's tests replace IDeviceMapper.
//
// Every call is one kernel operation (or a read-only query). None of them retries, rolls back
// or decides anything: that is kernel_loader's job, in plain C++ over this interface.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dmc {

// A device number as the kernel prints it in tables: "major:minor".
struct DeviceNumber {
  uint32_t major = 0;
  uint32_t minor = 0;

  std::string str() const { return std::to_string(major) + ":" + std::to_string(minor); }
  bool operator==(const DeviceNumber&) const = default;
};

// One line of a table as the ioctls carry it.
struct KernelTarget {
  uint64_t start = 0;
  uint64_t length = 0;
  std::string type;
  std::string params;

  bool operator==(const KernelTarget&) const = default;
};

struct KernelDeviceInfo {
  std::string name;
  std::string uuid;
  DeviceNumber number;
  bool suspended = false;
  bool liveTable = false;
  bool inactiveTable = false;
  bool readOnly = false;
  int32_t openCount = 0;
  uint32_t targetCount = 0;
};

struct KernelTargetVersion {
  std::string name;
  uint32_t major = 0, minor = 0, patch = 0;
};

// What one call did. On failure `error` is the ioctl's errno (0 if the failure happened
// before any ioctl) and `message` says what failed in words, including what libdevmapper said.
struct KernelResult {
  bool ok = true;
  int error = 0;
  std::string message;

  static KernelResult success() { return {}; }
  static KernelResult failure(int error, std::string message) { return {false, error, std::move(message)}; }
};

struct CreateRequest {
  std::string name;
  std::string uuid;                // empty: none
  std::optional<uint32_t> minor;   // a fixed minor number, as `dmsetup create --minor`
};

// A refused table, when the back end itself knows which target failed (dmfs's `error`
// attribute names it; device-mapper's log names only the target type).
struct TargetRefusal {
  size_t target = 0;     // index into the refused table
  std::string message;   // the reason, in the back end's words
};

// A line of the kernel log, as /dev/kmsg gives it (the text after the "prefix;").
struct KernelLogLine {
  std::string text;
};

class KernelInterface {
 public:
  virtual ~KernelInterface() = default;

  // DM_DEV_CREATE: a device with no table. On success `created` is its device number.
  virtual KernelResult create(const CreateRequest& request, DeviceNumber& created) = 0;
  // DM_TABLE_LOAD into the inactive slot.
  virtual KernelResult loadTable(const std::string& name, const std::vector<KernelTarget>& table, bool readOnly) = 0;
  // DM_DEV_SUSPEND without the suspend flag: swaps in the inactive table (if any) and resumes.
  virtual KernelResult resume(const std::string& name) = 0;
  virtual KernelResult suspend(const std::string& name) = 0;
  // DM_TABLE_CLEAR: drops the inactive table.
  virtual KernelResult clearInactive(const std::string& name) = 0;
  // DM_DEV_REMOVE.
  virtual KernelResult remove(const std::string& name) = 0;

  // Queries. nullopt from info() means no such device.
  virtual std::optional<KernelDeviceInfo> info(const std::string& name) = 0;
  virtual KernelResult table(const std::string& name, bool inactive, std::vector<KernelTarget>& out) = 0;
  virtual KernelResult list(std::vector<std::string>& names) = 0;
  virtual KernelResult dependencies(const std::string& name, std::vector<DeviceNumber>& out) = 0;
  virtual KernelResult targetVersions(std::vector<KernelTargetVersion>& out) = 0;
  // The device number behind a path such as /dev/sdb or /dev/mapper/NAME; nullopt if it is not
  // a block device (or does not exist).
  virtual std::optional<DeviceNumber> resolveDevice(const std::string& path) = 0;

  // The kernel log: skip everything logged so far, then read what was logged since.
  virtual void markLog() = 0;
  virtual std::vector<KernelLogLine> logSinceMark() = 0;
  // Why the log cannot be read (empty when it can): said once next to a failure.
  virtual std::string logProblem() const = 0;
  // After a refused loadTable: the target and reason, if this back end knows them directly.
  virtual std::optional<TargetRefusal> lastRefusal(const std::string& name) {
    (void)name;
    return std::nullopt;
  }

  // Why this back end cannot take a table this large, asked before anything is changed
  // (libdevmapper caps the one buffer it builds); nullopt when it can.
  virtual std::optional<std::string> tableSizeRefusal(uint64_t targets, uint64_t parameterBytes) const {
    (void)targets;
    (void)parameterBytes;
    return std::nullopt;
  }

  // Things worth telling that were not failures (a udev timeout), collected since the last call.
  virtual std::vector<std::string> takeWarnings() { return {}; }
};

}  // namespace dmc
