// Image round trip: what the writer stores, the reader gives back (devices, targets, strings,
// load order) and lookups on the mapped btree answer as on the in-memory one.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>

#include "compiler/lookup_btree.h"
#include "compiler/sector_lookup.h"
#include "emitters/dmsetup_table_emitter.h"
#include "emitters/image_reader.h"
#include "emitters/image_writer.h"

namespace {

using namespace dmc;

void addTarget(TableModel& model, DeviceEntry& device, uint64_t length, std::string_view type,
               std::string_view params, uint32_t line) {
  const uint64_t start = device.size();
  TargetEntry& target = device.targets.emplace_back();
  target.start = start;
  target.length = length;
  target.typeId = model.internType(type);
  target.line = line;
  model.storeParams(target, params);
}

TableModel sampleModel(size_t bigTargets) {
  TableModel model;
  DeviceEntry& base = model.devices.emplace_back();
  base.name = "base";
  base.uuid = "CRYPT-LUKS2-0123";
  base.minor = 7;
  base.readOnly = true;
  base.headerLine = 1;
  addTarget(model, base, 2048, "linear", "/dev/sda 0", 2);
  addTarget(model, base, 100, "zero", "", 3);
  addTarget(model, base, 4096, "striped", "2 64 /dev/sdb 0 /dev/sdc\\ x 128", 4);

  DeviceEntry& big = model.devices.emplace_back();
  big.name = "big";
  big.headerLine = 6;
  std::mt19937_64 random(99);
  for (size_t i = 0; i < bigTargets; ++i)
    addTarget(model, big, 1 + random() % 300, i % 5 ? "linear" : "error", i % 5 ? "/dev/sdd 17" : "",
              static_cast<uint32_t>(7 + i));

  DeviceEntry& top = model.devices.emplace_back();
  top.name = "top";
  top.headerLine = 9000;
  top.uses = {0};
  addTarget(model, top, 6244, "linear", "/dev/mapper/base 0", 9001);
  model.loadOrder = {1, 0, 2};
  return model;
}

void requireSameModel(const TableModel& a, const TableModel& b) {
  REQUIRE(a.devices.size() == b.devices.size());
  REQUIRE(a.loadOrder == b.loadOrder);
  for (size_t d = 0; d < a.devices.size(); ++d) {
    const DeviceEntry& x = a.devices[d];
    const DeviceEntry& y = b.devices[d];
    REQUIRE(x.name == y.name);
    REQUIRE(x.uuid == y.uuid);
    REQUIRE(x.minor == y.minor);
    REQUIRE(x.readOnly == y.readOnly);
    REQUIRE(x.headerLine == y.headerLine);
    REQUIRE(x.uses == y.uses);
    REQUIRE(x.targets.size() == y.targets.size());
    for (size_t i = 0; i < x.targets.size(); ++i) {
      REQUIRE(x.targets[i].start == y.targets[i].start);
      REQUIRE(x.targets[i].length == y.targets[i].length);
      REQUIRE(x.targets[i].line == y.targets[i].line);
      REQUIRE(a.typeName(x.targets[i]) == b.typeName(y.targets[i]));
      REQUIRE(a.params(x.targets[i]) == b.params(y.targets[i]));
    }
  }
}

void requireSameLookups(const TableModel& model, const ImageReader& reader, unsigned keysPerNode) {
  std::mt19937_64 random(keysPerNode);
  for (size_t d = 0; d < model.devices.size(); ++d) {
    const LookupBtree btree = LookupBtree::forTargets(model.devices[d].targets, keysPerNode);
    const BtreeView& mapped = reader.devices()[d].index;
    REQUIRE(mapped.keysPerNode() == keysPerNode);
    REQUIRE(mapped.depth() == btree.depth());
    for (unsigned l = 0; l < btree.depth(); ++l)
      REQUIRE(std::ranges::equal(btree.level(l), mapped.level(l)));
    const SectorLookup fromMemory(btree.view());
    const SectorLookup fromImage(mapped);
    for (int i = 0; i < 2000; ++i) {
      const uint64_t sector = random() % (btree.size() + 10);
      REQUIRE(fromImage.find(sector) == fromMemory.find(sector));
    }
  }
}

std::string temporaryPath(const char* name) {
  return std::string(P_tmpdir) + "/dmc-image-test-" + std::to_string(getpid()) + "-" + name;
}

}  // namespace

