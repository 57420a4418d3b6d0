// ebs: <dev> <offset> <emulated_bs_sectors> [<underlying_bs_sectors>]
// (drivers/md/dm-ebs-target.c)
//
// The kernel's order: 3 or 4 arguments; offset (newer kernels: it must also be below the target
// length); emulated block size ("%hu" sectors, a power of two, at most a page); underlying
// block size (same, no page limit); device; the offset a multiple of the underlying block
// size. Without an underlying size the kernel takes the device's logical block size.
#include <fmt/format.h>

#include "support/bit_math.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/one_to_one_mapping.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kDeviceArg = 0;
constexpr size_t kOffsetArg = 1;
constexpr size_t kEmulatedArg = 2;
constexpr size_t kUnderlyingArg = 3;
constexpr uint64_t kPageSectors = 4096 / 512;  // PAGE_SIZE on x86-64

void checkEbs(TargetCheckContext& c) {
  size_t argc = c.argCount();
  if (argc < 3 || argc > 4) {
    return c.failAt(argc < 3 ? argc : 4, "Invalid argument count",
                    fmt::format("ebs takes <device> <offset> <emulated_block_sectors> [<underlying_block_sectors>]; "
                                "{} arguments given",
                                argc));
  }
  auto offset = ArgCursor::at(c, kOffsetArg).sector("Invalid device offset sector");
  if (!offset) return;
  if (c.has(KernelFeature::EbsOffsetBelowLength) && *offset >= c.length()) {
    return c.failAt(kOffsetArg, "Invalid device offset sector",
                    fmt::format("this kernel wants the offset below the target length ({} sectors); it is {}",
                                c.length(), *offset));
  }
  auto emulated = ArgCursor::at(c, kEmulatedArg).scan(16, "Invalid emulated block size");
  if (!emulated) return;
  if (!isPowerOfTwo(*emulated) || *emulated > kPageSectors) {
    return c.failAt(kEmulatedArg, "Invalid emulated block size",
                    fmt::format("the emulated block size is {} sectors; it must be 1, 2, 4 or 8 (a power of two, at "
                                "most a 4096-byte page)",
                                *emulated));
  }
  if (argc > 3) {
    auto underlying = ArgCursor::at(c, kUnderlyingArg).scan(16, "Invalid underlying block size");
    if (!underlying) return;
    if (!isPowerOfTwo(*underlying)) {
      return c.failAt(kUnderlyingArg, "Invalid underlying block size",
                      fmt::format("the underlying block size is {} sectors; it must be a power of two", *underlying));
    }
    if (*offset % *underlying != 0) {
      return c.failAt(kOffsetArg, "Device offset must be multiple of underlying block size",
                      fmt::format("the offset {} is not a multiple of the underlying block size, {} sectors", *offset,
                                  *underlying));
    }
  } else if (auto disk = c.diskFactsOf(kDeviceArg); disk && disk->traits.logicalBlockSize > 512) {
    // Without <u_bs> the kernel takes the device's logical block size.
    const uint64_t underlying = disk->traits.logicalBlockSize / 512;
    if (*offset % underlying != 0) {
      return c.failAt(kOffsetArg, "Device offset must be multiple of underlying block size",
                      fmt::format("the offset {} is not a multiple of the underlying block size, {} sectors (the "
                                  "{}-byte logical blocks of {})",
                                  *offset, underlying, disk->traits.logicalBlockSize, c.arg(kDeviceArg)));
    }
  }
  c.useDevice(kDeviceArg, *offset, c.length(), kOffsetArg);
  c.replaceLogicalBlockSize(static_cast<uint32_t>(*emulated * 512));  // ebs_io_hints: the emulated size
}

// One to one from <offset> of <dev path> (ebs emulates block sizes, it does not move sectors).
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  return oneToOneMapping(args, 2, 0, 1);
}

}  // namespace

extern const TargetType kTarget_ebs{
    .name = "ebs",
    .summary = "emulates a smaller logical block size",
    .usage = "<dev> <offset> <emulated_bs_sectors> [<underlying_bs_sectors>]",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .sectorMapping = mapSectors,
    .check = checkEbs,
};

}  // namespace dmc
