#pragma once
// The kernel boot parameter dm-mod.create= (drivers/md/dm-init.c, CONFIG_DM_INIT) for a checked
// model, written as `dm-mod.create="..."` ready for the kernel command line.
//
// dm-init is stricter than dmsetup, and silently so: it creates only crypt, delay, linear,
// snapshot-origin, striped and verity targets; at most 256 devices of at most 256 targets; the
// value must stay under 4096 characters; there are no escapes, so ',' and ';' can appear in no
// name or argument (and '"' would end the quoted value); a backslash in an argument is read as an
// escape by the kernel's argument splitter; numbers are read with base 0, so dmc writes plain
// decimal with no leading zero. At boot there is no /dev/mapper: a device of the same string is
// referred to as /dev/dm-MINOR, so such a device needs a fixed minor. Each problem is reported
// at its source line.

#include "emitters/concise_emitter.h"

namespace dmc {

// x86's COMMAND_LINE_SIZE: the whole kernel command line, with its NUL.
inline constexpr size_t kX86CommandLineSize = 2048;

BootStringOutput emitDmInit(const TableModel& model);

}  // namespace dmc
