#include "validator/device_header_rules.h"

#include <array>

#include <fmt/format.h>

#include "support/display_escape.h"
#include "support/edit_distance.h"
#include "validator/ctr/kernel_number.h"
#include "validator/kernel_limits.h"

namespace dmc {

DeviceHeader DeviceHeaderRules::read(const LineSyntax& line) {
  DeviceHeader device;
  device.name = std::string(line.header.name.text);
  checkName(device.name, at(line.line, line.header.name), "");
  readAttributes(line, device);
  checkDuplicates(line, device);
  return device;
}

void DeviceHeaderRules::remember(const DeviceHeader& device, uint32_t headerLine) {
  seen_.push_back(Seen{device.name, device.uuid, headerLine});
}

void DeviceHeaderRules::checkPlainTableName(const std::string& name, Location where, std::string_view source) {
  checkName(name, where, fmt::format(" (the plain table's device name {}, from {})", quoteToken(name), source));
}

void DeviceHeaderRules::checkName(const std::string& name, Location where, const std::string& which) {
  if (name.size() > kernel::kMaxNameLength) {
    engine_.report(DiagnosticCode::NameTooLong, where,
                   fmt::format("device name{} is {} bytes; the kernel allows at most {}", which, name.size(),
                               kernel::kMaxNameLength));
  }
  if (name.find('/') != std::string::npos) {
    engine_.report(DiagnosticCode::InvalidDeviceName, where,
                   fmt::format("invalid device name{}: the kernel refuses '/' in names", which));
  } else if (kernel_.has(KernelFeature::ReservedDeviceNames) && (name == "control" || name == "." || name == "..")) {
    engine_.report(DiagnosticCode::InvalidDeviceName, where,
                   fmt::format("device name{} cannot be \"control\", \".\", or \"..\" (kernel 6.4 and later)", which));
  }
}

void DeviceHeaderRules::readAttributes(const LineSyntax& line, DeviceHeader& device) {
  bool seenUuid = false, seenMinor = false, seenMode = false;
  for (const Token& attribute : line.header.attributes) {
    Location where = at(line.line, attribute);
    std::string_view text = attribute.text;
    auto once = [&](bool& seen, std::string_view what) {
      if (seen) engine_.report(DiagnosticCode::DuplicateAttribute, where, fmt::format("{} given twice", what));
      seen = true;
    };
    if (text.rfind("uuid=", 0) == 0) {
      once(seenUuid, "uuid");
      device.uuid = std::string(text.substr(5));
      if (device.uuid.size() > kernel::kMaxUuidLength)
        engine_.report(DiagnosticCode::UuidTooLong, where,
                       fmt::format("uuid is {} bytes; the kernel allows at most {}", device.uuid.size(),
                                   kernel::kMaxUuidLength));
    } else if (text.rfind("minor=", 0) == 0) {
      once(seenMinor, "minor");
      readMinor(text.substr(6), where, device);
    } else if (text == "ro" || text == "rw") {
      once(seenMode, "ro/rw");
      device.readOnly = text == "ro";
    } else {
      reportUnknownAttribute(text, where);
    }
  }
}

void DeviceHeaderRules::readMinor(std::string_view value, Location where, DeviceHeader& device) {
  KernelNumber minor = scanUnsigned(value, 64);
  if (!minor.ok()) {
    engine_.report(DiagnosticCode::InvalidNumber, where, fmt::format("minor {} is not a decimal number", quoteToken(value)));
  } else if (minor.value >= kernel::kMinorLimit) {
    engine_.report(DiagnosticCode::MinorOutOfRange, where,
                   fmt::format("minor {} is too large: the kernel's minors are below {}", minor.value,
                               kernel::kMinorLimit));
  } else {
    device.minor = static_cast<uint32_t>(minor.value);
  }
}

void DeviceHeaderRules::reportUnknownAttribute(std::string_view text, Location where) {
  static constexpr std::array<std::string_view, 4> kKnown = {"uuid=", "minor=", "ro", "rw"};
  std::string_view key = text.substr(0, text.find('=') == std::string_view::npos ? text.size() : text.find('=') + 1);
  std::string suggestion = closestMatch(key, kKnown);
  std::string hint = suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion);
  engine_.report(DiagnosticCode::UnknownAttribute, where,
                 fmt::format("unknown device attribute {}: expected uuid=..., minor=N, ro or rw{}", quoteToken(text), hint));
}

void DeviceHeaderRules::checkDuplicates(const LineSyntax& line, const DeviceHeader& device) {
  for (const Seen& other : seen_) {
    if (other.name == device.name) {
      engine_
          .report(DiagnosticCode::DuplicateDevice, at(line.line, line.header.name),
                  fmt::format("device {} is defined twice in this file", quoteToken(device.name)))
          .note(Location{file_, other.headerLine, 1, 0}, "first defined here");
    }
    if (!device.uuid.empty() && other.uuid == device.uuid) {
      engine_
          .report(DiagnosticCode::DuplicateUuid, Location{file_, line.line, 1, 0},
                  fmt::format("uuid {} is used by two devices", quoteToken(device.uuid)))
          .note(Location{file_, other.headerLine, 1, 0}, "first used here");
    }
  }
}

}  // namespace dmc
