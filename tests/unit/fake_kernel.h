#pragma once
// A recording stand-in for the kernel: keeps devices with live and inactive tables, records each
// call as a short string ("create a", "load a 2", "resume a"), and refuses what a test tells it
// to, logging the kernel's words the way 6.1 does.

#include <cerrno>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "kernel/kernel_interface.h"

namespace dmc::test {

class FakeKernel final : public KernelInterface {
 public:
  struct Device {
    std::string uuid;
    DeviceNumber number;
    std::optional<std::vector<KernelTarget>> live, inactive;
    bool liveReadOnly = false, inactiveReadOnly = false;
    bool suspended = false;
    int32_t openCount = 0;
  };

  std::vector<std::string> calls;
  std::map<std::string, Device> devices;
  // A target the kernel's constructor refuses: loading any table that holds one fails at the
  // first such target, with this message.
  std::function<bool(const KernelTarget&)> badTarget;
  std::string badMessage = "Invalid device sector";
  // Like dmfs: a refused load names its target itself (lastRefusal) instead of logging.
  bool namesRefusedTarget = false;
  // Calls ("create b", "resume a") that fail once with EINVAL and log `failLog`.
  std::vector<std::string> failCalls;
  std::string failLog;
  uint32_t nextMinor = 0;
  // A cap on table sizes, as libdevmapper's buffer has (tableSizeRefusal); none when empty.
  std::function<std::optional<std::string>(uint64_t targets, uint64_t parameterBytes)> tableSizeCap;
  // The devices each device's live table uses, as the DM_TABLE_DEPS ioctl reports them.
  std::map<std::string, std::vector<DeviceNumber>> uses;

  std::optional<std::string> tableSizeRefusal(uint64_t targets, uint64_t parameterBytes) const override {
    return tableSizeCap ? tableSizeCap(targets, parameterBytes) : std::nullopt;
  }

  KernelResult create(const CreateRequest& request, DeviceNumber& created) override {
    record("create " + request.name);
    if (auto r = injected("create " + request.name)) return *r;
    if (devices.count(request.name)) return KernelResult::failure(EBUSY, "create " + request.name + ": Device or resource busy");
    Device d;
    d.uuid = request.uuid;
    d.number = DeviceNumber{254, request.minor.value_or(nextMinor++)};
    created = d.number;
    devices[request.name] = d;
    return KernelResult::success();
  }

  KernelResult loadTable(const std::string& name, const std::vector<KernelTarget>& table, bool readOnly) override {
    record(fmt::format("load {} {}{}", name, table.size(), readOnly ? " ro" : ""));
    if (auto r = injected("load " + name)) return *r;
    auto it = devices.find(name);
    if (it == devices.end()) return KernelResult::failure(ENXIO, "no such device");
    if (badTarget) {
      for (size_t i = 0; i < table.size(); ++i)
        if (const KernelTarget& t = table[i]; badTarget(t)) {
          if (namesRefusedTarget) {
            refusals_[name] = TargetRefusal{i, badMessage};
            return KernelResult::failure(EINVAL, "dmfs refused the image: line " + std::to_string(i + 1));
          }
          log_.push_back({fmt::format("device-mapper: table: {}: {}: {} (-EINVAL)", it->second.number.str(), t.type, badMessage)});
          log_.push_back({"device-mapper: ioctl: error adding target to table"});
          return KernelResult::failure(EINVAL, "load the table of " + name + ": Invalid argument");
        }
    }
    it->second.inactive = table;
    it->second.inactiveReadOnly = readOnly;
    return KernelResult::success();
  }

  KernelResult resume(const std::string& name) override {
    record("resume " + name);
    auto it = devices.find(name);
    if (it == devices.end()) return KernelResult::failure(ENXIO, "no such device");
    if (auto r = injected("resume " + name)) {
      it->second.inactive.reset();  // a failed resume drops the new table, the device stays suspended
      it->second.suspended = true;
      return *r;
    }
    if (it->second.inactive) {
      it->second.live = std::move(it->second.inactive);
      it->second.liveReadOnly = it->second.inactiveReadOnly;
      it->second.inactive.reset();
    }
    it->second.suspended = false;
    return KernelResult::success();
  }

  KernelResult suspend(const std::string& name) override {
    record("suspend " + name);
    if (auto r = injected("suspend " + name)) return *r;
    devices.at(name).suspended = true;
    return KernelResult::success();
  }

  KernelResult clearInactive(const std::string& name) override {
    record("clear " + name);
    devices.at(name).inactive.reset();
    return KernelResult::success();
  }

  KernelResult remove(const std::string& name) override {
    record("remove " + name);
    if (auto r = injected("remove " + name)) return *r;
    devices.erase(name);
    return KernelResult::success();
  }

  std::optional<KernelDeviceInfo> info(const std::string& name) override {
    auto it = devices.find(name);
    if (it == devices.end()) return std::nullopt;
    KernelDeviceInfo i;
    i.name = name;
    i.uuid = it->second.uuid;
    i.number = it->second.number;
    i.suspended = it->second.suspended;
    i.liveTable = it->second.live.has_value();
    i.inactiveTable = it->second.inactive.has_value();
    i.readOnly = it->second.liveReadOnly;
    i.openCount = it->second.openCount;
    return i;
  }

  KernelResult table(const std::string& name, bool inactive, std::vector<KernelTarget>& out) override {
    const Device& d = devices.at(name);
    const auto& t = inactive ? d.inactive : d.live;
    out = t.value_or(std::vector<KernelTarget>{});
    return KernelResult::success();
  }

  KernelResult list(std::vector<std::string>& names) override {
    names.clear();
    for (const auto& [name, device] : devices) names.push_back(name);
    return KernelResult::success();
  }
  KernelResult dependencies(const std::string& name, std::vector<DeviceNumber>& out) override {
    out.clear();
    if (auto it = uses.find(name); it != uses.end()) out = it->second;
    return KernelResult::success();
  }
  KernelResult targetVersions(std::vector<KernelTargetVersion>& out) override {
    out = {{"linear", 1, 4, 0}};
    return KernelResult::success();
  }
  std::optional<DeviceNumber> resolveDevice(const std::string& path) override {
    if (path == "/dev/loop0") return DeviceNumber{7, 0};
    return std::nullopt;
  }

  void markLog() override { log_.clear(); }
  std::vector<KernelLogLine> logSinceMark() override {
    std::vector<KernelLogLine> out;
    out.swap(log_);
    return out;
  }
  std::string logProblem() const override { return {}; }
  std::optional<TargetRefusal> lastRefusal(const std::string& name) override {
    auto it = refusals_.find(name);
    if (it == refusals_.end()) return std::nullopt;
    return it->second;
  }

  // Calls other than loads of prefixes and their clears.
  std::string trace() const {
    std::string out;
    for (const std::string& c : calls) out += c + "\n";
    return out;
  }

 private:
  void record(std::string call) { calls.push_back(std::move(call)); }

  std::optional<KernelResult> injected(const std::string& call) {
    for (auto it = failCalls.begin(); it != failCalls.end(); ++it)
      if (*it == call) {
        failCalls.erase(it);  // once: a retry (the rollback's) succeeds
        if (!failLog.empty()) log_.push_back({failLog});
        return KernelResult::failure(EINVAL, call + ": Invalid argument");
      }
    return std::nullopt;
  }

  std::vector<KernelLogLine> log_;
  std::map<std::string, TargetRefusal> refusals_;
};

}  // namespace dmc::test
