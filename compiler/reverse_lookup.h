#pragma once
// Where sectors go through targets with a fixed mapping (TargetType::sectorMapping: linear,
// striped, unstriped, crypt, delay, flakey, verity's data, snapshot-origin, dust, ebs, log-writes), both ways:
//   * placeSector: a sector inside a target -> the underlying device and sector;
//   * ReverseIndex: an underlying device and sector -> every logical sector of every mapped
//     device that lands on it, optionally following devices stacked on each other within
//     the same file (a table naming /dev/mapper/NAME of another device of the file).
//
// Striped arithmetic (dm-stripe): with offset o inside the target, chunk size c and s stripes,
//   chunk = o / c, stripe = chunk % s, sector on that stripe = (chunk / s) * c + o % c,
// plus the stripe's device offset. Each stripe covers length / s sectors of its device.
// Strided arithmetic (dm-unstripe, the inverse): offset b goes to row b / c of s chunks,
// chunk i of that row: (b / c) * s * c + i * c + b % c, plus the device offset.
// Targets that never subtract their start (SectorMapping::mapsDeviceSector) take b as the
// sector of the mapped device; the others, the offset inside the target.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "validator/target_type.h"

namespace dmc {

// dm_split_args: whitespace separates, a backslash makes the next character literal.
std::vector<std::string> splitTargetParams(std::string_view params);

struct SectorPlacement {
  std::string device;             // as the table names it
  uint64_t sector = 0;
  std::optional<uint32_t> stripe;  // for striped targets
};

// nullopt for target types without a fixed mapping, or parameters that do not parse.
// `targetStart` (the target's first sector on its mapped device) matters only to targets that
// map the device's sector rather than the offset (log-writes, snapshot-origin).
std::optional<SectorPlacement> placeSector(std::string_view type, std::string_view params, uint64_t targetLength,
                                           uint64_t offsetInTarget, uint64_t targetStart = 0);

// "@name" is dmc's spelling of /dev/mapper/name; other paths are taken as written.
std::string normalizeDevicePath(std::string_view path);

struct ReverseHit {
  uint32_t device = 0;            // index of the mapped device
  uint32_t target = 0;            // its target holding the sector
  uint64_t sector = 0;            // the logical sector on that device
  std::optional<uint32_t> stripe;
  int32_t via = -1;               // the hit (index in the result) this one stacks on; -1: direct
};

class ReverseIndex {
 public:
  // Devices are numbered in the order they are added; their names let stacked devices be
  // found through /dev/mapper/NAME.
  uint32_t addDevice(std::string_view name);
  // Targets of other types (or unparsable parameters) are ignored.
  void addTarget(uint32_t device, uint32_t target, uint64_t start, uint64_t length, std::string_view type,
                 std::string_view params);
  // Call once after the last addTarget, before find.
  void finish();

  // Whether any target maps part of this device; the devices that are (sorted).
  bool uses(std::string_view underlying) const;
  std::vector<std::string> usedDevices() const;

  // Every logical sector landing on `sector` of `underlying`; with followStacks, also those on
  // devices stacked on the devices found, breadth first.
  std::vector<ReverseHit> find(std::string_view underlying, uint64_t sector, bool followStacks = true) const;

 private:
  // An area read in strides (unstriped), and the `base` sector of the target's first sector.
  struct StridedArea {
    Stride stride;
    uint64_t offset = 0;        // the area's first underlying sector
    uint64_t firstBase = 0;
  };
  // The part of an underlying device that one target (or one stripe of it) uses.
  struct Extent {
    uint64_t first = 0;         // first underlying sector
    uint64_t last = 0;          // last underlying sector, inclusive
    uint32_t device = 0;
    uint32_t target = 0;
    uint64_t logicalStart = 0;  // the target's start on its mapped device
    uint64_t chunk = 0;         // striped only
    uint32_t stripes = 0;       // 0: one to one (or strided)
    uint32_t stripe = 0;
    std::optional<StridedArea> stride = std::nullopt;  // strided only: the sectors between are others'
    uint64_t maxLast = 0;       // largest `last` of this and all earlier extents (sorted order)
  };

  void findDirect(std::string_view underlying, uint64_t sector, int32_t via, std::vector<ReverseHit>& hits) const;
  // nullopt when the sector lies between the target's strides.
  static std::optional<uint64_t> logicalSector(const Extent& extent, uint64_t sector);

  std::vector<std::string> deviceNames_;
  std::map<std::string, std::vector<Extent>, std::less<>> byDevice_;  // sorted by first after finish()
};

}  // namespace dmc
