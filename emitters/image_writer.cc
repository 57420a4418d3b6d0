#include "emitters/image_writer.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fmt/format.h>

#include "compiler/lookup_btree.h"
#include "emitters/image_format.h"
#include "support/atomic_file.h"
#include "validator/target_secrets.h"

namespace dmc {
namespace {

uint64_t alignUp(uint64_t value, uint64_t alignment) { return (value + alignment - 1) / alignment * alignment; }

// Writes NUL-terminated strings into the image's string table, which planLayout sized.
class StringWriter {
 public:
  explicit StringWriter(char* table) : table_(table) {}
  StringRef add(std::string_view text) {
    StringRef ref{used_, static_cast<uint32_t>(text.size()), 0};
    std::memcpy(table_ + used_, text.data(), text.size());
    used_ += text.size() + 1;  // the NUL is already there: the image starts zeroed
    return ref;
  }

 private:
  char* table_;
  uint64_t used_ = 0;
};

template <class T>
void put(std::string& image, uint64_t offset, const T& value) {
  std::memcpy(image.data() + offset, &value, sizeof(T));
}

// The kernel only loads tables whose targets follow each other from sector 0; an image of
// anything else could not describe a real device (and its btree would be meaningless).
std::string checkTargets(const DeviceEntry& device) {
  if (device.targets.empty()) return fmt::format("device '{}' has no targets", device.name);
  if (device.targets.size() > UINT32_MAX) return fmt::format("device '{}' has too many targets", device.name);
  uint64_t expectedStart = 0;
  for (size_t i = 0; i < device.targets.size(); ++i) {
    const TargetEntry& t = device.targets[i];
    if (t.start != expectedStart || t.length == 0 || t.start + t.length < t.start)
      return fmt::format("device '{}': target {} (line {}) does not follow the previous target", device.name, i,
                         t.line);
    expectedStart = t.start + t.length;
  }
  return {};
}

std::optional<std::vector<uint32_t>> loadOrderOf(const TableModel& model, std::string* error) {
  const size_t count = model.devices.size();
  if (model.loadOrder.empty()) {  // a model built without stacking information: file order
    std::vector<uint32_t> order(count);
    for (uint32_t i = 0; i < count; ++i) order[i] = i;
    return order;
  }
  std::vector<bool> seen(count);
  for (uint32_t index : model.loadOrder) {
    if (index >= count || seen[index]) break;
    seen[index] = true;
  }
  if (model.loadOrder.size() != count || std::count(seen.begin(), seen.end(), true) != static_cast<long>(count)) {
    *error = "the load order does not list every device exactly once";
    return std::nullopt;
  }
  return model.loadOrder;
}

// The parameters as the image stores them: keys replaced by kImageKeyPlaceholder. `keyed` says,
// by type id, which types take keys (asked once a type, not once a target).
std::string_view storedParams(const TableModel& model, const TargetEntry& t, const std::vector<bool>& keyed,
                              std::string& scratch) {
  if (!keyed[t.typeId]) return model.params(t);
  scratch = replaceSecretParams(model.typeName(t), model.params(t), kImageKeyPlaceholder);
  return scratch;
}

std::vector<bool> keyedTypes(const TableModel& model) {
  std::vector<bool> keyed;
  for (const std::string& type : model.typeNames()) keyed.push_back(targetTakesKeys(type));
  return keyed;
}

uint64_t stringTableSize(const TableModel& model, const std::vector<bool>& keyed) {
  uint64_t size = 0;
  std::string scratch;
  for (const std::string& type : model.typeNames()) size += type.size() + 1;
  for (const DeviceEntry& device : model.devices) {
    size += device.name.size() + 1 + device.uuid.size() + 1;
    for (const TargetEntry& target : device.targets) size += storedParams(model, target, keyed, scratch).size() + 1;
  }
  return size;
}

struct ImageLayout {
  ImageHeader header{};
  std::vector<DeviceRecord> devices;
  std::vector<BtreeShape> shapes;
};

// Places every section; string references are filled in later, while writing.
ImageLayout planLayout(const TableModel& model, unsigned keysPerNode, const std::vector<bool>& keyed) {
  ImageLayout layout;
  ImageHeader& h = layout.header;
  h.magic = kImageMagic;
  h.formatVersion = kImageFormatVersion;
  h.headerSize = sizeof(ImageHeader);
  h.deviceCount = static_cast<uint32_t>(model.devices.size());
  h.typeCount = static_cast<uint32_t>(model.typeNames().size());

  uint64_t offset = sizeof(ImageHeader);
  h.devicesOffset = offset;
  offset += sizeof(DeviceRecord) * h.deviceCount;
  h.typesOffset = offset;
  offset += sizeof(StringRef) * h.typeCount;
  h.loadOrderOffset = offset;
  offset = alignUp(offset + sizeof(uint32_t) * h.deviceCount, kImageSectionAlignment);

  layout.devices.resize(model.devices.size());
  for (size_t d = 0; d < model.devices.size(); ++d) {
    DeviceRecord& r = layout.devices[d];
    r.usesCount = static_cast<uint32_t>(model.devices[d].uses.size());
    r.usesOffset = offset;
    offset = alignUp(offset + sizeof(uint32_t) * r.usesCount, kImageSectionAlignment);
  }
  for (size_t d = 0; d < model.devices.size(); ++d) {
    DeviceRecord& r = layout.devices[d];
    r.targetCount = model.devices[d].targets.size();
    h.targetCount += r.targetCount;
    r.targetsOffset = offset;
    offset += sizeof(TargetRecord) * r.targetCount;
  }
  offset = alignUp(offset, kImageIndexAlignment);
  for (size_t d = 0; d < model.devices.size(); ++d) {
    DeviceRecord& r = layout.devices[d];
    const BtreeShape shape = *BtreeShape::forTargets(r.targetCount, keysPerNode);
    layout.shapes.push_back(shape);
    r.keysPerNode = keysPerNode;
    r.depth = shape.depth;
    std::copy(shape.counts.begin(), shape.counts.end(), r.levelCounts.begin());
    r.indexOffset = offset;
    r.indexSize = shape.totalKeys() * sizeof(uint64_t);
    offset += r.indexSize;  // whole nodes of 64+ bytes: the next index stays aligned
  }
  h.stringsOffset = offset;
  h.stringsSize = stringTableSize(model, keyed);
  h.totalSize = alignUp(h.stringsOffset + h.stringsSize, kImageSectionAlignment);
  return layout;
}

// The leaf level is the targets' last sectors padded with all-ones; the levels above are
// computed from it in place, so no separate btree is built.
void writeIndex(std::string& image, const DeviceEntry& device, const DeviceRecord& record, const BtreeShape& shape) {
  auto* keys = reinterpret_cast<uint64_t*>(image.data() + record.indexOffset);  // 64-byte aligned offset
  uint64_t* leaves = keys + shape.levelOffset(shape.depth - 1);
  const uint64_t leafKeys = uint64_t{shape.counts[shape.depth - 1]} * shape.keysPerNode;
  for (size_t i = 0; i < device.targets.size(); ++i) leaves[i] = device.targets[i].start + device.targets[i].length - 1;
  std::fill(leaves + device.targets.size(), leaves + leafKeys, kBtreePadKey);
  fillInternalLevels(shape, keys);
}

void writeDevice(std::string& image, const TableModel& model, const DeviceEntry& device, DeviceRecord& record,
                 const BtreeShape& shape, StringWriter& strings, uint64_t deviceRecordOffset,
                 const std::vector<bool>& keyed) {
  std::string scratch;
  record.name = strings.add(device.name);
  record.uuid = strings.add(device.uuid);
  record.flags = (device.readOnly ? kDeviceReadOnly : 0u) | (device.minor ? kDeviceHasMinor : 0u);
  record.minor = device.minor.value_or(0);
  record.headerLine = device.headerLine;
  record.sizeSectors = device.size();

  for (size_t u = 0; u < device.uses.size(); ++u)
    put(image, record.usesOffset + u * sizeof(uint32_t), device.uses[u]);

  for (size_t i = 0; i < device.targets.size(); ++i) {
    const TargetEntry& t = device.targets[i];
    const StringRef params = strings.add(storedParams(model, t, keyed, scratch));
    const TargetRecord target{t.start, t.length, params.offset, params.size, t.typeId, t.line, 0};
    put(image, record.targetsOffset + i * sizeof(TargetRecord), target);
  }
  writeIndex(image, device, record, shape);
  put(image, deviceRecordOffset, record);
}

void sealImage(std::string& image, ImageHeader& header) {
  const auto* bytes = reinterpret_cast<const std::byte*>(image.data());
  header.bodyCrc32c = crc32c({bytes + header.headerSize, header.totalSize - header.headerSize});
  header.headerCrc32c = 0;
  put(image, 0, header);
  header.headerCrc32c = crc32c({bytes, sizeof(ImageHeader)});
  put(image, 0, header);
}

}  // namespace

std::optional<std::string> buildImage(const TableModel& model, unsigned keysPerNode, std::string* error) {
  if constexpr (std::endian::native != std::endian::little) {
    *error = "dmc images are little-endian; this build cannot write them on a big-endian host";
    return std::nullopt;
  }
  if (!isSupportedKeysPerNode(keysPerNode)) {
    *error = fmt::format("unsupported keys per node {} (use 8, 16 or 32)", keysPerNode);
    return std::nullopt;
  }
  for (const DeviceEntry& device : model.devices) {
    if (std::string problem = checkTargets(device); !problem.empty()) {
      *error = std::move(problem);
      return std::nullopt;
    }
  }
  std::optional<std::vector<uint32_t>> loadOrder = loadOrderOf(model, error);
  if (!loadOrder) return std::nullopt;

  const std::vector<bool> keyed = keyedTypes(model);
  ImageLayout layout = planLayout(model, keysPerNode, keyed);
  ImageHeader& header = layout.header;
  std::string image(header.totalSize, '\0');
  StringWriter strings(image.data() + header.stringsOffset);
  for (size_t i = 0; i < model.typeNames().size(); ++i)
    put(image, header.typesOffset + i * sizeof(StringRef), strings.add(model.typeNames()[i]));
  for (size_t d = 0; d < model.devices.size(); ++d)
    writeDevice(image, model, model.devices[d], layout.devices[d], layout.shapes[d], strings,
                header.devicesOffset + d * sizeof(DeviceRecord), keyed);
  for (size_t i = 0; i < loadOrder->size(); ++i)
    put(image, header.loadOrderOffset + i * sizeof(uint32_t), (*loadOrder)[i]);
  sealImage(image, header);
  return image;
}

std::string writeImageFile(const TableModel& model, unsigned keysPerNode, const std::string& path) {
  std::string error;
  std::optional<std::string> image = buildImage(model, keysPerNode, &error);
  if (!image) return error;
  return writeOutput(path, *image);
}

}  // namespace dmc
