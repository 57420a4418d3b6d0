// The dmfs back end over a stand-in configfs directory: what it writes to a device's `image`
// is a valid image carrying what `create` was asked for (uuid, a fixed minor).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "emitters/image_reader.h"
#include "kernel/dmfs_kernel.h"

namespace fs = std::filesystem;

namespace {

// A directory that looks like /sys/kernel/config/dmfs for one device after its mkdir: the
// attribute files exist (configfs makes them), `error` empty.
struct FakeConfigfs {
  fs::path root = fs::temp_directory_path() / ("dmc-dmfs-kernel-test." + std::to_string(::getpid()));

  FakeConfigfs() {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~FakeConfigfs() { fs::remove_all(root); }

  void addAttributes(const std::string& name) const {
    for (const char* attribute : {"image", "error", "uuid"}) std::ofstream(root / name / attribute);
  }

  std::string image(const std::string& name) const {
    std::ifstream in(root / name / "image", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
};

const dmc::ImageDevice& onlyDevice(const std::unique_ptr<dmc::ImageReader>& reader) {
  REQUIRE(reader);
  REQUIRE(reader->devices().size() == 1);
  return reader->devices()[0];
}

}  // namespace

TEST_CASE("dmfs back end: the image carries the minor create was asked for") {
  FakeConfigfs configfs;
  dmc::DmfsKernel kernel(configfs.root.string());
  dmc::DeviceNumber created;
  REQUIRE(kernel.create({"fixed", "UUID-1", 77}, created).ok);
  configfs.addAttributes("fixed");
  REQUIRE(kernel.loadTable("fixed", {{0, 100, "zero", ""}}, false).ok);

  std::string error;
  auto reader = dmc::ImageReader::fromBuffer(configfs.image("fixed"), error);
  INFO(error);
  const dmc::ImageDevice& device = onlyDevice(reader);
  CHECK(device.name == "fixed");
  CHECK(device.uuid == "UUID-1");
  CHECK(device.minor == std::optional<uint32_t>(77));
}

TEST_CASE("dmfs back end: without a minor the image asks for none, also after a fixed one was removed") {
  FakeConfigfs configfs;
  dmc::DmfsKernel kernel(configfs.root.string());
  dmc::DeviceNumber created;
  REQUIRE(kernel.create({"dev", "", 5}, created).ok);
  REQUIRE(kernel.remove("dev").ok);
  REQUIRE(kernel.create({"dev", "", std::nullopt}, created).ok);
  configfs.addAttributes("dev");
  REQUIRE(kernel.loadTable("dev", {{0, 8, "zero", ""}}, false).ok);

  std::string error;
  auto reader = dmc::ImageReader::fromBuffer(configfs.image("dev"), error);
  INFO(error);
  CHECK_FALSE(onlyDevice(reader).minor.has_value());
}
