#include "validator/integrity_superblock.h"

#include <algorithm>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "support/little_endian.h"

namespace dmc {

namespace {

constexpr std::string_view kMagic{"integrt\0", 8};

}  // namespace

IntegritySuperblockRead decodeIntegritySuperblock(const std::array<uint8_t, 512>& sector) {
  IntegritySuperblockRead read;
  if (!std::equal(kMagic.begin(), kMagic.end(), sector.begin())) {
    bool zero = std::all_of(sector.begin(), sector.end(), [](uint8_t b) { return b == 0; });
    read.kind = zero ? IntegritySuperblockKind::Zeroed : IntegritySuperblockKind::Garbage;
    return read;
  }
  read.kind = IntegritySuperblockKind::Present;
  IntegritySuperblock& sb = read.superblock;
  // Offsets of struct superblock: magic[8], version, log2_interleave_sectors,
  // integrity_tag_size (le16), journal_sections (le32), provided_data_sectors (le64),
  // flags (le32), log2_sectors_per_block.
  sb.version = sector[8];
  sb.log2InterleaveSectors = sector[9];
  sb.tagSize = static_cast<uint16_t>(readLittleEndian(sector, 10, 2));
  sb.journalSections = static_cast<uint32_t>(readLittleEndian(sector, 12, 4));
  sb.providedDataSectors = readLittleEndian(sector, 16, 8);
  sb.flags = static_cast<uint32_t>(readLittleEndian(sector, 24, 4));
  sb.log2SectorsPerBlock = sector[28];
  return read;
}

std::optional<IntegritySuperblockMismatch> integritySuperblockMismatch(const IntegritySuperblock& sb,
                                                                      const IntegrityTableAsks& table) {
  using F = IntegritySuperblockField;
  if (sb.version == 0 || sb.version > table.newestVersion)
    return IntegritySuperblockMismatch{"Unknown version",
                                       fmt::format("the superblock has version {}; this kernel knows 1 to {}",
                                                   sb.version, table.newestVersion),
                                       F::Device};
  if (sb.tagSize != table.tagSize)
    return IntegritySuperblockMismatch{
        "Tag size doesn't match the information in superblock",
        fmt::format("the device was formatted with {}-byte tags; the table says {}", sb.tagSize, table.tagSize),
        F::TagSize};
  if (sb.log2SectorsPerBlock >= 32 || (uint64_t{1} << sb.log2SectorsPerBlock) != table.sectorsPerBlock)
    return IntegritySuperblockMismatch{
        "Block size doesn't match the information in superblock",
        fmt::format("the device was formatted with blocks of 2^{} sectors; the table's block size is {} bytes",
                    sb.log2SectorsPerBlock, uint64_t{table.sectorsPerBlock} * 512),
        F::Type};
  if (sb.journalSections == 0)
    return IntegritySuperblockMismatch{"Corrupted superblock, journal_sections is 0",
                                       "the superblock records no journal section", F::Device};
  bool interleaveOk = table.metaDevice ? sb.log2InterleaveSectors == 0
                                       : sb.log2InterleaveSectors >= 3 && sb.log2InterleaveSectors <= 31;
  if (!interleaveOk)
    return IntegritySuperblockMismatch{
        "Invalid interleave_sectors in the superblock",
        table.metaDevice ? "the superblock was written without a metadata device (its tags are interleaved with "
                           "the data), and the table gives meta_device:"
                         : "the superblock was written for a separate metadata device, and the table gives none",
        F::Device};
  if (((sb.flags & IntegritySuperblock::kHaveJournalMac) != 0) != table.journalMac)
    return IntegritySuperblockMismatch{
        "Journal mac mismatch",
        table.journalMac ? "the device was formatted without a journal MAC, and the table gives journal_mac:"
                         : "the device was formatted with a journal MAC, and the table gives no journal_mac:",
        F::Device};
  return std::nullopt;
}

}  // namespace dmc
