#include "emitters/image_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "support/display_escape.h"

namespace dmc {
namespace {

template <class T>
T readAt(std::span<const std::byte> bytes, uint64_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

template <size_t N>
bool allZero(const std::array<uint8_t, N>& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) { return b == 0; });
}

// Range and alignment checks with overflow-safe arithmetic; the first failure keeps its message.
class Checker {
 public:
  Checker(std::span<const std::byte> bytes, uint64_t bodyStart, std::string& error)
      : bytes_(bytes), bodyStart_(bodyStart), error_(error) {}

  bool fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  // count elements of elementSize bytes at offset lie inside the body and are aligned.
  bool section(std::string_view what, uint64_t offset, uint64_t count, uint64_t elementSize, uint64_t alignment) {
    uint64_t bytes = 0;
    uint64_t end = 0;
    if (__builtin_mul_overflow(count, elementSize, &bytes) || __builtin_add_overflow(offset, bytes, &end) ||
        offset < bodyStart_ || end > bytes_.size())
      return fail(fmt::format("{} (offset {}, {} entries of {} bytes) lies outside the image body [{}, {})", what,
                              offset, count, elementSize, bodyStart_, bytes_.size()));
    if (offset % alignment != 0)
      return fail(fmt::format("{} at offset {} is not {}-byte aligned", what, offset, alignment));
    return true;
  }

 private:
  std::span<const std::byte> bytes_;
  uint64_t bodyStart_;
  std::string& error_;
};

// Everything about the header that can be checked without trusting any offset in it.
bool checkHeader(std::span<const std::byte> bytes, ImageHeader& header, std::string& error) {
  if (bytes.empty()) {
    error = "empty file, not a dmc image";
    return false;
  }
  if (bytes.size() < kImageMagic.size() &&
      std::memcmp(bytes.data(), kImageMagic.data(), bytes.size()) == 0) {
    error = fmt::format("truncated image: {} bytes", bytes.size());
    return false;
  }
  if (!hasImageMagic(bytes)) {
    error = "not a dmc image (bad magic)";
    return false;
  }
  if (bytes.size() < sizeof(ImageHeader)) {
    error = fmt::format("truncated image: {} bytes, the header alone needs {}", bytes.size(), sizeof(ImageHeader));
    return false;
  }
  header = readAt<ImageHeader>(bytes, 0);
  if (header.formatVersion != kImageFormatVersion) {
    error = fmt::format("unsupported image format version {} (this dmc reads version {})", header.formatVersion,
                        kImageFormatVersion);
    return false;
  }
  if (header.headerSize != sizeof(ImageHeader)) {
    error = fmt::format("bad header size {} (expected {})", header.headerSize, sizeof(ImageHeader));
    return false;
  }
  if (header.totalSize != bytes.size()) {
    error = header.totalSize > bytes.size()
                ? fmt::format("truncated image: the header says {} bytes, only {} are present", header.totalSize,
                              bytes.size())
                : fmt::format("image size mismatch: the header says {} bytes, the file has {}", header.totalSize,
                              bytes.size());
    return false;
  }
  if (header.totalSize % kImageSectionAlignment != 0) {
    error = fmt::format("image size {} is not a multiple of {}", header.totalSize, kImageSectionAlignment);
    return false;
  }
  ImageHeader unsealed = header;
  unsealed.headerCrc32c = 0;
  const uint32_t headerCrc = crc32c(std::as_bytes(std::span(&unsealed, 1)));
  if (headerCrc != header.headerCrc32c) {
    error = fmt::format("header checksum mismatch (stored {:#010x}, computed {:#010x})", header.headerCrc32c,
                        headerCrc);
    return false;
  }
  if (!allZero(header.reserved)) {
    error = "reserved header bytes are not zero";
    return false;
  }
  return true;
}

bool checkBodyCrc(std::span<const std::byte> bytes, const ImageHeader& header, std::string& error) {
  const uint32_t crc = crc32c(bytes.subspan(header.headerSize));
  if (crc == header.bodyCrc32c) return true;
  error = fmt::format("image checksum mismatch (stored {:#010x}, computed {:#010x}): the file is corrupted",
                      header.bodyCrc32c, crc);
  return false;
}

// Checks a string reference against the string table: in bounds, NUL-terminated, no NUL inside.
bool checkString(std::string_view strings, const StringRef& ref, std::string_view what, std::string& error) {
  if (ref.reserved != 0 || ref.offset > strings.size() || ref.size >= strings.size() - ref.offset) {
    error = fmt::format("{}: string reference (offset {}, {} bytes) lies outside the string table ({} bytes)", what,
                        ref.offset, ref.size, strings.size());
    return false;
  }
  const std::string_view text = strings.substr(ref.offset, ref.size);
  if (strings[ref.offset + ref.size] != '\0' || text.find('\0') != std::string_view::npos) {
    error = fmt::format("{}: string is not NUL-terminated where the table says", what);
    return false;
  }
  return true;
}

std::string_view stringAt(std::string_view strings, const StringRef& ref) { return strings.substr(ref.offset, ref.size); }

class DeviceChecker {
 public:
  DeviceChecker(std::span<const std::byte> bytes, const ImageHeader& header, std::string_view strings,
                Checker& checker, std::string& error)
      : bytes_(bytes), header_(header), strings_(strings), checker_(checker), error_(error) {}

