#pragma once
// What a boot needs before a table file can be loaded: the devices it maps onto (to wait
// for), the kernel modules of its targets, and the crypto algorithms of its ciphers and hashes.
// The initramfs hooks and the systemd generator ask for these (`dmc deps`), because neither
// follows from module dependencies: the kernel loads a target's module by name at table load
// ("dm-<target>", and several targets share one module), and a cipher's modules by
// "crypto-<name>" when dm-crypt asks for the algorithm.

#include <string>
#include <vector>

#include "compiler/table_model.h"

namespace dmc {

struct BootDependencies {
  std::vector<std::string> devices;  // underlying devices outside the file, as written, sorted
  std::vector<std::string> modules;  // kernel module names (dm_mod for the built-in targets)
  std::vector<std::string> crypto;   // crypto API names ("xts", "aes", "sha256"), sorted
};

// `externalDevices` comes from the compile (CompileOutcome::externalDevices).
BootDependencies bootDependencies(const TableModel& model, const std::vector<std::string>& externalDevices);

// The module that provides a target type, or "" for a type dmc does not know.
std::string moduleForTarget(std::string_view targetType);

}  // namespace dmc
