#pragma once
// Every range of an underlying device that a target uses, as the kernel's
// device_area_is_invalid() sees it, collected while checking and judged at the end of a file
// (when the sizes of referenced devices of the same file are known).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "validator/target_type.h"

namespace dmc {

// One a device argument of every target line: a million-line table holds a million of them,
// so the record is kept small (88 bytes, was 120): the device's location is not stored but
// made from the start's line and the device's column when a diagnostic needs it, and the
// device and type names are views of the line's bytes kept as a pointer and a length.
struct DeviceArea {
  DeviceArea(std::string_view device, uint64_t start, uint64_t length, Location deviceLocation,
             Location startLocation, std::string_view targetType, bool hasRange = true);

  std::string_view device() const { return {deviceText_, deviceSize_}; }  // a path, major:minor, or @name
  std::string_view targetType() const { return {typeText_, typeSize_}; }
  // The device argument: on the line of the start argument.
  Location deviceLocation() const { return Location{startLocation.file, startLocation.line, deviceColumn_, deviceSize_}; }

  uint64_t start = 0;
  uint64_t length = 0;
  Location startLocation;  // the offset argument, where the error is shown
  DeviceUse use = {};      // what the target does with these sectors (its type's deviceUse)
  const char* pastEndKernelText = nullptr;  // nullptr: dm-table's "too small for target"
  // An object of the device the target takes for itself alone (a thin device id in its
  // pool): two areas of one device with the same claim share all its data.
  uint32_t claim = kNoClaim;
  bool hasRange = true;  // false: the target opens the device but maps no range of it
  // An area the constructor needs but does not map (verity's hash tree): it must fit the
  // device, with the constructor's own words for it, but the queue limits do not cover it.
  bool mapped = true;
  static constexpr uint32_t kNoClaim = UINT32_MAX;

 private:
  uint16_t typeSize_;  // a type name has at most 15 bytes (kMaxTypeNameLength)
  const char* deviceText_;
  const char* typeText_;
  uint32_t deviceSize_;
  uint32_t deviceColumn_;
};
static_assert(sizeof(DeviceArea) <= 88, "a million-line table holds a million areas");

// A disk's zone model, as sysfs queue/zoned words it.
enum class ZoneModel : uint8_t { Unknown, None, HostAware, HostManaged };

// The integrity profile a device offers the device above it (blk_integrity): tag bytes a
// block, and the block it protects.
struct IntegrityProfile {
  uint32_t tagBytes = 0;
  uint32_t blockBytes = 512;
  bool operator==(const IntegrityProfile&) const = default;
};

// What the kernel checks of an underlying disk besides its size. A fact nobody gave is
// unknown; `complete` says the source knows the whole disk (a 'disk' line, --host-devices),
// so an unstated zone model is a regular disk and an unstated profile is none.
struct DiskTraits {
  uint32_t logicalBlockSize = 0;  // bytes; 0: unknown (512 is assumed)
  ZoneModel zoneModel = ZoneModel::Unknown;
  std::optional<IntegrityProfile> integrity;
  bool complete = false;
};

struct DiskFacts {
  std::optional<uint64_t> sectors;
  DiskTraits traits;
};

// A disk given on the command line (--device-size, --logical-block-size) or by a test.
struct DeclaredDeviceSize {
  std::string path;
  std::optional<uint64_t> sectors;
  DiskTraits traits = {};
};

// Looks up the size (and the other facts) of a device as written in a table.
class DeviceSizeSource {
 public:
  virtual ~DeviceSizeSource() = default;
  virtual std::optional<uint64_t> sizeOf(std::string_view device) const = 0;
  virtual bool anyDeclared() const = 0;
  // Everything known of the device; nullopt when nothing is. By default only its size.
  virtual std::optional<DiskFacts> factsOf(std::string_view device) const {
    std::optional<uint64_t> size = sizeOf(device);
    if (!size) return std::nullopt;
    return DiskFacts{size, {}};
  }
  // The message of "unknown-device" for a device with no facts: why it has none here (by
  // default, that nobody declared it) and how to give them.
  virtual std::string unknownDeviceMessage(std::string_view device) const;
  // Whether the devices are this machine's (--host-devices), so dmc may read their contents
  // (verity's superblock).
  virtual bool isThisMachine() const { return false; }
  // The 512 bytes at `sector` of a device of this machine (--host-devices), for on-disk
  // superblocks; nullopt when the source reads no device or that one cannot be read.
  virtual std::optional<std::array<uint8_t, 512>> readSector(std::string_view /*device*/, uint64_t /*sector*/) const {
    return std::nullopt;
  }
};

class DeclaredSizes final : public DeviceSizeSource {
 public:
  explicit DeclaredSizes(const std::vector<DeclaredDeviceSize>& declared) : declared_(declared) {}
  std::optional<uint64_t> sizeOf(std::string_view device) const override;
  std::optional<DiskFacts> factsOf(std::string_view device) const override;
  bool anyDeclared() const override;  // a size given: a logical block size alone declares nothing

 private:
  const std::vector<DeclaredDeviceSize>& declared_;
};

// Reports "device-too-small" for areas past the device end, and "unknown-device" for
// devices with no known size when any size was declared. `referencedSize` gives the size
// of @name devices of the same file.
template <typename ReferencedSize>
void checkDeviceAreas(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas, const DeviceSizeSource& sizes,
                      ReferencedSize referencedSize);

void reportAreaPastEnd(DiagnosticEngine& engine, const DeviceArea& area, uint64_t deviceSize);
void reportUnknownDevice(DiagnosticEngine& engine, const DeviceArea& area, const DeviceSizeSource& sizes);

template <typename ReferencedSize>
void checkDeviceAreas(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas, const DeviceSizeSource& sizes,
                      ReferencedSize referencedSize) {
  for (const DeviceArea& area : areas) {
    const std::string_view device = area.device();
    std::optional<uint64_t> size =
        !device.empty() && device.front() == '@' ? referencedSize(device.substr(1)) : sizes.sizeOf(device);
    if (size) {
      if (area.hasRange && (area.start >= *size || area.length > *size - area.start)) reportAreaPastEnd(engine, area, *size);
    } else if (sizes.anyDeclared() && device.front() != '@' && !sizes.factsOf(device)) {
      reportUnknownDevice(engine, area, sizes);
    }
  }
}

}  // namespace dmc
