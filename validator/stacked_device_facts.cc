#include "validator/stacked_device_facts.h"

#include <algorithm>

#include "validator/ctr/arg_text.h"

namespace dmc {

namespace {

int zonedness(ZoneModel model) {
  switch (model) {
    case ZoneModel::None: return 0;
    case ZoneModel::HostAware: return 1;
    case ZoneModel::HostManaged: return 2;
    case ZoneModel::Unknown: return -1;
  }
  return -1;
}

}  // namespace

ZoneModel stackZoneModels(ZoneModel a, ZoneModel b) {
  if (a == ZoneModel::HostManaged || b == ZoneModel::HostManaged) return ZoneModel::HostManaged;
  if (a == ZoneModel::Unknown || b == ZoneModel::Unknown) return ZoneModel::Unknown;
  return zonedness(a) >= zonedness(b) ? a : b;
}

ZoneModel DeviceZoneStack::modelOf(std::string_view device, const DeviceSizeSource& facts) {
  if (device == lastDevice_ && !lastDevice_.empty()) return lastModel_;
  std::optional<DiskFacts> disk = facts.factsOf(device);
  ZoneModel model = disk ? disk->traits.zoneModel : ZoneModel::Unknown;
  if (model == ZoneModel::Unknown && disk && disk->traits.complete) model = ZoneModel::None;  // a whole disk
  lastDevice_ = device;
  lastModel_ = model;
  return model;
}

void DeviceZoneStack::addTarget(std::span<const DeviceArea> areas, const DeviceSizeSource& facts) {
  for (const DeviceArea& area : areas) {
    if (model_ == ZoneModel::HostManaged) return;  // nothing stacks above it
    if (!area.mapped || !area.hasRange) continue;  // what iterate_devices walks
    model_ = stackZoneModels(model_, modelOf(area.device(), facts));
  }
}

void StackedDeviceFacts::addDevice(std::string_view name, uint64_t sectors, uint32_t logicalBlockSize,
                                   ZoneModel zoneModel) {
  DiskFacts facts;
  facts.sectors = sectors;
  facts.traits.logicalBlockSize = logicalBlockSize;
  facts.traits.zoneModel = zoneModel;
  // Not `complete`: an unknown zone model must stay unknown, and the integrity profile of a
  // device of the file is IntegrityProfileRules' to judge.
  devices_.insert_or_assign(std::string(name), facts);
}

const DiskFacts* StackedDeviceFacts::sameFile(std::string_view device) const {
  if (devices_.empty()) return nullptr;  // a plain table, or the file's first device
  std::string_view name = mapperName(device);
  if (name.empty()) return nullptr;
  auto found = devices_.find(std::string(name));
  return found == devices_.end() ? nullptr : &found->second;
}

std::optional<uint64_t> StackedDeviceFacts::sizeOf(std::string_view device) const {
  if (const DiskFacts* facts = sameFile(device)) return facts->sectors;
  return outside_.sizeOf(device);
}

std::optional<DiskFacts> StackedDeviceFacts::factsOf(std::string_view device) const {
  if (const DiskFacts* facts = sameFile(device)) return *facts;
  return outside_.factsOf(device);
}

}  // namespace dmc