  bool check(size_t index, ImageDevice& device) {
    record_ = readAt<DeviceRecord>(bytes_, header_.devicesOffset + index * sizeof(DeviceRecord));
    context_ = fmt::format("device {}", index);
    if (!checkString(strings_, record_.name, context_ + " name", error_)) return false;
    device.name = stringAt(strings_, record_.name);
    context_ = fmt::format("device {} ('{}')", index, escapeForDisplay(device.name));
    return checkFields(device) && checkUses(device) && checkTargets(device) && checkIndex(device);
  }

 private:
  bool fail(std::string_view message) { return checker_.fail(fmt::format("{}: {}", context_, message)); }

  bool checkFields(ImageDevice& device) {
    if (!checkString(strings_, record_.uuid, context_ + " uuid", error_)) return false;
    if ((record_.flags & ~uint32_t{kDeviceKnownFlags}) != 0)
      return fail(fmt::format("unknown flags {:#x}", record_.flags));
    if (!(record_.flags & kDeviceHasMinor) && record_.minor != 0) return fail("minor set without its flag");
    if (!allZero(record_.reserved)) return fail("reserved bytes are not zero");
    device.uuid = stringAt(strings_, record_.uuid);
    device.readOnly = record_.flags & kDeviceReadOnly;
    if (record_.flags & kDeviceHasMinor) device.minor = record_.minor;
    device.headerLine = record_.headerLine;
    return true;
  }

  bool checkUses(ImageDevice& device) {
    if (!checker_.section(context_ + " uses", record_.usesOffset, record_.usesCount, sizeof(uint32_t),
                          kImageSectionAlignment))
      return false;
    device.uses = {reinterpret_cast<const uint32_t*>(bytes_.data() + record_.usesOffset), record_.usesCount};
    for (uint32_t used : device.uses)
      if (used >= header_.deviceCount) return fail(fmt::format("uses device {}, which does not exist", used));
    return true;
  }

  bool checkTargets(ImageDevice& device) {
    if (record_.targetCount == 0 || record_.targetCount > UINT32_MAX)
      return fail(fmt::format("bad target count {}", record_.targetCount));
    if (!checker_.section(context_ + " targets", record_.targetsOffset, record_.targetCount, sizeof(TargetRecord),
                          kImageSectionAlignment))
      return false;
    device.targets = {reinterpret_cast<const TargetRecord*>(bytes_.data() + record_.targetsOffset),
                      record_.targetCount};
    uint64_t expectedStart = 0;
    for (size_t i = 0; i < device.targets.size(); ++i) {
      const TargetRecord& t = device.targets[i];
      const std::string where = fmt::format("{} target {}", context_, i);
      if (t.typeId >= header_.typeCount || t.reserved != 0)
        return checker_.fail(fmt::format("{}: bad type id {}", where, t.typeId));
      if (!checkString(strings_, StringRef{t.paramsOffset, t.paramsSize, 0}, where + " parameters", error_))
        return false;
      if (t.start != expectedStart || t.length == 0 || t.start + t.length < t.start)
        return checker_.fail(fmt::format("{}: start {} length {} does not follow the previous target (end {})",
                                         where, t.start, t.length, expectedStart));
      expectedStart = t.start + t.length;
    }
    if (record_.sizeSectors != expectedStart)
      return fail(fmt::format("size {} differs from the end of the last target {}", record_.sizeSectors,
                              expectedStart));
    device.size = expectedStart;
    return true;
  }

  bool checkIndex(ImageDevice& device) {
    const std::optional<BtreeShape> shape = BtreeShape::forTargets(record_.targetCount, record_.keysPerNode);
    if (!shape) return fail(fmt::format("unsupported keys per node {}", record_.keysPerNode));
    if (record_.depth != shape->depth) return fail(fmt::format("btree depth {}, expected {}", record_.depth, shape->depth));
    if (!std::equal(shape->counts.begin(), shape->counts.end(), record_.levelCounts.begin()))
      return fail("btree node counts do not match the target count");
    if (record_.indexSize != shape->totalKeys() * sizeof(uint64_t))
      return fail(fmt::format("btree size {} bytes, expected {}", record_.indexSize, shape->totalKeys() * 8));
    if (!checker_.section(context_ + " btree", record_.indexOffset, shape->totalKeys(), sizeof(uint64_t),
                          kImageIndexAlignment))
      return false;
    device.index.shape = *shape;
    device.index.targetCount = static_cast<uint32_t>(record_.targetCount);
    device.index.size = device.size;
    device.index.pointInto(reinterpret_cast<const uint64_t*>(bytes_.data() + record_.indexOffset));
    return checkLeafKeys(device) && checkInternalKeys(device.index);
  }

