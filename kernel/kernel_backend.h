#pragma once
// Choosing and opening the kernel back end the commands talk to. Commands see only
// KernelInterface; which back end stands behind it is decided here.

#include <memory>
#include <string>

#include "kernel/kernel_interface.h"
#include "kernel/libdevmapper_kernel.h"

namespace dmc {

struct KernelBackendOptions {
  LibDevmapperOptions libdevmapper;
};

// Root (CAP_SYS_ADMIN) and a working device-mapper: the back end, or nullptr with the reason in
// `problem`. Nothing is changed in the kernel.
std::unique_ptr<KernelInterface> openKernel(const KernelBackendOptions& options, std::string& problem);

}  // namespace dmc
