#pragma once
// dm-integrity's on-disk superblock (drivers/md/dm-integrity.c, struct superblock), read from
// the first sector at <start> of the metadata device (or of the data device without one).
// When a device already has one, the constructor takes the layout from it, not from the
// table: provided data sectors, journal, interleave. All fields are little-endian.

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace dmc {

struct IntegritySuperblock {
  uint8_t version = 0;
  uint8_t log2InterleaveSectors = 0;
  uint16_t tagSize = 0;
  uint32_t journalSections = 0;
  uint64_t providedDataSectors = 0;
  uint32_t flags = 0;
  uint8_t log2SectorsPerBlock = 0;

  static constexpr uint32_t kHaveJournalMac = 0x1;  // SB_FLAG_HAVE_JOURNAL_MAC
  static constexpr uint32_t kFixedPadding = 0x8;    // SB_FLAG_FIXED_PADDING
};

enum class IntegritySuperblockKind {
  Zeroed,   // a fresh device: the constructor formats it
  Present,  // the magic "integrt": the constructor uses it
  Garbage,  // neither: "The device is not initialized"
};

struct IntegritySuperblockRead {
  IntegritySuperblockKind kind = IntegritySuperblockKind::Zeroed;
  IntegritySuperblock superblock;  // when Present
};

// Decodes one 512-byte sector; any bytes give an answer, never a crash.
IntegritySuperblockRead decodeIntegritySuperblock(const std::array<uint8_t, 512>& sector);

// What the table asks of the superblock it finds.
struct IntegrityTableAsks {
  uint32_t tagSize = 0;
  uint32_t sectorsPerBlock = 1;
  bool metaDevice = false;
  bool journalMac = false;
  uint8_t newestVersion = 5;  // SB_VERSION_5 in 6.1; inline mode's kernels write 6
};

// Where the constructor's complaint about an existing superblock belongs on the line.
enum class IntegritySuperblockField { Device, TagSize, Type };

struct IntegritySuperblockMismatch {
  const char* kernelText;
  std::string explanation;
  IntegritySuperblockField field;
};

// The first thing the constructor refuses in an existing superblock, in its order: version,
// tag size, block size, journal sections, interleave, journal MAC. nullopt: it takes it.
std::optional<IntegritySuperblockMismatch> integritySuperblockMismatch(const IntegritySuperblock& sb,
                                                                      const IntegrityTableAsks& table);

}  // namespace dmc
