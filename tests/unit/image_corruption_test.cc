// A damaged image must be refused with a message, never read out of bounds (run this file
// under -DDMC_SANITIZE=ON to prove the second half). Three kinds of damage:
//   * accidental: truncation, bit flips, overwritten bytes -> caught by sizes and CRCs;
//   * every header field altered, with and without a matching header CRC;
//   * crafted: body fields changed and both CRCs recomputed, so only the structural checks
//     stand between the reader and a bad offset.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstring>
#include <functional>
#include <random>

#include "emitters/image_format.h"
#include "emitters/image_reader.h"
#include "emitters/image_writer.h"

namespace {

using namespace dmc;

TableModel corruptionModel() {
  TableModel model;
  const char* types[] = {"linear", "zero", "striped", "error"};
  for (int d = 0; d < 3; ++d) {
    DeviceEntry& device = model.devices.emplace_back();
    device.name = "dev" + std::to_string(d);
    device.uuid = d == 1 ? "uuid-1" : "";
    if (d == 2) device.uses = {0, 1};
    const int count = d == 1 ? 80 : 5;  // device 1 has three btree levels
    for (int i = 0; i < count; ++i) {
      const uint64_t start = device.size();
      TargetEntry& target = device.targets.emplace_back();
      target.start = start;
      target.length = 8 + i;
      target.typeId = model.internType(types[(d + i) % 4]);
      target.line = static_cast<uint32_t>(i + 1);
      model.storeParams(target, "/dev/sda " + std::to_string(i));
    }
  }
  model.loadOrder = {0, 1, 2};
  return model;
}

// Image bytes in 8-byte aligned storage, as a mapping would give them.
class Image {
 public:
  explicit Image(const std::string& bytes) : size_(bytes.size()), words_((bytes.size() + 7) / 8) {
    std::memcpy(words_.data(), bytes.data(), bytes.size());
  }
  std::byte* data() { return reinterpret_cast<std::byte*>(words_.data()); }
  size_t size() const { return size_; }
  std::span<const std::byte> bytes(size_t length) const {
    return {reinterpret_cast<const std::byte*>(words_.data()), length};
  }
  std::span<const std::byte> bytes() const { return bytes(size_); }

  template <class T>
  T read(size_t offset) const {
    T value;
    std::memcpy(&value, bytes().data() + offset, sizeof(T));
    return value;
  }
  template <class T>
  void write(size_t offset, const T& value) {
    std::memcpy(data() + offset, &value, sizeof(T));
  }
  ImageHeader header() const { return read<ImageHeader>(0); }

  // Recomputes both checksums, as someone crafting an image would.
  void reseal() {
    ImageHeader h = header();
    h.bodyCrc32c = crc32c(bytes().subspan(sizeof(ImageHeader)));
    resealHeader(h);
  }
  void resealHeader(ImageHeader h) {
    h.headerCrc32c = 0;
    h.headerCrc32c = crc32c(std::as_bytes(std::span(&h, 1)));
    write(0, h);
  }

