#pragma once
// The dmfs module (dmfs/, docs/dmfs.md) as a KernelInterface, so `dmc load --via dmfs` runs
// the same plans, rollback and reports as the ioctl route. Each operation is a file-system
// call on the module's configfs tree:
//   create        mkdir ROOT/NAME
//   loadTable     one image holding this device, written to ROOT/NAME/image in one write();
//                 the verdict is ROOT/NAME/error (configfs cannot return it from close)
//   resume        "1" to ROOT/NAME/active: binds /dev/dmfs/NAME, or swaps the new table in
//   suspend       nothing: the module swaps tables at a quiescent point by itself
//   clearInactive "1" to ROOT/NAME/clear: drops a waiting image
//   remove        "0" to active, then rmdir
// Targets name the devices below them as /dev/mapper/X for @X; a device X of this tree is
// /dev/dmfs/X instead, so the image says that.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kernel/kernel_interface.h"

namespace dmc {

inline constexpr const char* kDmfsRoot = "/sys/kernel/config/dmfs";

class DmfsKernel final : public KernelInterface {
 public:
  explicit DmfsKernel(std::string root = kDmfsRoot) : root_(std::move(root)) {}

  // Why the module cannot be used (not loaded, configfs not mounted), or empty.
  std::string probe() const;

  KernelResult create(const CreateRequest& request, DeviceNumber& created) override;
  KernelResult loadTable(const std::string& name, const std::vector<KernelTarget>& table, bool readOnly) override;
  KernelResult resume(const std::string& name) override;
  KernelResult suspend(const std::string& name) override;
  KernelResult clearInactive(const std::string& name) override;
  KernelResult remove(const std::string& name) override;

  std::optional<KernelDeviceInfo> info(const std::string& name) override;
  KernelResult table(const std::string& name, bool inactive, std::vector<KernelTarget>& out) override;
  KernelResult list(std::vector<std::string>& names) override;
  KernelResult dependencies(const std::string& name, std::vector<DeviceNumber>& out) override;
  KernelResult targetVersions(std::vector<KernelTargetVersion>& out) override;
  std::optional<DeviceNumber> resolveDevice(const std::string& path) override;

  // The module states its reasons in `error`, not in the kernel log.
  void markLog() override {}
  std::vector<KernelLogLine> logSinceMark() override { return {}; }
  std::string logProblem() const override { return {}; }
  std::optional<TargetRefusal> lastRefusal(const std::string& name) override;

 private:
  std::string path(const std::string& name, const char* attribute = nullptr) const;
  std::string deviceArgument(const std::string& word) const;

  std::string root_;
  std::map<std::string, std::string> uuids_;            // from create, for the image header
  std::map<std::string, uint32_t> minors_;              // from create: the module binds that minor
  std::map<std::string, TargetRefusal> refusals_;       // the last refused load of each device
};

}  // namespace dmc
