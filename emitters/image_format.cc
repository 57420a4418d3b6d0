#include "emitters/image_format.h"

#include <bit>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#define DMC_HAVE_SSE42_CRC 1
#else
#define DMC_HAVE_SSE42_CRC 0
#endif

namespace dmc {
namespace {

constexpr uint32_t kCastagnoliReflected = 0x82F63B78u;

using CrcTables = std::array<std::array<uint32_t, 256>, 8>;

// tables[0] is the classic byte table; tables[j] advances a byte that is followed by j more
// bytes, so eight bytes are folded with eight independent lookups.
constexpr CrcTables makeCrcTables() {
  CrcTables tables{};
  for (uint32_t byte = 0; byte < 256; ++byte) {
    uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1u) ? kCastagnoliReflected : 0u);
    tables[0][byte] = crc;
  }
  for (size_t j = 1; j < 8; ++j)
    for (size_t byte = 0; byte < 256; ++byte)
      tables[j][byte] = (tables[j - 1][byte] >> 8) ^ tables[0][tables[j - 1][byte] & 0xFFu];
  return tables;
}

constexpr CrcTables kCrcTables = makeCrcTables();

uint32_t crcBytesTable(uint32_t crc, const unsigned char* p, size_t n) {
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);  // the tables assume little-endian byte order
    word ^= crc;
    crc = kCrcTables[7][word & 0xFF] ^ kCrcTables[6][(word >> 8) & 0xFF] ^ kCrcTables[5][(word >> 16) & 0xFF] ^
          kCrcTables[4][(word >> 24) & 0xFF] ^ kCrcTables[3][(word >> 32) & 0xFF] ^
          kCrcTables[2][(word >> 40) & 0xFF] ^ kCrcTables[1][(word >> 48) & 0xFF] ^ kCrcTables[0][word >> 56];
  }
  for (; n > 0; --n, ++p) crc = (crc >> 8) ^ kCrcTables[0][(crc ^ *p) & 0xFF];
  return crc;
}

#if DMC_HAVE_SSE42_CRC
__attribute__((target("sse4.2"))) uint32_t crcBytesSse42(uint32_t crc, const unsigned char* p, size_t n) {
  uint64_t wide = crc;
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    wide = _mm_crc32_u64(wide, word);
  }
  crc = static_cast<uint32_t>(wide);
  for (; n > 0; --n, ++p) crc = _mm_crc32_u8(crc, *p);
  return crc;
}
#endif

}  // namespace

uint32_t crc32cPortable(std::span<const std::byte> bytes, uint32_t crc) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  crc = ~crc;
  if constexpr (std::endian::native == std::endian::little) return ~crcBytesTable(crc, p, bytes.size());
  for (const unsigned char* end = p + bytes.size(); p != end; ++p)
    crc = (crc >> 8) ^ kCrcTables[0][(crc ^ *p) & 0xFF];
  return ~crc;
}

uint32_t crc32c(std::span<const std::byte> bytes, uint32_t crc) {
#if DMC_HAVE_SSE42_CRC
  static const bool hasSse42 = __builtin_cpu_supports("sse4.2");
  if (hasSse42) return ~crcBytesSse42(~crc, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
#endif
  return crc32cPortable(bytes, crc);
}

}  // namespace dmc