 private:
  size_t size_;
  std::vector<uint64_t> words_;
};

Image goodImage() {
  std::string error;
  std::optional<std::string> bytes = buildImage(corruptionModel(), 8, &error);
  REQUIRE(bytes);
  return Image(*bytes);
}

// The reader's message, or "" when it accepted the bytes.
std::string readError(std::span<const std::byte> bytes) {
  std::string error;
  std::unique_ptr<ImageReader> reader = ImageReader::fromBytes(bytes, error);
  if (reader) return "";
  REQUIRE_FALSE(error.empty());
  return error;
}

// An image that reads back as exactly the original (a harmless change).
bool readsAsOriginal(const Image& image) {
  std::string error;
  std::unique_ptr<ImageReader> reader = ImageReader::fromBytes(image.bytes(), error);
  if (!reader) return false;
  const TableModel a = reader->toTableModel();
  const TableModel b = corruptionModel();
  if (a.devices.size() != b.devices.size()) return false;
  for (size_t d = 0; d < a.devices.size(); ++d) {
    if (a.devices[d].name != b.devices[d].name || a.devices[d].targets.size() != b.devices[d].targets.size())
      return false;
    for (size_t i = 0; i < a.devices[d].targets.size(); ++i)
      if (a.params(a.devices[d].targets[i]) != b.params(b.devices[d].targets[i])) return false;
  }
  return true;
}

struct Field {
  const char* name;
  size_t offset;
  size_t size;
};

#define DMC_FIELD(f) Field{#f, offsetof(ImageHeader, f), sizeof(ImageHeader::f)}
const std::vector<Field> kHeaderFields = {
    DMC_FIELD(magic),          DMC_FIELD(formatVersion),   DMC_FIELD(headerSize),   DMC_FIELD(totalSize),
    DMC_FIELD(deviceCount),    DMC_FIELD(typeCount),       DMC_FIELD(targetCount),  DMC_FIELD(devicesOffset),
    DMC_FIELD(typesOffset),    DMC_FIELD(loadOrderOffset), DMC_FIELD(stringsOffset), DMC_FIELD(stringsSize),
    DMC_FIELD(bodyCrc32c),     DMC_FIELD(headerCrc32c),    DMC_FIELD(reserved)};
#undef DMC_FIELD

// Ways to alter a little-endian field of `bits` bits (the first 64 of a longer one).
using Alteration = std::function<uint64_t(uint64_t value, unsigned bits)>;
const std::vector<std::pair<const char*, Alteration>> kAlterations = {
    {"+1", [](uint64_t v, unsigned) { return v + 1; }},
    {"-1", [](uint64_t v, unsigned) { return v - 1; }},
    {"+8", [](uint64_t v, unsigned) { return v + 8; }},
    {"+64", [](uint64_t v, unsigned) { return v + 64; }},
    {"zero", [](uint64_t v, unsigned) { return v == 0 ? 1 : 0; }},
    {"all-ones", [](uint64_t, unsigned) { return UINT64_MAX; }},
    {"top bit", [](uint64_t v, unsigned bits) { return v ^ (uint64_t{1} << (bits - 1)); }},
    {"bit 20", [](uint64_t v, unsigned) { return v ^ (uint64_t{1} << 20); }},
};

void alterField(Image& image, const Field& field, const Alteration& alter) {
  const size_t width = std::min<size_t>(field.size, 8);
  uint64_t value = 0;
  std::memcpy(&value, image.data() + field.offset, width);
  value = alter(value, static_cast<unsigned>(width * 8));
  std::memcpy(image.data() + field.offset, &value, width);
}

}  // namespace

TEST_CASE("the untouched image reads", "[image][corruption]") {
  const Image image = goodImage();
  CHECK(readError(image.bytes()) == "");
}

TEST_CASE("every header field altered is refused", "[image][corruption]") {
  for (const Field& field : kHeaderFields) {
    for (const auto& [how, alter] : kAlterations) {
      INFO("field " << field.name << " altered by " << how);
      Image plain = goodImage();
      alterField(plain, field, alter);
      const std::string error = readError(plain.bytes());
      CHECK_FALSE(error.empty());

      // With the header checksum recomputed only the field's own checks remain; accepting
      // is fine only when the change is harmless (e.g. the string table grown into padding).
      if (std::string_view(field.name) == "headerCrc32c") continue;
      Image crafted = goodImage();
      alterField(crafted, field, alter);
      crafted.resealHeader(crafted.header());
      const std::string craftedError = readError(crafted.bytes());
      INFO("crafted: " << craftedError);
      CHECK((!craftedError.empty() || readsAsOriginal(crafted)));
    }
  }
}

