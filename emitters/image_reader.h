#pragma once
// Reads a dmc binary image in place. Before anything is handed out, every offset, size,
// count, alignment, string, target and btree key is checked against the file and both CRCs
// are verified, so a truncated, corrupted or hand-crafted image gives one clear message
// instead of a crash or a read out of bounds. Lookups then walk the mapped btree directly.

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/lookup_btree.h"
#include "compiler/table_model.h"
#include "diagnostics/diagnostic_engine.h"
#include "emitters/image_format.h"

namespace dmc {

struct ImageDevice {
  std::string_view name;
  std::string_view uuid;
  bool readOnly = false;
  std::optional<uint32_t> minor;
  uint32_t headerLine = 0;
  uint64_t size = 0;                      // sectors
  std::span<const TargetRecord> targets;  // inside the image
  std::span<const uint32_t> uses;
  BtreeView index;                        // points into the image
};

class ImageReader {
 public:
  // Maps the file read-only (no copy) and validates it; nullptr with error set otherwise.
  static std::unique_ptr<ImageReader> open(const std::string& path, std::string& error);
  // Validates bytes the caller keeps alive for the reader's lifetime (8-byte aligned).
  static std::unique_ptr<ImageReader> fromBytes(std::span<const std::byte> bytes, std::string& error);
  // Takes the bytes over (e.g. an image just built in memory).
  static std::unique_ptr<ImageReader> fromBuffer(std::string bytes, std::string& error);

  ImageReader(const ImageReader&) = delete;
  ImageReader& operator=(const ImageReader&) = delete;
  ~ImageReader();

  const std::vector<ImageDevice>& devices() const { return devices_; }
  std::span<const uint32_t> loadOrder() const { return loadOrder_; }
  std::optional<size_t> findDevice(std::string_view name) const;
  std::string_view typeName(uint32_t typeId) const { return types_[typeId]; }
  std::string_view params(const TargetRecord& target) const;

  // A TableModel with the same devices, targets and order, for the table emitters.
  TableModel toTableModel() const;

 private:
  ImageReader() = default;
  bool parse(std::span<const std::byte> bytes, std::string& error);

  void* mapping_ = nullptr;  // from mmap, when open() made the reader
  size_t mappingSize_ = 0;
  std::string ownedBytes_;   // fromBuffer
  std::vector<uint64_t> alignedCopy_;  // fromBuffer when the string's storage is misaligned
  std::vector<ImageDevice> devices_;
  std::vector<std::string_view> types_;
  std::span<const uint32_t> loadOrder_;
  std::string_view strings_;
};

// True when the bytes start with the image magic (enough to tell an image from a table file).
bool hasImageMagic(std::span<const std::byte> firstBytes);
// Reads the first bytes of a file; false when it cannot be read or is no image.
bool fileHasImageMagic(const std::string& path);

}  // namespace dmc