TEST_CASE("image round trip keeps devices, targets and lookups", "[image]") {
  const TableModel model = sampleModel(3000);
  for (unsigned keysPerNode : {8u, 16u, 32u}) {
    INFO("K " << keysPerNode);
    std::string error;
    std::optional<std::string> bytes = buildImage(model, keysPerNode, &error);
    REQUIRE(bytes);
    REQUIRE(bytes->size() % 8 == 0);
    std::unique_ptr<ImageReader> reader = ImageReader::fromBuffer(*bytes, error);
    INFO(error);
    REQUIRE(reader);
    REQUIRE(reader->devices().size() == 3);
    CHECK(reader->devices()[0].name == "base");
    CHECK(reader->devices()[0].size == 2048 + 100 + 4096);
    CHECK(reader->params(reader->devices()[0].targets[2]) == "2 64 /dev/sdb 0 /dev/sdc\\ x 128");
    CHECK(reader->findDevice("top") == 2u);
    CHECK_FALSE(reader->findDevice("nope"));
    requireSameModel(model, reader->toTableModel());
    CHECK(emitAllTables(reader->toTableModel()) == emitAllTables(model));
    requireSameLookups(model, *reader, keysPerNode);
  }
}

TEST_CASE("image index nodes are cache-line aligned in the file", "[image]") {
  std::string error;
  const std::string bytes = *buildImage(sampleModel(100), 8, &error);
  ImageHeader header;
  std::memcpy(&header, bytes.data(), sizeof header);
  for (uint32_t d = 0; d < header.deviceCount; ++d) {
    DeviceRecord record;
    std::memcpy(&record, bytes.data() + header.devicesOffset + d * sizeof record, sizeof record);
    CHECK(record.indexOffset % 64 == 0);
    CHECK(record.targetsOffset % 8 == 0);
  }
}

TEST_CASE("image files are mapped and validated", "[image]") {
  const TableModel model = sampleModel(500);
  const std::string path = temporaryPath("good.dmcimg");
  REQUIRE(writeImageFile(model, 8, path).empty());
  CHECK(fileHasImageMagic(path));
  std::string error;
  std::unique_ptr<ImageReader> reader = ImageReader::open(path, error);
  INFO(error);
  REQUIRE(reader);
  requireSameModel(model, reader->toTableModel());
  requireSameLookups(model, *reader, 8);
  std::remove(path.c_str());

  const std::string table = temporaryPath("table.dm");
  std::ofstream(table) << "0 8 zero\n";
  CHECK_FALSE(fileHasImageMagic(table));
  CHECK_FALSE(ImageReader::open(table, error));
  CHECK(error.find("not a dmc image") != std::string::npos);
  std::remove(table.c_str());

  CHECK_FALSE(ImageReader::open(temporaryPath("missing"), error));
  CHECK(error.find("cannot open") != std::string::npos);
  CHECK_FALSE(ImageReader::open(P_tmpdir, error));
}

TEST_CASE("image writer refuses models the kernel could not load", "[image]") {
  std::string error;
  TableModel empty = sampleModel(0);
  empty.devices[1].targets.clear();
  CHECK_FALSE(buildImage(empty, 8, &error));
  CHECK(error.find("no targets") != std::string::npos);

  TableModel gap = sampleModel(10);
  gap.devices[1].targets[3].start += 1;
  CHECK_FALSE(buildImage(gap, 8, &error));

  TableModel badOrder = sampleModel(10);
  badOrder.loadOrder = {0, 0, 1};
  CHECK_FALSE(buildImage(badOrder, 8, &error));
  CHECK_FALSE(buildImage(sampleModel(10), 12, &error));
}

TEST_CASE("CRC32C matches the published check value", "[image]") {
  const std::string check = "123456789";
  const auto bytes = std::as_bytes(std::span(check.data(), check.size()));
  CHECK(crc32c(bytes) == 0xE3069283u);
  CHECK(crc32cPortable(bytes) == 0xE3069283u);
  CHECK(crc32c(bytes.subspan(4), crc32c(bytes.first(4))) == 0xE3069283u);
  std::mt19937_64 random(5);
  std::vector<std::byte> data(10007);
  for (std::byte& b : data) b = static_cast<std::byte>(random());
  for (size_t length : {0, 1, 7, 8, 9, 63, 64, 65, 1000, 10007})
    CHECK(crc32c(std::span(data).first(length)) == crc32cPortable(std::span(data).first(length)));
}
