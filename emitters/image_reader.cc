#include "emitters/image_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fmt/format.h>

#include "dmfs/dmfs_image.h"

namespace dmc {
namespace {

// The C records (dmfs/dmfs_image.h, shared with the kernel module) and the C++ ones are the
// same bytes; the validator below reads the former, dmc the latter.
static_assert(sizeof(dmfs_image_header) == sizeof(ImageHeader));
static_assert(offsetof(dmfs_image_header, body_crc32c) == offsetof(ImageHeader, bodyCrc32c));
static_assert(sizeof(dmfs_device_record) == sizeof(DeviceRecord));
static_assert(offsetof(dmfs_device_record, level_counts) == offsetof(DeviceRecord, levelCounts));
static_assert(sizeof(dmfs_target_record) == sizeof(TargetRecord));
static_assert(offsetof(dmfs_target_record, line) == offsetof(TargetRecord, line));
static_assert(DMFS_IMAGE_FORMAT_VERSION == kImageFormatVersion);

uint32_t dmcCrc32c(const void* bytes, size_t size) {
  return crc32c(std::span(static_cast<const std::byte*>(bytes), size));
}

std::string_view stringAt(const dmfs_image& image, const dmfs_string_ref& ref) {
  return {dmfs_image_string(&image, &ref), ref.size};
}

// A device of an image dmfs_image_check accepted: views into the bytes, nothing to check.
ImageDevice describeDevice(const dmfs_image& image, uint32_t index) {
  const dmfs_device_record* record = dmfs_image_device(&image, index);
  ImageDevice device;
  device.name = stringAt(image, record->name);
  device.uuid = stringAt(image, record->uuid);
  device.readOnly = record->flags & DMFS_DEVICE_READ_ONLY;
  if (record->flags & DMFS_DEVICE_HAS_MINOR) device.minor = record->minor;
  device.headerLine = record->header_line;
  device.size = record->size_sectors;
  device.targets = {reinterpret_cast<const TargetRecord*>(dmfs_image_targets(&image, record)), record->target_count};
  device.uses = {dmfs_image_uses(&image, record), record->uses_count};
  device.index.shape = *BtreeShape::forTargets(record->target_count, record->keys_per_node);
  device.index.targetCount = static_cast<uint32_t>(record->target_count);
  device.index.size = device.size;
  device.index.pointInto(dmfs_image_index(&image, record));
  return device;
}

}  // namespace

// The checks themselves are dmfs/dmfs_image.c: the same C the dmfs kernel module runs.
bool ImageReader::parse(std::span<const std::byte> bytes, std::string& error) {
  if constexpr (std::endian::native != std::endian::little) {
    error = "dmc images are little-endian; this build cannot read them on a big-endian host";
    return false;
  }
  dmfs_image image{};
  std::array<char, 512> message{};
  if (dmfs_image_check(&image, bytes.data(), bytes.size(), dmcCrc32c, message.data(), message.size()) != 0) {
    error = message.data();
    return false;
  }
  strings_ = {image.strings, image.strings_size};
  for (uint32_t i = 0; i < image.header->type_count; ++i)
    types_.emplace_back(dmfs_image_type_name(&image, i), dmfs_image_type_name_size(&image, i));
  loadOrder_ = {dmfs_image_load_order(&image), image.header->device_count};
  devices_.reserve(image.header->device_count);
  for (uint32_t i = 0; i < image.header->device_count; ++i) devices_.push_back(describeDevice(image, i));
  return true;
}

std::unique_ptr<ImageReader> ImageReader::fromBytes(std::span<const std::byte> bytes, std::string& error) {
  std::unique_ptr<ImageReader> reader(new ImageReader());
  if (!reader->parse(bytes, error)) return nullptr;
  return reader;
}

std::unique_ptr<ImageReader> ImageReader::fromBuffer(std::string bytes, std::string& error) {
  std::unique_ptr<ImageReader> reader(new ImageReader());
  reader->ownedBytes_ = std::move(bytes);
  std::span<const std::byte> view = std::as_bytes(std::span(reader->ownedBytes_));
  if (reinterpret_cast<uintptr_t>(view.data()) % kImageSectionAlignment != 0) {
    reader->alignedCopy_.resize((view.size() + 7) / 8);
    std::memcpy(reader->alignedCopy_.data(), view.data(), view.size());
    reader->ownedBytes_.clear();
    view = std::as_bytes(std::span(reader->alignedCopy_)).first(view.size());
  }
  if (!reader->parse(view, error)) return nullptr;
  return reader;
}

std::unique_ptr<ImageReader> ImageReader::open(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = fmt::format("{}: cannot open: {}", path, std::strerror(errno));
    return nullptr;
  }
  struct stat info {};
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    error = fmt::format("{}: not a regular file, so not a dmc image", path);
    ::close(fd);
    return nullptr;
  }
  std::unique_ptr<ImageReader> reader(new ImageReader());
  const size_t size = static_cast<size_t>(info.st_size);
  if (size > 0) {
    void* mapping = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (mapping == MAP_FAILED) {
      error = fmt::format("{}: cannot map: {}", path, std::strerror(errno));
      ::close(fd);
      return nullptr;
    }
    reader->mapping_ = mapping;
    reader->mappingSize_ = size;
  }
  ::close(fd);  // the mapping stays valid without the descriptor
  const std::span<const std::byte> bytes(static_cast<const std::byte*>(reader->mapping_), size);
  if (!reader->parse(bytes, error)) {
    error = fmt::format("{}: {}", path, error);
    return nullptr;
  }
  return reader;
}

ImageReader::~ImageReader() {
  if (mapping_) munmap(mapping_, mappingSize_);
}

std::optional<size_t> ImageReader::findDevice(std::string_view name) const {
  for (size_t i = 0; i < devices_.size(); ++i)
    if (devices_[i].name == name) return i;
  return std::nullopt;
}

std::string_view ImageReader::params(const TargetRecord& target) const {
  return strings_.substr(target.paramsOffset, target.paramsSize);
}

TableModel ImageReader::toTableModel() const {
  TableModel model;
  std::vector<uint32_t> typeIds;
  for (std::string_view type : types_) typeIds.push_back(model.internType(type));
  for (const ImageDevice& image : devices_) {
    DeviceEntry& device = model.devices.emplace_back();
    device.name = image.name;
    device.uuid = image.uuid;
    device.minor = image.minor;
    device.readOnly = image.readOnly;
    device.headerLine = image.headerLine;
    device.uses.assign(image.uses.begin(), image.uses.end());
    device.targets.reserve(image.targets.size());
    for (const TargetRecord& record : image.targets) {
      TargetEntry& target = device.targets.emplace_back();
      target.start = record.start;
      target.length = record.length;
      target.typeId = typeIds[record.typeId];
      target.line = record.line;
      model.storeParams(target, params(record));
    }
  }
  model.loadOrder.assign(loadOrder_.begin(), loadOrder_.end());
  return model;
}

bool hasImageMagic(std::span<const std::byte> firstBytes) {
  return firstBytes.size() >= kImageMagic.size() &&
         std::memcmp(firstBytes.data(), kImageMagic.data(), kImageMagic.size()) == 0;
}

bool fileHasImageMagic(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  std::array<std::byte, kImageMagic.size()> head{};
  const ssize_t got = ::read(fd, head.data(), head.size());
  ::close(fd);
  return got == static_cast<ssize_t>(head.size()) && hasImageMagic(head);
}

}  // namespace dmc
