// striped: <#stripes> <chunk_sectors> (<dev> <offset>){#stripes}  (drivers/md/dm-stripe.c)
#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/kernel_number.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkStriped(TargetCheckContext& c) {
  if (c.argCount() < 2) return c.failAt(c.argCount(), "Not enough arguments", "expected <#stripes> <chunk_sectors>");
  auto stripes = ArgCursor::at(c, 0).kstrto(32, "Invalid stripe count");
  if (!stripes) return;
  if (*stripes == 0) return c.failAt(0, "Invalid stripe count", "the number of stripes must not be 0");
  auto chunk = ArgCursor::at(c, 1).kstrto(32, "Invalid chunk_size");
  if (!chunk) return;
  if (*chunk == 0) return c.failAt(1, "Invalid chunk_size", "the chunk size must not be 0");
  if (c.length() % *stripes != 0) {
    return c.failAtType("Target length not divisible by number of stripes",
                        fmt::format("length {} is not a multiple of {} stripes", c.length(), *stripes));
  }
  uint64_t width = c.length() / *stripes;
  if (width % *chunk != 0) {
    return c.failAtType("Target length not divisible by chunk size",
                        fmt::format("each stripe gets {} sectors, not a multiple of the chunk size {}", width, *chunk));
  }
  uint64_t expected = 2 + 2 * *stripes;
  if (c.argCount() != expected) {
    size_t where = c.argCount() < expected ? c.argCount() : static_cast<size_t>(expected);
    return c.failAt(where, "Not enough destinations specified",
                    fmt::format("{} stripes need {} <device> <offset> pairs ({} arguments in all); {} given",
                                *stripes, *stripes, expected, c.argCount()));
  }
  for (uint64_t i = 0; i < *stripes; ++i) {
    size_t deviceIndex = 2 + 2 * i;
    auto offset = ArgCursor::at(c, deviceIndex + 1).sector("Couldn't parse stripe destination");
    if (!offset) return;
    c.useDevice(deviceIndex, *offset, width, deviceIndex + 1);
  }
}

// Chunk c of the range goes to stripe c % <#stripes>, as row c / <#stripes> of that stripe.
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t length) {
  if (args.size() < 2) return std::nullopt;
  const KernelNumber stripes = kstrtoUnsigned(args[0], 32);
  const KernelNumber chunk = kstrtoUnsigned(args[1]);
  if (!stripes.ok() || !chunk.ok() || stripes.value == 0 || chunk.value == 0) return std::nullopt;
  if (args.size() != 2 + 2 * stripes.value || length % stripes.value != 0) return std::nullopt;
  SectorMapping mapping;
  mapping.stripes = static_cast<uint32_t>(stripes.value);
  mapping.chunk = chunk.value;
  for (uint32_t i = 0; i < mapping.stripes; ++i) {
    const KernelNumber offset = scanUnsigned(args[3 + 2 * i]);
    if (!offset.ok()) return std::nullopt;
    mapping.areas.push_back(MappedArea{args[2 + 2 * i], offset.value});
  }
  return mapping;
}

}  // namespace

extern const TargetType kTarget_striped{
    .name = "striped",
    .summary = "stripes the range across several devices in chunks (RAID0)",
    .usage = "<#stripes> <chunk_sectors> <device> <offset> [<device> <offset>]...",
    .features61 = kPassesIntegrity | kNoWait,
    .features72 = kPassesIntegrity | kNoWait | kAtomicWrites | kPassesCrypto,
    .dmInit = true,
    .sectorMapping = mapSectors,
    .check = checkStriped,
};

}  // namespace dmc
