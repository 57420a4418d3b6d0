#include "validator/verity_superblock.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "support/bit_math.h"

namespace dmc {

namespace {

constexpr std::string_view kSignature{"verity\0\0", 8};
constexpr size_t kAlgorithmOffset = 32;
constexpr size_t kAlgorithmBytes = 32;
constexpr size_t kSaltOffset = 88;
constexpr size_t kMaxSaltBytes = 256;

uint64_t littleEndian(std::span<const uint8_t> bytes, size_t offset, size_t width) {
  uint64_t value = 0;
  for (size_t i = width; i > 0; --i) value = (value << 8) | bytes[offset + i - 1];
  return value;
}

// cryptsetup's rule for either block size: a power of two from 512 bytes to 512 KiB.
bool veritysetupBlockSize(uint32_t bytes) {
  return bytes >= 512 && bytes <= kVeritysetupMaxBlockSize && isPowerOfTwo(bytes);
}

// An open file that closes itself.
class ReadOnlyFile {
 public:
  // Only a regular file or a block device: a FIFO or a terminal could block a read for ever.
  explicit ReadOnlyFile(const std::string& path)
      : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)) {
    struct stat st {};
    if (fd_ >= 0 && (::fstat(fd_, &st) != 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)))) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~ReadOnlyFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

  bool isOpen() const { return fd_ >= 0; }

  // Up to `size` bytes from `offset`: fewer at the end of the file or on an error.
  std::vector<uint8_t> read(uint64_t offset, size_t size) const {
    std::vector<uint8_t> bytes(size);
    size_t done = 0;
    while (done < size) {
      const ssize_t n = ::pread(fd_, bytes.data() + done, size - done, static_cast<off_t>(offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    bytes.resize(done);
    return bytes;
  }

 private:
  int fd_;
};

// The first superblock at a 512-byte boundary of `bytes`, read from `offset`.
std::optional<VeritySuperblock> firstSuperblockIn(std::span<const uint8_t> bytes, uint64_t offset) {
  for (size_t at = 0; at + kVeritySuperblockBytes <= bytes.size(); at += kVeritySuperblockBytes)
    if (auto superblock = decodeVeritySuperblock(bytes.subspan(at, kVeritySuperblockBytes), offset + at))
      return superblock;
  return std::nullopt;
}

}  // namespace

std::optional<VeritySuperblock> decodeVeritySuperblock(std::span<const uint8_t> bytes, uint64_t offset) {
  if (bytes.size() < kVeritySuperblockBytes) return std::nullopt;
  if (std::memcmp(bytes.data(), kSignature.data(), kSignature.size()) != 0) return std::nullopt;
  VeritySuperblock superblock;
  superblock.offset = offset;
  superblock.version = static_cast<uint32_t>(littleEndian(bytes, 8, 4));
  superblock.hashType = static_cast<uint32_t>(littleEndian(bytes, 12, 4));
  const auto* name = reinterpret_cast<const char*>(bytes.data() + kAlgorithmOffset);
  superblock.algorithm.assign(name, strnlen(name, kAlgorithmBytes));
  superblock.dataBlockSize = static_cast<uint32_t>(littleEndian(bytes, 64, 4));
  superblock.hashBlockSize = static_cast<uint32_t>(littleEndian(bytes, 68, 4));
  superblock.dataBlocks = littleEndian(bytes, 72, 8);
  superblock.saltSize = static_cast<uint16_t>(littleEndian(bytes, 80, 2));
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

std::optional<VeritySuperblock> findVeritySuperblock(const std::string& path, uint64_t hashStart,
                                                     uint64_t hashBlockSize) {
  ReadOnlyFile file(path);
  if (!file.isOpen()) return std::nullopt;
  // Hash start 0: the tree would begin on the superblock veritysetup puts at byte 0.
  if (hashStart == 0) return firstSuperblockIn(file.read(0, kVeritySuperblockBytes), 0);
  if (hashBlockSize < kVeritySuperblockBytes || hashBlockSize > kVeritysetupMaxBlockSize ||
      hashStart - 1 > UINT64_MAX / hashBlockSize - 1)
    return std::nullopt;
  const uint64_t blockStart = (hashStart - 1) * hashBlockSize;
  return firstSuperblockIn(file.read(blockStart, hashBlockSize), blockStart);
}

}  // namespace dmc
