#pragma once
// Unsigned integers stored little-endian in on-disk superblocks (veritysetup's, dm-integrity's),
// read byte by byte so the host's byte order and the field's alignment do not matter.

#include <cstddef>
#include <cstdint>
#include <span>

namespace dmc {

// The `width`-byte (at most 8) little-endian integer at `offset` of `bytes`; the caller keeps
// offset + width within bytes.
inline uint64_t readLittleEndian(std::span<const uint8_t> bytes, size_t offset, size_t width) {
  uint64_t value = 0;
  for (size_t i = width; i > 0; --i) value = (value << 8) | bytes[offset + i - 1];
  return value;
}

}  // namespace dmc
