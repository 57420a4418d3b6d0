// error: no arguments needed; every I/O fails  (drivers/md/dm-target.c)
#include "validator/ctr/arg_cursor.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

void checkError(TargetCheckContext& c) {
  // 6.1 ignores any arguments. Newer kernels read exactly two as <dev> <offset>, like linear.
  if (c.has(KernelFeature::ErrorDeviceArguments) && c.argCount() == 2) {
    auto offset = ArgCursor::at(c, 1).sector("Invalid device sector");
    if (offset) c.useDevice(0, *offset, c.length(), 1);
  }
}

}  // namespace

extern const TargetType kTarget_error{
    .name = "error",
    .summary = "fails every I/O (and may replace any table, even an immutable one)",
    .usage = "(6.1: arguments ignored; 7.2: optionally <device> <offset>)",
    .features61 = kWildcard,
    .features72 = kWildcard | kZonedHostManaged | kPassesIntegrity,
    .queue = QueueKind::Hybrid,
    .check = checkError,
    .echo = {.printsNoArgs = true},  // 6.1 ignores its arguments and has no status to print
};

}  // namespace dmc
