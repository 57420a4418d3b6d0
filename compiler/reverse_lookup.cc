#include "compiler/reverse_lookup.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "validator/target_registry.h"

namespace dmc {
namespace {

constexpr std::string_view kMapperPrefix = "/dev/mapper/";

// The target type's fixed mapping of a line, if it has one.
std::optional<SectorMapping> parsePlacement(std::string_view type, std::string_view params, uint64_t targetLength) {
  const TargetType* known = findTargetType(type);
  if (known == nullptr || known->sectorMapping == nullptr) return std::nullopt;
  std::optional<SectorMapping> mapping = known->sectorMapping(splitTargetParams(params), targetLength);
  if (mapping && mapping->areas.empty()) return std::nullopt;
  return mapping;
}

// Where the sector `base` of a strided target (its offset, or its device's sector) lies from
// the start of its area: chunk `index` of row base / chunk. nullopt past 2^64.
std::optional<uint64_t> strideSector(const Stride& stride, uint64_t base) {
  uint64_t rowStart = 0;
  uint64_t chunkStart = 0;
  uint64_t sector = 0;
  if (__builtin_mul_overflow(base / stride.chunk, stride.count * stride.chunk, &rowStart) ||
      __builtin_add_overflow(rowStart, stride.index * stride.chunk, &chunkStart) ||
      __builtin_add_overflow(chunkStart, base % stride.chunk, &sector))
    return std::nullopt;
  return sector;
}

// The inverse: which `base` lies at `sector` of the area; nullopt for a sector of another stripe.
std::optional<uint64_t> strideBase(const Stride& stride, uint64_t sector) {
  const uint64_t skipped = stride.index * stride.chunk;
  if (sector < skipped) return std::nullopt;
  const uint64_t row = (sector - skipped) / (stride.count * stride.chunk);
  const uint64_t inRow = (sector - skipped) % (stride.count * stride.chunk);
  if (inRow >= stride.chunk) return std::nullopt;
  return row * stride.chunk + inRow;
}

// The sector the target's map function starts from: the offset in its range, or the sector
// of the mapped device for targets that never subtract their start. nullopt past 2^64.
std::optional<uint64_t> mappedBase(const SectorMapping& mapping, uint64_t targetStart, uint64_t offsetInTarget) {
  if (!mapping.mapsDeviceSector) return offsetInTarget;
  uint64_t base = 0;
  if (__builtin_add_overflow(targetStart, offsetInTarget, &base)) return std::nullopt;
  return base;
}

// Where `base` lies on the (one to one or strided) area that starts at `areaOffset`.
std::optional<uint64_t> areaSector(const SectorMapping& mapping, uint64_t areaOffset, uint64_t base) {
  std::optional<uint64_t> onArea = mapping.stride ? strideSector(*mapping.stride, base) : base;
  uint64_t sector = 0;
  if (!onArea || __builtin_add_overflow(areaOffset, *onArea, &sector)) return std::nullopt;
  return sector;
}

}  // namespace

std::vector<std::string> splitTargetParams(std::string_view params) {
  std::vector<std::string> args;
  std::string current;
  bool inToken = false;
  for (size_t i = 0; i < params.size(); ++i) {
    const char c = params[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (inToken) args.push_back(std::move(current));
      current.clear();
      inToken = false;
      continue;
    }
    inToken = true;
    // A trailing backslash has nothing to escape and stays literal.
    if (c == '\\' && i + 1 < params.size()) ++i;
    current.push_back(params[i]);
  }
  if (inToken) args.push_back(std::move(current));
  return args;
}

std::optional<SectorPlacement> placeSector(std::string_view type, std::string_view params, uint64_t targetLength,
                                           uint64_t offsetInTarget, uint64_t targetStart) {
  std::optional<SectorMapping> set = parsePlacement(type, params, targetLength);
  if (!set || offsetInTarget >= targetLength) return std::nullopt;
  if (set->stripes == 0) {
    const std::optional<uint64_t> base = mappedBase(*set, targetStart, offsetInTarget);
    const std::optional<uint64_t> sector = base ? areaSector(*set, set->areas[0].offset, *base) : std::nullopt;
    if (!sector) return std::nullopt;
    return SectorPlacement{set->areas[0].device, *sector, {}};
  }
  const uint64_t chunk = offsetInTarget / set->chunk;
  const uint32_t stripe = static_cast<uint32_t>(chunk % set->stripes);
  const uint64_t onStripe = (chunk / set->stripes) * set->chunk + offsetInTarget % set->chunk;
  return SectorPlacement{set->areas[stripe].device, set->areas[stripe].offset + onStripe, stripe};
}

std::string normalizeDevicePath(std::string_view path) {
  if (path.size() > 1 && path.front() == '@') return std::string(kMapperPrefix) + std::string(path.substr(1));
  return std::string(path);
}

uint32_t ReverseIndex::addDevice(std::string_view name) {
  deviceNames_.emplace_back(name);
  return static_cast<uint32_t>(deviceNames_.size() - 1);
}

void ReverseIndex::addTarget(uint32_t device, uint32_t target, uint64_t start, uint64_t length, std::string_view type,
                             std::string_view params) {
  std::optional<SectorMapping> set = parsePlacement(type, params, length);
  if (!set || length == 0) return;
  if (set->stripes != 0) {
    const uint64_t areaLength = length / set->stripes;
    for (uint32_t i = 0; i < set->areas.size(); ++i) {
      const auto& [path, offset] = set->areas[i];
      if (offset + areaLength - 1 < offset) continue;  // wraps: no real device is that large
      Extent extent{offset, offset + areaLength - 1, device, target, start, set->chunk, set->stripes, i};
      byDevice_[normalizeDevicePath(path)].push_back(extent);
    }
    return;
  }
  // One to one or strided: the first and last sectors of the range bound each area's part.
  const std::optional<uint64_t> firstBase = mappedBase(*set, start, 0);
  const std::optional<uint64_t> lastBase = mappedBase(*set, start, length - 1);
  if (!firstBase || !lastBase) return;
  for (const auto& [path, offset] : set->areas) {
    const std::optional<uint64_t> first = areaSector(*set, offset, *firstBase);
    const std::optional<uint64_t> last = areaSector(*set, offset, *lastBase);
    if (!first || !last) continue;  // past 2^64: no real device is that large
    Extent extent{*first, *last, device, target, start};
    if (set->stride) extent.stride = StridedArea{*set->stride, offset, *firstBase};
    byDevice_[normalizeDevicePath(path)].push_back(extent);
  }
}

void ReverseIndex::finish() {
  for (auto& [path, extents] : byDevice_) {
    std::sort(extents.begin(), extents.end(), [](const Extent& a, const Extent& b) { return a.first < b.first; });
    uint64_t maxLast = 0;
    for (Extent& extent : extents) extent.maxLast = maxLast = std::max(maxLast, extent.last);
  }
}

std::optional<uint64_t> ReverseIndex::logicalSector(const Extent& extent, uint64_t sector) {
  if (extent.stride) {
    const StridedArea& area = *extent.stride;
    const std::optional<uint64_t> base = strideBase(area.stride, sector - area.offset);
    if (!base) return std::nullopt;  // a chunk of another stripe
    return extent.logicalStart + (*base - area.firstBase);
  }
  const uint64_t onArea = sector - extent.first;
  if (extent.stripes == 0) return extent.logicalStart + onArea;
  // Inverse of the striped mapping: the chunk's place on its stripe gives its logical row.
  const uint64_t row = onArea / extent.chunk;
  const uint64_t logicalChunk = row * extent.stripes + extent.stripe;
  return extent.logicalStart + logicalChunk * extent.chunk + onArea % extent.chunk;
}

void ReverseIndex::findDirect(std::string_view underlying, uint64_t sector, int32_t via,
                              std::vector<ReverseHit>& hits) const {
  const auto found = byDevice_.find(normalizeDevicePath(underlying));
  if (found == byDevice_.end()) return;
  const std::vector<Extent>& extents = found->second;
  // Extents starting at or before the sector, scanned back while one of them may still reach it.
  auto it = std::upper_bound(extents.begin(), extents.end(), sector,
                             [](uint64_t s, const Extent& e) { return s < e.first; });
  std::vector<ReverseHit> local;
  while (it != extents.begin()) {
    --it;
    if (it->maxLast < sector) break;
    if (it->last < sector) continue;
    const std::optional<uint64_t> logical = logicalSector(*it, sector);
    if (!logical) continue;
    std::optional<uint32_t> stripe;
    if (it->stripes != 0) stripe = it->stripe;
    local.push_back(ReverseHit{it->device, it->target, *logical, stripe, via});
  }
  // Report in table order, not in the scan's reverse order.
  std::sort(local.begin(), local.end(), [](const ReverseHit& a, const ReverseHit& b) {
    return std::tie(a.device, a.target, a.sector) < std::tie(b.device, b.target, b.sector);
  });
  hits.insert(hits.end(), local.begin(), local.end());
}

bool ReverseIndex::uses(std::string_view underlying) const {
  return byDevice_.find(normalizeDevicePath(underlying)) != byDevice_.end();
}

std::vector<std::string> ReverseIndex::usedDevices() const {
  std::vector<std::string> devices;
  for (const auto& [path, extents] : byDevice_) devices.push_back(path);
  return devices;
}

std::vector<ReverseHit> ReverseIndex::find(std::string_view underlying, uint64_t sector, bool followStacks) const {
  std::vector<ReverseHit> hits;
  findDirect(underlying, sector, -1, hits);
  if (!followStacks) return hits;
  // Breadth first; a chain can be no longer than the number of devices, which also stops a
  // cycle written into parameter text.
  size_t levelBegin = 0;
  for (size_t depth = 0; depth < deviceNames_.size() && levelBegin < hits.size(); ++depth) {
    const size_t levelEnd = hits.size();
    for (size_t i = levelBegin; i < levelEnd; ++i) {
      const std::string stacked = std::string(kMapperPrefix) + deviceNames_[hits[i].device];
      findDirect(stacked, hits[i].sector, static_cast<int32_t>(i), hits);
    }
    levelBegin = levelEnd;
  }
  return hits;
}

}  // namespace dmc