TEST_CASE("specific header problems get specific messages", "[image][corruption]") {
  Image image = goodImage();
  ImageHeader h = image.header();
  h.formatVersion = 2;
  image.resealHeader(h);
  CHECK(readError(image.bytes()).find("unsupported image format version 2") != std::string::npos);

  Image magic = goodImage();
  magic.write<char>(0, 'X');
  CHECK(readError(magic.bytes()).find("not a dmc image") != std::string::npos);

  Image body = goodImage();
  body.write<uint8_t>(body.size() - 20, body.read<uint8_t>(body.size() - 20) ^ 1);
  CHECK(readError(body.bytes()).find("checksum mismatch") != std::string::npos);
}

TEST_CASE("a truncated image is refused at every length", "[image][corruption]") {
  const Image image = goodImage();
  const size_t bound = std::min<size_t>(image.size(), 4096);
  for (size_t length = 0; length < bound; ++length) {
    INFO("length " << length);
    CHECK_FALSE(readError(image.bytes(length)).empty());
  }
  std::mt19937_64 random(4242);
  for (int i = 0; i < 300; ++i) {
    const size_t length = random() % image.size();
    INFO("length " << length);
    CHECK(readError(image.bytes(length)).find(length == 0 ? "empty" : "truncated") != std::string::npos);
  }
}

TEST_CASE("an image with bytes appended is refused", "[image][corruption]") {
  std::string error;
  std::string bytes = *buildImage(corruptionModel(), 8, &error);
  bytes.append(8, '\0');
  const Image image(bytes);
  CHECK(readError(image.bytes()).find("size mismatch") != std::string::npos);
}

TEST_CASE("random bit flips are refused", "[image][corruption]") {
  std::mt19937_64 random(777);
  const Image original = goodImage();
  for (int i = 0; i < 600; ++i) {
    Image image = original;
    const size_t bit = random() % (image.size() * 8);
    image.data()[bit / 8] ^= static_cast<std::byte>(1u << (bit % 8));
    INFO("flipped bit " << bit);
    CHECK_FALSE(readError(image.bytes()).empty());
  }
  for (int i = 0; i < 300; ++i) {
    Image image = original;
    const size_t at = random() % image.size();
    const size_t count = std::min<size_t>(1 + random() % 16, image.size() - at);
    for (size_t j = 0; j < count; ++j) image.data()[at + j] ^= static_cast<std::byte>(1 + random() % 255);
    INFO("overwrote " << count << " bytes at " << at);
    CHECK_FALSE(readError(image.bytes()).empty());
  }
}

