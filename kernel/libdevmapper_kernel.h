#pragma once
// The real kernel, through libdevmapper (library dmc_kernel, linked only by the dmc program and
// its tests; dmc_core makes no such calls).
//
// udev: with udev running, each operation that makes a uevent carries a libdevmapper cookie and
// the loader waits for udev to finish with it, but never longer than the timeout: after that it
// completes the cookie itself, makes the /dev/mapper node as `dmsetup mknodes` does, and warns.
// Without udev (an initramfs, a container, DM_DISABLE_UDEV=1, or --udev=no) it makes and removes
// the /dev/mapper nodes itself.

#include <memory>
#include <string>
#include <vector>

#include "kernel/kernel_interface.h"

namespace dmc {

enum class UdevMode { Auto, Yes, No };

struct LibDevmapperOptions {
  UdevMode udev = UdevMode::Auto;
  unsigned udevTimeoutSeconds = 30;
};

class LibDevmapperKernel final : public KernelInterface {
 public:
  explicit LibDevmapperKernel(LibDevmapperOptions options = {});
  ~LibDevmapperKernel() override;
  LibDevmapperKernel(const LibDevmapperKernel&) = delete;
  LibDevmapperKernel& operator=(const LibDevmapperKernel&) = delete;

  // Talks to the driver once; the reason it cannot, or empty.
  std::string probe();
  bool syncsWithUdev() const { return udevSync_; }
  // Things worth telling (udev timeouts), collected since the last call.
  std::vector<std::string> takeWarnings() override;
  std::optional<std::string> tableSizeRefusal(uint64_t targets, uint64_t parameterBytes) const override;

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

  void markLog() override;
  std::vector<KernelLogLine> logSinceMark() override;
  std::string logProblem() const override { return logProblem_; }

 private:
  void waitForUdev(uint32_t cookie, const std::string& name, bool removed);
  void releaseCookie(uint32_t cookie, const std::string& name);  // polls, at most the timeout
  void settleNodes(const std::string& name, bool removed);

  LibDevmapperOptions options_;
  bool udevSync_ = false;
  int kmsg_ = -1;
  std::string logProblem_;
  std::vector<std::string> warnings_;
};

// Why this process cannot use device-mapper at all (not root, no CAP_SYS_ADMIN), or empty.
// Checked before any operation is tried.
std::string privilegeProblem();

}  // namespace dmc
