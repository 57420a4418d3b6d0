#pragma once
// How many data sectors a freshly formatted dm-integrity device without a separate metadata
// device offers (and how large a separate metadata device must be) (its superblock's provided_data_sectors), as drivers/md/dm-integrity.c
// computes them when it finds a zeroed superblock: the superblock and journal come first,
// then areas of `interleave` data sectors, each after its run of tags. The constructor refuses
// a target longer than that ("Not enough provided sectors for requested mapping size").

#include <cstdint>
#include <optional>

namespace dmc {

struct IntegrityFormat {
  uint64_t start = 0;               // <start>: where the superblock is
  uint32_t tagSize = 0;             // bytes per block
  uint32_t sectorsPerBlock = 1;     // block_size: / 512
  uint32_t journalSectors = 0;      // journal_sectors:, 0 for the default (1/128 of the device)
  uint32_t interleaveSectors = 0;   // interleave_sectors:, 0 for the default (32768)
  bool journalMac = false;          // journal_mac: takes room in every journal sector
  bool fixPadding = false;          // fix_padding: 4 KiB of padding after each tag run, not 128 KiB
};

// provided_data_sectors for a device of `deviceSectors`; 0 when it is too small for any.
uint64_t integrityProvidedSectors(const IntegrityFormat& format, uint64_t deviceSectors);

// The smallest metadata device (meta_device:) for a data device of `dataSectors`: the
// superblock, one journal section and every block's tag, in buffers of 4 KiB. A fresh device
// below it is refused ("Could not initialize superblock"): initialize_superblock shrinks the
// journal to one section and the buffers to 4 KiB before it gives up.
// With an existing superblock its journal sections count instead of one.
uint64_t integrityMetadataDeviceSectorsFor(const IntegrityFormat& format, uint64_t dataSectors,
                                           uint32_t journalSections = 1);

// The sectors of one journal section (calculate_journal_section_size).
uint64_t integrityJournalSectionSectors(const IntegrityFormat& format);

// The smallest device that provides at least `length` data sectors, or nullopt when no device
// below 2^63 sectors does.
std::optional<uint64_t> integrityDeviceSectorsFor(const IntegrityFormat& format, uint64_t length);

}  // namespace dmc
