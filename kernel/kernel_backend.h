#pragma once
// Choosing and opening the kernel back end the commands talk to. Commands see only
// KernelInterface; which back end stands behind it is decided here.

#include <memory>
#include <string>

#include "kernel/dmfs_kernel.h"
#include "kernel/kernel_interface.h"
#include "kernel/libdevmapper_kernel.h"

namespace dmc {

// Which back end: device-mapper's ioctls (libdevmapper), or dmc's own dmfs module.
enum class KernelRoute { Ioctl, Dmfs };

struct KernelBackendOptions {
  KernelRoute route = KernelRoute::Ioctl;
  LibDevmapperOptions libdevmapper;
};

// Root (CAP_SYS_ADMIN) and a working back end (device-mapper, or the dmfs module's configfs
// tree): the back end, or nullptr with the reason in `problem`. Nothing is changed in the
// kernel.
std::unique_ptr<KernelInterface> openKernel(const KernelBackendOptions& options, std::string& problem);

}  // namespace dmc