  // The leaves must be the targets' last sectors, then all-ones padding.
  bool checkLeafKeys(const ImageDevice& device) {
    const BtreeView& index = device.index;
    const std::span<const uint64_t> leaves = index.level(index.depth() - 1);
    for (size_t i = 0; i < leaves.size(); ++i) {
      const uint64_t expected =
          i < device.targets.size() ? device.targets[i].start + device.targets[i].length - 1 : kBtreePadKey;
      if (leaves[i] != expected) return fail(fmt::format("btree leaf key {} is {}, expected {}", i, leaves[i], expected));
    }
    return true;
  }

  // Internal keys must be what the kernel computes; lookups rely on them to stay in bounds.
  bool checkInternalKeys(const BtreeView& index) {
    const unsigned keysPerNode = index.keysPerNode();
    for (unsigned l = 0; l + 1 < index.depth(); ++l) {
      const std::span<const uint64_t> keys = index.level(l);
      const uint64_t childCount = index.shape.counts[l + 1];
      for (uint64_t i = 0; i < keys.size(); ++i) {
        const uint64_t child = i / keysPerNode * (keysPerNode + 1) + i % keysPerNode;
        const uint64_t expected = child < childCount ? rightmostHigh(index, l + 1, child) : kBtreePadKey;
        if (keys[i] != expected)
          return fail(fmt::format("btree key {} of level {} is {}, expected {}", i, l, keys[i], expected));
      }
    }
    return true;
  }

  std::span<const std::byte> bytes_;
  const ImageHeader& header_;
  std::string_view strings_;
  Checker& checker_;
  std::string& error_;
  DeviceRecord record_{};
  std::string context_;
};

}  // namespace

bool ImageReader::parse(std::span<const std::byte> bytes, std::string& error) {
  if constexpr (std::endian::native != std::endian::little) {
    error = "dmc images are little-endian; this build cannot read them on a big-endian host";
    return false;
  }
  if (reinterpret_cast<uintptr_t>(bytes.data()) % kImageSectionAlignment != 0) {
    error = "image buffer is not 8-byte aligned";
    return false;
  }
  ImageHeader header{};
  if (!checkHeader(bytes, header, error)) return false;
  Checker checker(bytes, header.headerSize, error);
  if (!checker.section("device table", header.devicesOffset, header.deviceCount, sizeof(DeviceRecord),
                       kImageSectionAlignment) ||
      !checker.section("type table", header.typesOffset, header.typeCount, sizeof(StringRef), kImageSectionAlignment) ||
      !checker.section("load order", header.loadOrderOffset, header.deviceCount, sizeof(uint32_t),
                       kImageSectionAlignment) ||
      !checker.section("string table", header.stringsOffset, header.stringsSize, 1, 1))
    return false;
  if (!checkBodyCrc(bytes, header, error)) return false;

  strings_ = {reinterpret_cast<const char*>(bytes.data() + header.stringsOffset), header.stringsSize};
  for (uint32_t i = 0; i < header.typeCount; ++i) {
    const auto ref = readAt<StringRef>(bytes, header.typesOffset + i * sizeof(StringRef));
    if (!checkString(strings_, ref, fmt::format("target type {}", i), error)) return false;
    types_.push_back(stringAt(strings_, ref));
  }

  loadOrder_ = {reinterpret_cast<const uint32_t*>(bytes.data() + header.loadOrderOffset), header.deviceCount};
  std::vector<bool> listed(header.deviceCount);
  for (uint32_t index : loadOrder_) {
    if (index >= header.deviceCount || listed[index]) return checker.fail("the load order is not a permutation of the devices");
    listed[index] = true;
  }

  DeviceChecker deviceChecker(bytes, header, strings_, checker, error);
  devices_.resize(header.deviceCount);
  uint64_t targets = 0;
  for (uint32_t i = 0; i < header.deviceCount; ++i) {
    if (!deviceChecker.check(i, devices_[i])) return false;
    targets += devices_[i].targets.size();
  }
  if (targets != header.targetCount)
    return checker.fail(fmt::format("the header counts {} targets, the devices hold {}", header.targetCount, targets));
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
