// unstriped: <#stripes> <chunk_sectors> <stripe#> <dev> <offset>  (drivers/md/dm-unstripe.c)
// Exposes one stripe of a striped (RAID0) device. The three numbers are kstrtouint (an
// optional '+'), the offset is "%llu".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/kernel_number.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkUnstriped(TargetCheckContext& c) {
  if (c.argCount() != 5) {
    return c.failAt(5, "Invalid number of arguments",
                    fmt::format("unstriped takes exactly 5 arguments, <#stripes> <chunk_sectors> <stripe#> <dev> "
                                "<offset>; {} given",
                                c.argCount()));
  }
  auto stripes = ArgCursor::at(c, 0).kstrto(32, "Invalid stripe count");
  if (!stripes) return;
  if (*stripes == 0) return c.failAt(0, "Invalid stripe count", "the number of stripes must not be 0");
  auto chunk = ArgCursor::at(c, 1).kstrto(32, "Invalid chunk_size");
  if (!chunk) return;
  if (*chunk == 0) return c.failAt(1, "Invalid chunk_size", "the chunk size must not be 0");
  auto stripe = ArgCursor::at(c, 2).kstrto(32, "Invalid stripe number");
  if (!stripe) return;
  // The kernel lets stripe# equal the stripe count, and skips the check for one stripe.
  if (*stripe > *stripes && *stripes > 1) {
    return c.failAt(2, "Please provide stripe between [0, # of stripes]",
                    fmt::format("stripe {} does not exist: {} stripes are numbered from 0 to {}", *stripe, *stripes, *stripes - 1));
  }
  auto offset = ArgCursor::at(c, 4).sector("Invalid striped device offset");
  if (!offset) return;
  if (c.length() % *chunk != 0) {
    return c.failAtType("Target length not divisible by chunk size",
                        fmt::format("length {} is not a multiple of the chunk size {}", c.length(), *chunk));
  }
  c.useDevice(3, *offset, c.length(), 4);
}

// unstripe_map(): offset S in the target (dm_target_offset; kernels before the 2025 stable fix
// took the device's sector, wrongly for a line not at sector 0) goes to
// <offset> + S + (S / chunk) * (#stripes - 1) * chunk + stripe# * chunk, which is chunk <stripe#>
// of each row of <#stripes> chunks. The kernel computes both products in 32 bits; a line whose
// products wrap is not followed.
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t length) {
  if (args.size() != 5) return std::nullopt;
  const KernelNumber stripes = kstrtoUnsigned(args[0], 32);
  const KernelNumber chunk = kstrtoUnsigned(args[1], 32);
  const KernelNumber stripe = kstrtoUnsigned(args[2], 32);
  const KernelNumber offset = scanUnsigned(args[4]);
  if (!stripes.ok() || !chunk.ok() || !stripe.ok() || !offset.ok()) return std::nullopt;
  if (stripes.value == 0 || chunk.value == 0 || length % chunk.value != 0) return std::nullopt;
  if (stripe.value > stripes.value && stripes.value > 1) return std::nullopt;
  if ((stripes.value - 1) * chunk.value > UINT32_MAX || stripe.value * chunk.value > UINT32_MAX) return std::nullopt;
  SectorMapping mapping{{MappedArea{args[3], offset.value}}};
  mapping.stride = Stride{chunk.value, stripes.value, stripe.value};
  return mapping;
}

}  // namespace

extern const TargetType kTarget_unstriped{
    .name = "unstriped",
    .summary = "exposes one stripe of a striped device",
    .usage = "<#stripes> <chunk_sectors> <stripe#> <dev> <offset>",
    .features61 = kNoWait,
    .features72 = kNoWait,
    .queue = QueueKind::Bio,
    .sectorMapping = mapSectors,
    .check = checkUnstriped,
};

}  // namespace dmc
