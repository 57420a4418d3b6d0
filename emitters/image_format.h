#pragma once
// The dmc binary image: compiled tables plus their kernel-layout lookup btrees, in one
// position-independent little-endian file that can be mmap()ed and used in place. No
// pointers, only offsets from the start of the file; every record is naturally aligned and
// padded, so a kernel module can read it with plain loads. docs/image-format.md is the
// user-facing description; the structs below are the definition.
//
// File layout (each section starts at the offset the header or a record gives):
//   ImageHeader                      at 0, 128 bytes
//   DeviceRecord[deviceCount]        8-aligned
//   StringRef[typeCount]             target type names, 8-aligned
//   uint32_t loadOrder[deviceCount]  creation order (every device after those it uses)
//   per device: uint32_t uses[]      indexes of the devices it stacks on, 8-aligned
//   per device: TargetRecord[]       8-aligned
//   per device: btree keys           64-aligned; the kernel's memory order: internal levels
//                                    deepest first, root last, then the leaf level (the
//                                    targets' last sectors padded with all-ones)
//   string table                     names, uuids, type names, parameters; each NUL-terminated
// The file size is a multiple of 8. The body CRC covers every byte after the header; the
// header CRC covers the header with its own field taken as zero.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace dmc {

// What the image stores instead of each key (crypt's key, integrity's keyed options): lookups
// and the bundled module need no keys, and an image must be safe to copy around.
inline constexpr std::string_view kImageKeyPlaceholder = "<key-not-stored>";

inline constexpr std::array<char, 8> kImageMagic = {'D', 'M', 'C', 'I', 'M', 'A', 'G', 'E'};
inline constexpr uint32_t kImageFormatVersion = 1;
inline constexpr uint64_t kImageSectionAlignment = 8;
inline constexpr uint64_t kImageIndexAlignment = 64;  // one node starts a cache line
inline constexpr unsigned kImageMaxLevels = 16;

struct ImageHeader {
  std::array<char, 8> magic;    // kImageMagic
  uint32_t formatVersion;       // kImageFormatVersion; readers refuse any other
  uint32_t headerSize;          // sizeof(ImageHeader)
  uint64_t totalSize;           // bytes in the file, header included
  uint32_t deviceCount;
  uint32_t typeCount;
  uint64_t targetCount;         // sum over devices
  uint64_t devicesOffset;       // DeviceRecord[deviceCount]
  uint64_t typesOffset;         // StringRef[typeCount]
  uint64_t loadOrderOffset;     // uint32_t[deviceCount]
  uint64_t stringsOffset;       // string table
  uint64_t stringsSize;         // bytes
  uint32_t bodyCrc32c;          // CRC32C of bytes [headerSize, totalSize)
  uint32_t headerCrc32c;        // CRC32C of the header with this field zero
  std::array<uint8_t, 40> reserved;  // zero
};
static_assert(sizeof(ImageHeader) == 128);

// A string in the string table: `size` bytes at `offset` (from the table start), then a NUL.
struct StringRef {
  uint64_t offset;
  uint32_t size;
  uint32_t reserved;  // zero
};
static_assert(sizeof(StringRef) == 16);

enum DeviceFlags : uint32_t {
  kDeviceReadOnly = 1u << 0,
  kDeviceHasMinor = 1u << 1,
  kDeviceKnownFlags = kDeviceReadOnly | kDeviceHasMinor,
};

struct DeviceRecord {
  StringRef name;
  StringRef uuid;               // size 0 when the device has none
  uint32_t flags;               // DeviceFlags
  uint32_t minor;               // meaningful with kDeviceHasMinor, else zero
  uint32_t headerLine;          // source line of the device header, 0 for a plain table
  uint32_t keysPerNode;         // 8, 16 or 32
  uint32_t depth;               // btree levels, 1..kImageMaxLevels
  uint32_t usesCount;
  uint64_t usesOffset;          // uint32_t[usesCount]
  uint64_t targetCount;         // 1..UINT32_MAX
  uint64_t sizeSectors;         // last target's end
  uint64_t targetsOffset;       // TargetRecord[targetCount]
  uint64_t indexOffset;         // btree keys, kImageIndexAlignment-aligned
  uint64_t indexSize;           // bytes
  std::array<uint32_t, kImageMaxLevels> levelCounts;  // nodes per level, root first; unused zero
  std::array<uint8_t, 24> reserved;                   // zero
};
static_assert(sizeof(DeviceRecord) == 192);

struct TargetRecord {
  uint64_t start;               // sectors
  uint64_t length;              // sectors
  uint64_t paramsOffset;        // into the string table, NUL-terminated
  uint32_t paramsSize;          // bytes, without the NUL
  uint32_t typeId;              // index into the type table
  uint32_t line;                // source line, 0 when unknown
  uint32_t reserved;            // zero
};
static_assert(sizeof(TargetRecord) == 40);

// CRC32C (Castagnoli, reflected polynomial 0x82F63B78, initial and final value all-ones),
// the checksum iSCSI, ext4 and btrfs use. Written here rather than taken from a library:
// SSE4.2's crc32 instruction when the CPU has it, an 8-way table otherwise.
// `crc` continues an earlier result, so a buffer may be checksummed in pieces.
uint32_t crc32c(std::span<const std::byte> bytes, uint32_t crc = 0);
uint32_t crc32cPortable(std::span<const std::byte> bytes, uint32_t crc = 0);  // the table path

}  // namespace dmc
