#include "lookup/sector_path.h"

#include <string_view>

#include "compiler/sector_lookup.h"

namespace dmc {

namespace {

constexpr std::string_view kMapperPrefix = "/dev/mapper/";

std::optional<size_t> stackedDevice(const ImageReader& reader, const std::optional<SectorPlacement>& placement) {
  if (!placement || !placement->device.starts_with(kMapperPrefix)) return std::nullopt;
  return reader.findDevice(std::string_view(placement->device).substr(kMapperPrefix.size()));
}

}  // namespace

std::vector<Hop> followSector(const ImageReader& reader, size_t device, uint64_t sector) {
  std::vector<Hop> hops;
  while (hops.size() < reader.devices().size()) {
    const ImageDevice& mapped = reader.devices()[device];
    const uint32_t target = SectorLookup(mapped.index).find(sector);
    if (target == kNoTarget) break;
    const TargetRecord& record = mapped.targets[target];
    Hop hop{device, sector, target, placeSector(reader.typeName(record.typeId), reader.params(record), record.length,
                                                sector - record.start, record.start)};
    hops.push_back(hop);
    const std::optional<size_t> next = stackedDevice(reader, hop.placement);
    if (!next) break;
    device = *next;
    sector = hop.placement->sector;
  }
  return hops;
}

}  // namespace dmc
