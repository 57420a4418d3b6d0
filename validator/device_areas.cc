#include "validator/device_areas.h"

#include <algorithm>

#include <fmt/format.h>

namespace dmc {

DeviceArea::DeviceArea(std::string_view device, uint64_t startSector, uint64_t sectors, Location deviceLocation,
                       Location startArgument, std::string_view targetType, bool mapsRange)
    : start(startSector),
      length(sectors),
      startLocation(startArgument),
      hasRange(mapsRange),
      typeSize_(static_cast<uint16_t>(std::min<size_t>(targetType.size(), UINT16_MAX))),
      deviceText_(device.data()),
      typeText_(targetType.data()),
      deviceSize_(static_cast<uint32_t>(device.size())),
      deviceColumn_(deviceLocation.column) {}

std::optional<uint64_t> DeclaredSizes::sizeOf(std::string_view device) const {
  for (const DeclaredDeviceSize& d : declared_)
    if (d.path == device) return d.sectors;
  return std::nullopt;
}

bool DeclaredSizes::anyDeclared() const {
  return std::any_of(declared_.begin(), declared_.end(), [](const DeclaredDeviceSize& d) { return d.sectors.has_value(); });
}

std::optional<DiskFacts> DeclaredSizes::factsOf(std::string_view device) const {
  for (const DeclaredDeviceSize& d : declared_)
    if (d.path == device) return DiskFacts{d.sectors, d.traits};
  return std::nullopt;
}

void reportAreaPastEnd(DiagnosticEngine& engine, const DeviceArea& area, uint64_t deviceSize) {
  // The kernel's own words (dm-table.c), so the message can be matched with dmesg.
  // start + length may pass 2^64: say so rather than wrap.
  bool wraps = area.length > UINT64_MAX - area.start;
  uint64_t last = wraps ? UINT64_MAX : area.start + area.length - 1;
  std::string overshoot = wraps ? "more than 2^64" : fmt::format("{}", area.start + area.length - deviceSize);
  const std::string message =
      area.pastEndKernelText == nullptr
          ? fmt::format("{}: {} too small for target: start={}, len={}, dev_size={}", area.targetType(), area.device(),
                        area.start, area.length, deviceSize)
          : fmt::format("{}: {}: {} has {} sectors; this needs start={}, len={}", area.targetType(),
                        area.pastEndKernelText, area.device(), deviceSize, area.start, area.length);
  engine.report(DiagnosticCode::DeviceTooSmall, area.startLocation, message)
      .note(area.deviceLocation(), fmt::format("{} has {} sectors; this target needs sectors {} to {} ({} past the end)",
                                             area.device(), deviceSize, area.start, last, overshoot));
}

std::string DeviceSizeSource::unknownDeviceMessage(std::string_view device) const {
  return fmt::format("device {} is not declared: declare it in the file ('disk {} size=SIZE') or give its size with "
                     "--device-size {}=SECTORS",
                     device, device, device);
}

void reportUnknownDevice(DiagnosticEngine& engine, const DeviceArea& area, const DeviceSizeSource& sizes) {
  engine.report(DiagnosticCode::UnknownDevice, area.deviceLocation(), sizes.unknownDeviceMessage(area.device()));
}

}  // namespace dmc
