#include "validator/verity_superblock.h"

#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "support/little_endian.h"

namespace dmc {

namespace {

constexpr std::string_view kSignature{"verity\0\0", 8};
constexpr size_t kAlgorithmOffset = 32;
constexpr size_t kAlgorithmBytes = 32;
constexpr size_t kSaltOffset = 88;
constexpr size_t kMaxSaltBytes = 256;

// cryptsetup's rule for either block size: a power of two from 512 bytes to 512 KiB.
bool veritysetupBlockSize(uint32_t bytes) {
  return bytes >= 512 && bytes <= kVeritysetupMaxBlockSize && isPowerOfTwo(bytes);
}

// The first superblock in the `sectors` sectors from `first` on that are readable.
std::optional<VeritySuperblock> firstSuperblockIn(const SectorReader& readSector, uint64_t first, uint64_t sectors) {
  for (uint64_t sector = first; sector < first + sectors; ++sector) {
    std::optional<std::array<uint8_t, 512>> bytes = readSector(sector);
    if (!bytes) return std::nullopt;  // past the end, or unreadable
    if (auto superblock = decodeVeritySuperblock(*bytes, sector * kVeritySuperblockBytes)) return superblock;
  }
  return std::nullopt;
}

}  // namespace

std::optional<VeritySuperblock> decodeVeritySuperblock(std::span<const uint8_t> bytes, uint64_t offset) {
  if (bytes.size() < kVeritySuperblockBytes) return std::nullopt;
  if (std::memcmp(bytes.data(), kSignature.data(), kSignature.size()) != 0) return std::nullopt;
  VeritySuperblock superblock;
  superblock.offset = offset;
  superblock.version = static_cast<uint32_t>(readLittleEndian(bytes, 8, 4));
  superblock.hashType = static_cast<uint32_t>(readLittleEndian(bytes, 12, 4));
  const auto* name = reinterpret_cast<const char*>(bytes.data() + kAlgorithmOffset);
  superblock.algorithm.assign(name, strnlen(name, kAlgorithmBytes));
  superblock.dataBlockSize = static_cast<uint32_t>(readLittleEndian(bytes, 64, 4));
  superblock.hashBlockSize = static_cast<uint32_t>(readLittleEndian(bytes, 68, 4));
  superblock.dataBlocks = readLittleEndian(bytes, 72, 8);
  superblock.saltSize = static_cast<uint16_t>(readLittleEndian(bytes, 80, 2));
  if (superblock.saltSize <= kMaxSaltBytes)
    superblock.salt.assign(bytes.begin() + kSaltOffset, bytes.begin() + kSaltOffset + superblock.saltSize);
  return superblock;
}

std::string VeritySuperblock::unreadableReason() const {
  if (version != 1) return fmt::format("its format version is {}; veritysetup reads only version 1", version);
  if (hashType > 1) return fmt::format("its hash type is {}; there are only 0 (Chrome OS) and 1", hashType);
  if (!veritysetupBlockSize(dataBlockSize) || !veritysetupBlockSize(hashBlockSize))
    return fmt::format("its block sizes ({} data, {} hash) are not powers of two from 512 bytes to 512 KiB",
                       dataBlockSize, hashBlockSize);
  if (saltSize > kMaxSaltBytes) return fmt::format("its salt size is {} bytes; at most {} fit", saltSize, kMaxSaltBytes);
  return {};
}

uint64_t VeritySuperblock::hashStartBlock() const {
  if (hashBlockSize == 0) return 0;
  return (offset + kVeritySuperblockBytes + hashBlockSize - 1) / hashBlockSize;
}

std::optional<VeritySuperblock> findVeritySuperblock(const SectorReader& readSector, uint64_t hashStart,
                                                     uint64_t hashBlockSize) {
  // Hash start 0: the tree would begin on the superblock veritysetup puts at byte 0.
  if (hashStart == 0) return firstSuperblockIn(readSector, 0, 1);
  if (hashBlockSize < kVeritySuperblockBytes || hashBlockSize > kVeritysetupMaxBlockSize ||
      hashStart - 1 > UINT64_MAX / hashBlockSize - 1)
    return std::nullopt;
  const uint64_t blockStart = (hashStart - 1) * hashBlockSize;
  return firstSuperblockIn(readSector, blockStart / kVeritySuperblockBytes, hashBlockSize / kVeritySuperblockBytes);
}

}  // namespace dmc
