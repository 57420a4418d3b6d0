#include "kernel/kernel_backend.h"

namespace dmc {

std::unique_ptr<KernelInterface> openKernel(const KernelBackendOptions& options, std::string& problem) {
  problem = privilegeProblem();
  if (!problem.empty()) return nullptr;
  if (options.route == KernelRoute::Dmfs) {
    auto dmfs = std::make_unique<DmfsKernel>();
    problem = dmfs->probe();
    if (!problem.empty()) return nullptr;
    return dmfs;
  }
  auto kernel = std::make_unique<LibDevmapperKernel>(options.libdevmapper);
  problem = kernel->probe();
  if (!problem.empty()) return nullptr;
  return kernel;
}

}  // namespace dmc
