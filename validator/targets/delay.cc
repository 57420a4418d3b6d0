// delay: <dev> <offset> <delay_ms> [<wdev> <woffset> <wdelay_ms> [<fdev> <foffset> <fdelay_ms>]]
// (drivers/md/dm-delay.c). Three argument classes: reads, writes, flushes. With 3 arguments one
// class serves all I/O; with 6 the second class serves writes and flushes.
#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/kernel_number.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

// One class: <dev> <offset> <delay_ms>, read in the kernel's order (offset %llu, delay %u, then
// the device). The kernel checks (offset, target length) of each class's device.
bool checkClass(TargetCheckContext& c, size_t first) {
  auto offset = ArgCursor::at(c, first + 1).sector("Invalid device sector");
  if (!offset) return false;
  if (!ArgCursor::at(c, first + 2).scan(32, "Invalid delay")) return false;
  c.useDevice(first, *offset, c.length(), first + 1);
  return true;
}

void checkDelay(TargetCheckContext& c) {
  size_t argc = c.argCount();
  if (argc != 3 && argc != 6 && argc != 9) {
    // Point at the first argument of the incomplete (or surplus) class.
    size_t where = argc < 3 ? argc : (argc > 9 ? 9 : argc / 3 * 3);
    return c.failAt(where, "Requires exactly 3, 6 or 9 arguments",
                    fmt::format("delay takes 3 arguments (<dev> <offset> <delay_ms> for all I/O), 6 (a second "
                                "set for writes and flushes) or 9 (separate sets for reads, writes and flushes); "
                                "{} given",
                                argc));
  }
  for (size_t first = 0; first < argc; first += 3)
    if (!checkClass(c, first)) return;
}

// With one class, its device gets all I/O. With more, the first class only reads, the second
// writes (and, without a third, flushes), and a third only flushes, which carries no data.
DeviceUse deviceUse(size_t arg, size_t argc) {
  if (argc <= 3 || (arg >= 3 && arg < 6)) return DeviceUse{};
  return DeviceUse{AreaAccess::Reads};
}

// One to one for each class: reads from the first <dev> <offset>, writes and flushes from the
// second and third when given.
std::optional<SectorMapping> mapSectors(const std::vector<std::string>& args, uint64_t /*length*/) {
  if (args.size() != 3 && args.size() != 6 && args.size() != 9) return std::nullopt;
  SectorMapping mapping;
  for (size_t set = 0; set < args.size(); set += 3) {
    const KernelNumber offset = scanUnsigned(args[set + 1]);
    if (!offset.ok()) return std::nullopt;
    mapping.areas.push_back(MappedArea{args[set], offset.value});
  }
  return mapping;
}

}  // namespace

extern const TargetType kTarget_delay{
    .name = "delay",
    .summary = "delays reads, writes and flushes",
    .usage = "<dev> <offset> <delay_ms> [<wdev> <woffset> <wdelay_ms> [<fdev> <foffset> <fdelay_ms>]]",
    .features61 = kPassesIntegrity,
    .features72 = kPassesIntegrity | kZonedHostManaged,
    .queue = QueueKind::Bio,
    .dmInit = true,
    .sectorMapping = mapSectors,
    .check = checkDelay,
    .deviceUse = deviceUse,
};

}  // namespace dmc
