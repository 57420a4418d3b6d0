// switch: <#paths> <region_sectors> <#opt_args = 0> (<dev> <offset>){#paths}
// (drivers/md/dm-switch.c). The device is cut into regions of region_sectors; a table (set
// later by messages) says which path each region goes to. Offsets are kstrtoull (an optional
// '+'); the counts are "%u" read against ranges.
#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

// (KMALLOC_MAX_SIZE - sizeof(struct switch_ctx)) / sizeof(struct switch_path) on x86-64:
// (4 MiB - 40) / 16. The path list is one kmalloc'ed array.
constexpr uint32_t kMaxPaths = (4u * 1024 * 1024 - 40) / 16;

// The region table: ceil(length / region_size) entries of the fewest bits that number every
// path, packed into 64-bit slots. The kernel refuses it when the counts pass unsigned long.
bool checkRegionTable(TargetCheckContext& c, uint32_t paths, uint32_t regionSize) {
  unsigned entryBits = 1;
  while (entryBits < 64 && (uint64_t{1} << entryBits) < paths) ++entryBits;
  uint64_t perSlot = 64 / entryBits;
  uint64_t regions = c.length() / regionSize + (c.length() % regionSize != 0);
  if (regions >= UINT64_MAX) {
    c.failAtType("Region table too large",
                 fmt::format("{} regions of {} sectors do not fit the kernel's region count", regions, regionSize));
    return false;
  }
  uint64_t slots = regions / perSlot + (regions % perSlot != 0);
  if (slots > UINT64_MAX / 8) {
    c.failAtType("Region table too large",
                 fmt::format("{} regions need {} 8-byte table slots, more than memory can address", regions, slots));
    return false;
  }
  return true;
}

// A path's offset: kstrtoull, so a '+' is allowed; without one, dmc also takes a size with units.
std::optional<uint64_t> readOffset(TargetCheckContext& c, size_t index) {
  constexpr std::string_view kText = "Invalid device starting offset";
  if (!c.arg(index).empty() && c.arg(index).front() == '+') return ArgCursor::at(c, index).kstrto(64, kText);
  return ArgCursor::at(c, index).sector(kText);
}

void checkSwitch(TargetCheckContext& c) {
  ArgCursor args(c);
  auto paths = args.read({1, kMaxPaths, "Invalid number of paths", "the number of paths"});
  if (!paths) return;
  auto regionSize = args.read({1, UINT32_MAX, "Invalid region size", "the region size (sectors)"});
  if (!regionSize) return;
  // No optional arguments are defined: the count must be 0.
  if (!args.readGroup({0, 0, "Invalid number of optional args", "the optional argument count"})) return;
  uint64_t expected = uint64_t{*paths} * 2;
  if (args.remaining() != expected) {
    size_t where = args.remaining() < expected ? c.argCount() : static_cast<size_t>(args.position() + expected);
    return c.failAt(where, "Incorrect number of path arguments",
                    fmt::format("{} path{} need {} <dev> <offset> argument{}; {} given", *paths,
                                *paths == 1 ? "" : "s", expected, expected == 1 ? "" : "s", args.remaining()));
  }
  std::vector<std::pair<size_t, uint64_t>> used;
  while (args.remaining() != 0) {
    size_t device = *args.shift();
    size_t offsetAt = *args.shift();
    auto offset = readOffset(c, offsetAt);
    if (!offset) return;
    used.emplace_back(device, *offset);
  }
  if (!checkRegionTable(c, *paths, *regionSize)) return;
  // The kernel checks (offset, target length) on every path.
  for (auto [device, offset] : used) c.useDevice(device, offset, c.length(), device + 1);
}

}  // namespace

extern const TargetType kTarget_switch{
    .name = "switch",
    .summary = "maps fixed-size regions onto paths by a table",
    .usage = "<#paths> <region_sectors> <#opt> <dev> <offset>...",
    .features61 = kNoWait,
    .features72 = kNoWait,
    .queue = QueueKind::Bio,
    .check = checkSwitch,
};

}  // namespace dmc
