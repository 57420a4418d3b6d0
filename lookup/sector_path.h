#pragma once
// A sector's way down a stack of devices of one source: the target holding it (the kernel's
// btree walk), where that target sends it when its mapping is fixed, and on through devices of
// the same source (/dev/mapper/NAME) until it leaves them.

#include <cstdint>
#include <optional>
#include <vector>

#include "compiler/reverse_lookup.h"
#include "emitters/image_reader.h"

namespace dmc {

// One step of a sector's way down: the target holding it and where that target sends it.
struct Hop {
  size_t device = 0;
  uint64_t sector = 0;
  uint32_t target = 0;
  std::optional<SectorPlacement> placement;
};

// Empty when the sector is past the device's end. A chain is at most as long as the number of
// devices, which also ends a cycle written into parameter text.
std::vector<Hop> followSector(const ImageReader& reader, size_t device, uint64_t sector);

}  // namespace dmc
