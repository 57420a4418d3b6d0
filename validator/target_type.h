#pragma once
// A device-mapper target type as dmc knows it: data (name, kernel feature flags, which
// kernels have it) plus the function that checks one line's arguments the way the
// kernel's constructor does. One file under validator/targets/ defines each type.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "validator/kernel_choice.h"

namespace dmc {

class TargetCheckContext;

// Bit values of include/linux/device-mapper.h, so dmc's tables read like the kernel's.
enum TargetFeature : uint32_t {
  kSingleton = 0x1,
  kAlwaysWriteable = 0x2,
  kImmutable = 0x4,
  kWildcard = 0x8,
  kIntegrity = 0x10,
  kPassesIntegrity = 0x20,
  kZonedHostManaged = 0x40,
  kNoWait = 0x80,
  kPassesCrypto = 0x100,
  kMixedZonedModel = 0x200,
  kAtomicWrites = 0x400,
};

// How the kernel decides bio- or request-based for a table (dm_table_determine_type).
enum class QueueKind : uint8_t { Bio, Request, Hybrid };

using TargetCheck = void (*)(TargetCheckContext& context);

// Where a target sends its sectors when its arguments fix it (lookup and whereis follow it):
// areas of underlying devices, each a device and the sector where the target's range starts.
struct MappedArea {
  std::string device;  // as written: a path, major:minor, /dev/mapper/NAME
  uint64_t offset = 0;
};

// The target's sectors are one stripe of a striped layout on its device (unstriped): the
// device is read as rows of `count` chunks of `chunk` sectors, and the target's sectors are,
// in order, chunk `index` of each row.
struct Stride {
  uint64_t chunk = 0;
  uint64_t count = 0;
  uint64_t index = 0;
};

struct SectorMapping {
  // stripes == 0: each area holds the whole range one to one (reads go to the first);
  // else the range is cut into chunks of `chunk` sectors dealt to the areas in turn.
  std::vector<MappedArea> areas;
  uint32_t stripes = 0;
  uint64_t chunk = 0;
  std::optional<Stride> stride = std::nullopt;  // one area holding one stripe of a layout
  // The target maps the sector's number on the mapped device, not its offset in the target's
  // range: its map function never subtracts the target's start (ti->begin), so a line not at
  // sector 0 reaches further into the device (dm-log-writes, snapshot-origin).
  bool mapsDeviceSector = false;
};

// The mapping of a line with these (canonical) arguments; nullopt when they do not give one.
using SectorMapper = std::optional<SectorMapping> (*)(const std::vector<std::string>& args, uint64_t length);

// Key material in a line's arguments: bytes [offset, offset + length) of argument `arg`.
struct SecretSpan {
  size_t arg = 0;
  size_t offset = 0;
  size_t length = 0;
};
// Appends where a line's arguments, as written (valid or not), hold keys. Each target that
// takes keys declares its own in its file; every channel that shows arguments asks it.
using SecretFinder = void (*)(std::span<const std::string_view> args, std::vector<SecretSpan>& out);

// Appends the crypto API names (algorithms and templates) a line's arguments ask the kernel for,
// so a boot image carries their modules (`dmc deps`).
using CryptoNamesOf = void (*)(const std::vector<std::string>& args, std::vector<std::string>& out);

// What a target does with the sectors of a device it opens (validator/area_overlaps: which
// shared sectors are a danger, and which open modes clash).
enum class AreaAccess : uint8_t {
  ReadsWrites,     // reads and writes them; opened with the table's mode
  Reads,           // only reads them, but opens the device with the table's mode (delay's read class)
  OpensReadOnly,   // only reads them, and opens the device read-only whatever the table's mode
};

struct DeviceUse {
  AreaAccess access = AreaAccess::ReadsWrites;
  // Targets whose areas carry the same tag share those sectors by design: the kernel
  // coordinates them (a snapshot's origin and the snapshot-origin target). nullptr: none.
  const char* sharedBy = nullptr;
};

// How a line with `argc` arguments uses the device named by argument `arg`.
using DeviceUseOf = DeviceUse (*)(size_t arg, size_t argc);

// How the kernel writes a line back in its table (STATUSTYPE_TABLE, `dmsetup table`) where
// that differs from how the line was given, beyond numbers and device names: what `diff`
// normalises to compare a file with a loaded table (kernel/table_diff.cc).
struct TableEcho {
  bool printsNoArgs = false;              // prints no arguments at all (6.1's error)
  std::span<const size_t> hexArgs = {};   // hex arguments it prints in lower case (a keyring key ":..." as given)
  // The arguments before an optional "<#features> <feature>..." group it leaves out when empty.
  std::optional<size_t> featuresAfter = std::nullopt;
  bool reordersFeatures = false;          // prints those features in its own order, in lower case
  // A line of exactly this many arguments gets a feature count of 0 printed after them.
  std::optional<size_t> featureCountAlwaysAfter = std::nullopt;
  // Key arguments one side may show as zeros (a table read without its keys): not compared.
  std::span<const size_t> hideableKeyArgs = {};
};

struct TargetType {
  std::string_view name;
  std::string_view summary;        // one line for docs and help
  std::string_view usage;          // argument synopsis, as in the kernel's documentation
  uint32_t features61 = 0;         // flags in the 6.1 kernel
  uint32_t features72 = 0;         // flags in the 7.2 kernel (KernelFeature::NewerTargetFlags)
  QueueKind queue = QueueKind::Bio;
  bool dmInit = false;             // dm-init (dm-mod.create=) may create it (drivers/md/dm-init.c)
  SectorMapper sectorMapping = nullptr;  // nullptr: where a sector goes depends on more than the table
  TargetCheck check = nullptr;     // argument rules; nullptr: arguments are not checked yet
  SecretFinder secrets = nullptr;  // where its arguments hold keys; nullptr: it takes none
  DeviceUseOf deviceUse = nullptr; // nullptr: reads and writes every device, opened with the table's mode
  // The constructor's words when the table is not read-only (verity: "Device must be
  // readonly"); empty: the target works in a read-write table.
  std::string_view readOnlyKernelText = {};
  TableEcho echo = {};             // how the kernel prints its arguments back
  CryptoNamesOf cryptoNames = nullptr;  // nullptr: it asks the crypto API for nothing

  bool takesKeys() const { return secrets != nullptr; }
  bool needsReadOnlyTable() const { return !readOnlyKernelText.empty(); }
  DeviceUse useOf(size_t arg, size_t argc) const { return deviceUse ? deviceUse(arg, argc) : DeviceUse{}; }

  uint32_t features(const KernelChoice& kernel) const {
    return kernel.has(KernelFeature::NewerTargetFlags) ? features72 : features61;
  }
};

}  // namespace dmc
