#include "validator/integrity_layout.h"

#include <algorithm>
#include <climits>

#include "support/bit_math.h"

namespace dmc {

namespace {

constexpr uint64_t kSuperblockSectors = 8;           // SB_SECTORS
constexpr uint64_t kMetadataPaddingSectors = 8;      // METADATA_PADDING_SECTORS
constexpr uint64_t kJournalBlockSectors = 8;         // JOURNAL_BLOCK_SECTORS
constexpr uint64_t kJournalSectorData = 512 - 8;     // a journal sector less its commit id
constexpr uint64_t kJournalMacPerSector = 8;
constexpr uint64_t kDefaultMaxJournalSectors = 131072;
constexpr unsigned kDefaultJournalSizeShift = 7;     // the journal is 1/128 of the device
constexpr uint64_t kDefaultInterleaveSectors = 32768;
constexpr unsigned kMinLog2Interleave = 3, kMaxLog2Interleave = 31;
constexpr uint64_t kSmallestBufferBytes = 4096;     // buffer_sectors is tried down to 8 sectors

uint64_t roundUp(uint64_t value, uint64_t unit) { return (value + unit - 1) / unit * unit; }

// The layout the superblock records, and the sizes derived from it.
struct Layout {
  uint64_t initialSectors = 0;  // superblock and journal
  uint64_t metadataRun = 0;     // sectors of tags (and padding) before each data area
  unsigned log2Interleave = 0;
};

// calculate_journal_section_size(): the sectors of one journal section.
uint64_t journalSectionSectors(const IntegrityFormat& f) {
  unsigned log2PerBlock = log2Of(f.sectorsPerBlock);
  // A journal entry: the sector number, the last 8 bytes of each sector of the block, the tag.
  uint64_t entrySize = roundUp(8 + 8 * uint64_t{f.sectorsPerBlock} + f.tagSize, 8);
  uint64_t sectorSpace = kJournalSectorData - (f.journalMac ? kJournalMacPerSector : 0);
  // journal_entries_per_sector and journal_section_entries are unsigned char in the kernel.
  uint64_t sectionEntries = static_cast<uint8_t>(static_cast<uint8_t>(sectorSpace / entrySize) * kJournalBlockSectors);
  return static_cast<uint16_t>((sectionEntries << log2PerBlock) + kJournalBlockSectors);
}

Layout layoutFor(const IntegrityFormat& f, uint64_t deviceSectors) {
  unsigned log2PerBlock = log2Of(f.sectorsPerBlock);
  uint64_t sectionSectors = journalSectionSectors(f);
  uint64_t journalSectors =
      f.journalSectors ? f.journalSectors
                       : std::min(kDefaultMaxJournalSectors, deviceSectors >> kDefaultJournalSizeShift);
  uint64_t journalSections = std::max<uint64_t>(1, journalSectors / sectionSectors);
  Layout l;
  l.initialSectors = kSuperblockSectors + sectionSectors * journalSections;
  uint64_t interleave = f.interleaveSectors ? f.interleaveSectors : kDefaultInterleaveSectors;
  l.log2Interleave = std::clamp(log2Of(interleave), kMinLog2Interleave, kMaxLog2Interleave);
  uint64_t padding = f.fixPadding ? kMetadataPaddingSectors * 512 : uint64_t{512} << kMetadataPaddingSectors;
  l.metadataRun = roundUp(uint64_t{f.tagSize} << (l.log2Interleave - log2PerBlock), padding) / 512;
  return l;
}

// calculate_device_limits(): the sector holding the last of `provided` data sectors must be
// on the device.
bool fits(const IntegrityFormat& f, const Layout& l, uint64_t provided, uint64_t deviceSectors) {
  if (l.initialSectors + kMetadataPaddingSectors >= deviceSectors || l.initialSectors > UINT_MAX) return false;
  uint64_t last = provided - 1;
  uint64_t area = last >> l.log2Interleave;
  uint64_t offset = last & ((uint64_t{1} << l.log2Interleave) - 1);
  // get_data_sector(); a sum past 2^64 is past any device.
  uint64_t tags = 0, sector = 0;
  if (__builtin_mul_overflow(area + 1, l.metadataRun, &tags) ||
      __builtin_add_overflow(area << l.log2Interleave, tags, &sector) ||
      __builtin_add_overflow(sector, l.initialSectors + offset, &sector) ||
      __builtin_add_overflow(sector, f.start, &sector))
    return false;
  return sector < deviceSectors;
}

}  // namespace

uint64_t integrityProvidedSectors(const IntegrityFormat& format, uint64_t deviceSectors) {
  if (deviceSectors == 0) return 0;
  Layout l = layoutFor(format, deviceSectors);
  // get_provided_data_sectors(): the largest multiple of 8 that fits, bit by bit from the top.
  uint64_t provided = 0;
  for (int bit = static_cast<int>(log2Of(deviceSectors)); bit >= 3; --bit) {
    uint64_t candidate = provided | (uint64_t{1} << bit);
    if (fits(format, l, candidate, deviceSectors)) provided = candidate;
  }
  return provided;
}

uint64_t integrityJournalSectionSectors(const IntegrityFormat& format) { return journalSectionSectors(format); }

uint64_t integrityMetadataDeviceSectorsFor(const IntegrityFormat& format, uint64_t dataSectors,
                                           uint32_t journalSections) {
  uint64_t initial = kSuperblockSectors + journalSectionSectors(format) * journalSections;
  uint64_t blocks = dataSectors / format.sectorsPerBlock;
  uint64_t tagBytes = 0, needed = 0;
  if (__builtin_mul_overflow(blocks, uint64_t{format.tagSize}, &tagBytes)) return UINT64_MAX;
  uint64_t tagSectors = (tagBytes / kSmallestBufferBytes + (tagBytes % kSmallestBufferBytes != 0)) *
                        (kSmallestBufferBytes / 512);
  if (__builtin_add_overflow(initial, tagSectors, &needed)) return UINT64_MAX;
  return std::max(needed, initial + kMetadataPaddingSectors + 1);
}

std::optional<uint64_t> integrityDeviceSectorsFor(const IntegrityFormat& format, uint64_t length) {
  uint64_t high = uint64_t{1} << 63;
  if (integrityProvidedSectors(format, high) < length) return std::nullopt;
  uint64_t low = 0;  // provides less than `length`
  while (high - low > 1) {
    uint64_t middle = low + (high - low) / 2;
    if (integrityProvidedSectors(format, middle) >= length) high = middle;
    else low = middle;
  }
  return high;
}

}  // namespace dmc
