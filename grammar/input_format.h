#pragma once
// The kinds of input dmc reads, and how each is told apart from its text:
//   table          a plain table or a dmc multi-device file ("0 8 zero", "device a")
//   concise        `dmsetup create --concise`: "vroot,,,ro,0 2048 linear 8:1 0"
//   dm-mod.create  the kernel's boot parameter on its own: dm-mod.create="..."
//   cmdline        a whole kernel command line (/proc/cmdline, GRUB_CMDLINE_LINUX=...) holding
//                  a dm-mod.create= parameter
//   dmsetup-table  `dmsetup table` output, as sosreports keep it: "NAME: 0 2048 linear 8:1 0"

#include <cstddef>
#include <optional>
#include <string_view>

namespace dmc {

enum class InputFormat { Table, Concise, DmModCreate, KernelCommandLine, DmsetupTable };

std::string_view inputFormatName(InputFormat format);

InputFormat detectInputFormat(std::string_view text);

// The offset of the dm-mod.create= parameter in a kernel command line: the last one, as the
// kernel's __setup handler keeps the last value it is given. A parameter starts the text or
// follows a blank or a quote (GRUB_CMDLINE_LINUX="... dm-mod.create=...").
std::optional<size_t> findDmModCreateParameter(std::string_view text);

inline constexpr std::string_view kDmModCreateParameter = "dm-mod.create=";

}  // namespace dmc
