#pragma once
// The superblock veritysetup writes on a verity hash device, as `veritysetup dump` reads it
// (cryptsetup's on-disk struct verity_sb): 512 bytes, little-endian, at the hash offset
// (byte 0 unless --hash-offset), starting with "verity\0\0". The table veritysetup builds
// from it starts the hash tree at the first hash block after those 512 bytes:
// hash_start_block = ceil((offset + 512) / hash_block_size). A device formatted with
// --no-superblock has none.
//
// Byte offsets of the fields: signature 0, version 8, hash type 12, uuid 16, algorithm 32
// (NUL-padded), data block size 64, hash block size 68, data blocks 72, salt size 80, salt 88
// (256 bytes).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace dmc {

inline constexpr size_t kVeritySuperblockBytes = 512;
// veritysetup refuses block sizes above 512 KiB, so no superblock it wrote is further back.
inline constexpr uint64_t kVeritysetupMaxBlockSize = 512 * 1024;

struct VeritySuperblock {
  uint64_t offset = 0;          // where on the hash device, in bytes
  uint32_t version = 0;         // of the superblock format: veritysetup reads only 1
  uint32_t hashType = 0;        // the table's <version>: 0 Chrome OS, 1 normal
  std::string algorithm;        // the table's <algorithm>
  uint32_t dataBlockSize = 0;   // bytes
  uint32_t hashBlockSize = 0;   // bytes
  uint64_t dataBlocks = 0;
  uint16_t saltSize = 0;        // bytes; more than 256 is a corrupt superblock
  std::vector<uint8_t> salt;    // saltSize bytes, at most 256

  // Why veritysetup would refuse to read it, or empty when it reads it.
  std::string unreadableReason() const;
  // The hash start block of the table veritysetup makes from it.
  uint64_t hashStartBlock() const;
};

// The superblock in `bytes` (at least 512 of them), found at `offset`; nullopt when they do
// not start with the signature.
std::optional<VeritySuperblock> decodeVeritySuperblock(std::span<const uint8_t> bytes, uint64_t offset);

// The superblock a verity table with hash blocks of `hashBlockSize` bytes from block
// `hashStart` on was made from: in the hash block before hashStart, at a 512-byte boundary;
// for hash start 0, at byte 0 (veritysetup's default offset: the table's tree would start on
// it). Another superblock elsewhere on the device may belong to another tree, and is not
// looked for. Reads at most one hash block, only from a regular file or a block device
// (never waits on a FIFO). nullopt: none found, or the device cannot be read.
std::optional<VeritySuperblock> findVeritySuperblock(const std::string& path, uint64_t hashStart,
                                                     uint64_t hashBlockSize);

}  // namespace dmc
