#pragma once
// What a device of the same dmc file (@name, /dev/mapper/NAME) shows the devices above it,
// derived from its table as the kernel stacks queue limits (dm_calculate_queue_limits in
// drivers/md/dm-table.c, blk_stack_limits in block/blk-settings.c):
//   - its logical block size is the largest of its targets', each the largest of the
//     target's devices raised by its io_hints (a linear over a 4Kn disk: 4096; integrity
//     with block_size:4096 or crypt with sector_size:4096: 4096);
//   - its zone model is the "most zoned" of its targets' devices (a linear over a zoned disk
//     is zoned); dm-zoned's io_hints makes it regular, and dmc records no device areas for
//     it, so it stacks nothing and comes out regular, as does zero or error.
// Only devices that end before the line that names them are known (a later device's table
// is not read yet): a forward reference stays unknown, as before.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "validator/device_areas.h"

namespace dmc {

// blk_stack_limits: the larger model wins (host-managed over host-aware over none); a device
// whose model nobody knows makes the result unknown unless something is host-managed anyway.
ZoneModel stackZoneModels(ZoneModel a, ZoneModel b);

// The zone model of the device being read: each target stacks the models of the devices it
// maps (iterate_devices). Tables name one device line after line, so the last device's model
// is kept rather than looked up again.
class DeviceZoneStack {
 public:
  void addTarget(std::span<const DeviceArea> areas, const DeviceSizeSource& facts);
  ZoneModel model() const { return model_; }
  void reset() { model_ = ZoneModel::None; }

 private:
  ZoneModel modelOf(std::string_view device, const DeviceSizeSource& facts);

  ZoneModel model_ = ZoneModel::None;
  std::string_view lastDevice_;
  ZoneModel lastModel_ = ZoneModel::Unknown;
};

// The disk facts of a file: the devices defined in it so far, over the outside's (the file's
// disk lines over the command line's or the machine's).
class StackedDeviceFacts final : public DeviceSizeSource {
 public:
  explicit StackedDeviceFacts(const DeviceSizeSource& outside) : outside_(outside) {}

  // A device of the file, once its table has ended.
  void addDevice(std::string_view name, uint64_t sectors, uint32_t logicalBlockSize, ZoneModel zoneModel);

  std::optional<uint64_t> sizeOf(std::string_view device) const override;
  std::optional<DiskFacts> factsOf(std::string_view device) const override;
  bool anyDeclared() const override { return outside_.anyDeclared(); }
  std::string unknownDeviceMessage(std::string_view device) const override {
    return outside_.unknownDeviceMessage(device);
  }
  bool isThisMachine() const override { return outside_.isThisMachine(); }
  // A device of the file is not read (it does not exist yet); a disk is, by the outside.
  std::optional<std::array<uint8_t, 512>> readSector(std::string_view device, uint64_t sector) const override {
    return sameFile(device) ? std::nullopt : outside_.readSector(device, sector);
  }

 private:
  const DiskFacts* sameFile(std::string_view device) const;

  const DeviceSizeSource& outside_;
  std::unordered_map<std::string, DiskFacts> devices_;
};

}  // namespace dmc
