#include "validator/one_to_one_mapping.h"

#include "validator/ctr/kernel_number.h"

namespace dmc {

std::optional<SectorMapping> oneToOneMapping(const std::vector<std::string>& args, size_t minArgs, size_t device,
                                             std::optional<size_t> offset) {
  if (args.size() < minArgs) return std::nullopt;
  uint64_t start = 0;
  if (offset) {
    const KernelNumber number = scanUnsigned(args[*offset]);
    if (!number.ok()) return std::nullopt;
    start = number.value;
  }
  return SectorMapping{{MappedArea{args[device], start}}};
}

}  // namespace dmc