TEST_CASE("crafted body damage is caught by the structural checks", "[image][corruption]") {
  const Image original = goodImage();
  const ImageHeader header = original.header();
  const size_t device1 = header.devicesOffset + sizeof(DeviceRecord);
  const DeviceRecord record = original.read<DeviceRecord>(device1);

  struct Case {
    const char* what;
    std::function<void(DeviceRecord&)> alterRecord;
    std::function<void(Image&)> alterBytes;
    const char* expected;
  };
  const auto keyAt = [&](uint64_t index) { return record.indexOffset + index * 8; };
  const auto targetAt = [&](uint64_t index) { return record.targetsOffset + index * sizeof(TargetRecord); };
  const std::vector<Case> cases = {
      {"name out of range", [](DeviceRecord& r) { r.name.offset = 1u << 30; }, nullptr, "outside the string table"},
      {"name size past end", [](DeviceRecord& r) { r.name.size = UINT32_MAX; }, nullptr, "outside the string table"},
      {"no targets", [](DeviceRecord& r) { r.targetCount = 0; }, nullptr, "bad target count"},
      {"huge target count", [](DeviceRecord& r) { r.targetCount = uint64_t{1} << 40; }, nullptr, "bad target count"},
      {"targets past the end", [](DeviceRecord& r) { r.targetCount = UINT32_MAX; }, nullptr, "outside the image"},
      {"targets misaligned", [](DeviceRecord& r) { r.targetsOffset += 4; }, nullptr, "aligned"},
      {"targets offset wraps", [](DeviceRecord& r) { r.targetsOffset = UINT64_MAX - 8; }, nullptr, "outside"},
      {"index misaligned", [](DeviceRecord& r) { r.indexOffset += 8; }, nullptr, "64-byte aligned"},
      {"index past the end", [](DeviceRecord& r) { r.indexOffset = uint64_t{1} << 40; }, nullptr, "outside"},
      {"odd keys per node", [](DeviceRecord& r) { r.keysPerNode = 12; }, nullptr, "keys per node"},
      {"wrong depth", [](DeviceRecord& r) { r.depth += 1; }, nullptr, "depth"},
      {"wrong node count", [](DeviceRecord& r) { r.levelCounts[1] += 1; }, nullptr, "node counts"},
      {"wrong index size", [](DeviceRecord& r) { r.indexSize += 64; }, nullptr, "btree size"},
      {"unknown flag", [](DeviceRecord& r) { r.flags |= 1u << 9; }, nullptr, "unknown flags"},
      {"minor past the kernel's 20 bits", [](DeviceRecord& r) { r.flags |= kDeviceHasMinor; r.minor = 1u << 20; }, nullptr,
       "minor 1048576 is too large"},
      {"uses past the end", [](DeviceRecord& r) { r.usesCount = UINT32_MAX; }, nullptr, "outside"},
      {"wrong size", [](DeviceRecord& r) { r.sizeSectors += 1; }, nullptr, "differs"},
      {"reserved set", [](DeviceRecord& r) { r.reserved[3] = 1; }, nullptr, "reserved"},
      {"internal key", nullptr, [&](Image& i) { i.write<uint64_t>(keyAt(0), 5); }, "btree key"},
      {"root key", nullptr,
       [&](Image& i) { i.write<uint64_t>(keyAt(record.levelCounts[1] * 8), UINT64_MAX); }, "btree key"},
      {"leaf key", nullptr, [&](Image& i) { i.write<uint64_t>(keyAt((record.levelCounts[1] + 1) * 8 + 3), 1); },
       "leaf key"},
      {"leaf padding", nullptr,
       [&](Image& i) { i.write<uint64_t>(record.indexOffset + record.indexSize - 8, 12345); }, "leaf key"},
      {"target gap", nullptr, [&](Image& i) { i.write<uint64_t>(targetAt(5), i.read<uint64_t>(targetAt(5)) + 1); },
       "does not follow"},
      {"zero length", nullptr, [&](Image& i) { i.write<uint64_t>(targetAt(79) + 8, 0); }, "does not follow"},
      {"type id", nullptr, [&](Image& i) { i.write<uint32_t>(targetAt(2) + 28, 99); }, "type id"},
      {"params outside", nullptr, [&](Image& i) { i.write<uint64_t>(targetAt(2) + 16, UINT64_MAX); },
       "outside the string table"},
      {"params without NUL", nullptr, [&](Image& i) { i.write<uint32_t>(targetAt(2) + 24, 1); }, "NUL"},
      {"load order duplicate", nullptr, [&](Image& i) { i.write<uint32_t>(header.loadOrderOffset, 1); },
       "permutation"},
      {"use of a missing device", nullptr,
       [&](Image& i) {
         const DeviceRecord third = i.read<DeviceRecord>(header.devicesOffset + 2 * sizeof(DeviceRecord));
         i.write<uint32_t>(third.usesOffset, 3);
       },
       "does not exist"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    Image image = original;
    if (c.alterRecord) {
      DeviceRecord changed = record;
      c.alterRecord(changed);
      image.write(device1, changed);
    }
    if (c.alterBytes) c.alterBytes(image);
    image.reseal();
    const std::string error = readError(image.bytes());
    INFO("error: " << error);
    CHECK(error.find(c.expected) != std::string::npos);
  }
}
