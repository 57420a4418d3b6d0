// dm-integrity's existing superblock (validator/integrity_superblock.h): decoding any sector,
// and with --host-devices the constructor's checks against the superblock a device already
// has. The hand-built superblocks are those the 6.1 kernel wrote in the qemu VM: an 8192-sector
// device formatted with tag 4 and the defaults records version 1, 2^15 interleave, 1 journal
// section and 7752 provided sectors; one with a metadata device version 2, interleave 0.
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "tests/unit/test_support.h"
#include "validator/host_device_sizes.h"
#include "validator/integrity_superblock.h"

using dmc::DiagnosticCode;
using dmc::IntegritySuperblockKind;
using dmc::test::compileText;

namespace {

std::array<uint8_t, 512> superblock(uint8_t version, uint8_t log2Interleave, uint16_t tag, uint32_t sections,
                                    uint64_t provided, uint32_t flags = 0, uint8_t log2PerBlock = 0) {
  std::array<uint8_t, 512> s{};
  const char magic[8] = {'i', 'n', 't', 'e', 'g', 'r', 't', 0};
  std::copy(magic, magic + 8, s.begin());
  s[8] = version;
  s[9] = log2Interleave;
  for (int i = 0; i < 2; ++i) s[10 + i] = static_cast<uint8_t>(tag >> (8 * i));
  for (int i = 0; i < 4; ++i) s[12 + i] = static_cast<uint8_t>(sections >> (8 * i));
  for (int i = 0; i < 8; ++i) s[16 + i] = static_cast<uint8_t>(provided >> (8 * i));
  for (int i = 0; i < 4; ++i) s[24 + i] = static_cast<uint8_t>(flags >> (8 * i));
  s[28] = log2PerBlock;
  return s;
}

// A file of `sectors` zeroed sectors with `first` at sector `at`, removed at the end.
struct DeviceFile {
  std::filesystem::path path;
  DeviceFile(uint64_t sectors, const std::array<uint8_t, 512>& first, uint64_t at = 0) {
    path = std::filesystem::temp_directory_path() /
           ("dmc-integrity-sb-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::ofstream out(path, std::ios::binary);
    out.seekp(static_cast<std::streamoff>(at * 512));
    out.write(reinterpret_cast<const char*>(first.data()), 512);
    out.close();
    std::filesystem::resize_file(path, sectors * 512);
  }
  ~DeviceFile() { std::filesystem::remove(path); }
  static int& counter() {
    static int n = 0;
    return n;
  }
};

dmc::CompileOptions hostOptions(std::vector<dmc::DeclaredDeviceSize> sizes) {
  dmc::CompileOptions options;
  options.sizeSource = std::make_shared<dmc::HostDeviceSizes>(std::move(sizes));
  return options;
}

// The table's only error contains `text`.
void expectOnlyError(const dmc::test::Compiled& r, std::string_view text) {
  INFO(r.describe());
  REQUIRE(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                        [](const dmc::Diagnostic& d) { return d.severity == dmc::Severity::Error; }) == 1);
  bool found = false;
  for (const auto& d : r.diagnostics) found = found || d.message.find(text) != std::string::npos;
  CHECK(found);
}

}  // namespace

TEST_CASE("integrity superblock: zeros, garbage and the magic", "[integrity][superblock]") {
  std::array<uint8_t, 512> zeros{};
  CHECK(dmc::decodeIntegritySuperblock(zeros).kind == IntegritySuperblockKind::Zeroed);
  std::array<uint8_t, 512> garbage{};
  garbage[300] = 1;
  CHECK(dmc::decodeIntegritySuperblock(garbage).kind == IntegritySuperblockKind::Garbage);
  auto read = dmc::decodeIntegritySuperblock(superblock(1, 15, 4, 1, 7752));
  REQUIRE(read.kind == IntegritySuperblockKind::Present);
  CHECK(read.superblock.version == 1);
  CHECK(read.superblock.log2InterleaveSectors == 15);
  CHECK(read.superblock.tagSize == 4);
  CHECK(read.superblock.journalSections == 1);
  CHECK(read.superblock.providedDataSectors == 7752);
}

TEST_CASE("integrity superblock: any bytes after the magic decode and compare", "[integrity][superblock]") {
  std::mt19937_64 random(14);
  dmc::IntegrityTableAsks asks{4, 1, false, false, 5};
  for (int i = 0; i < 2000; ++i) {
    std::array<uint8_t, 512> s = superblock(1, 15, 4, 1, 7752);
    for (size_t at = 8; at < 64; ++at) s[at] = static_cast<uint8_t>(random());
    auto read = dmc::decodeIntegritySuperblock(s);
    REQUIRE(read.kind == IntegritySuperblockKind::Present);
    (void)dmc::integritySuperblockMismatch(read.superblock, asks);
  }
  CHECK(dmc::integritySuperblockMismatch(dmc::decodeIntegritySuperblock(superblock(1, 15, 4, 1, 7752)).superblock,
                                         asks) == std::nullopt);
}

TEST_CASE("integrity with an existing superblock takes its layout (--host-devices)", "[integrity][superblock]") {
  DeviceFile data(8192, superblock(1, 15, 4, 1, 7752));
  const std::string dev = data.path.string();
  auto options = hostOptions({{dev, 8192}});
  // The table's interleave and journal give way to the superblock's (the kernel accepted both).
  CHECK(compileText("0 7000 integrity " + dev + " 0 4 J 1 interleave_sectors:8\n", options).ok());
  CHECK(compileText("0 7752 integrity " + dev + " 0 4 J 1 journal_sectors:16\n", options).ok());
  expectOnlyError(compileText("0 7753 integrity " + dev + " 0 4 J 0\n", options),
                  "integrity: Not enough provided sectors for requested mapping size: the superblock on");
  expectOnlyError(compileText("0 4000 integrity " + dev + " 0 8 J 0\n", options),
                  "integrity: Tag size doesn't match the information in superblock: the device was formatted with "
                  "4-byte tags");
  expectOnlyError(compileText("0 4000 integrity " + dev + " 0 4 J 1 block_size:4096\n", options),
                  "integrity: Block size doesn't match the information in superblock");
  expectOnlyError(compileText("0 4000 integrity " + dev + " 0 4 J 1 meta_device:" + dev + "\n", options),
                  "integrity: Invalid interleave_sectors in the superblock");
}

TEST_CASE("integrity superblocks the kernel refuses", "[integrity][superblock]") {
  std::array<uint8_t, 512> garbage{};
  garbage[0] = 0x55;
  DeviceFile noise(8192, garbage);
  auto options = hostOptions({{noise.path.string(), 8192}});
  expectOnlyError(compileText("0 4000 integrity " + noise.path.string() + " 0 4 J 0\n", options),
                  "integrity: The device is not initialized");
  DeviceFile newer(8192, superblock(9, 15, 4, 1, 7752));
  expectOnlyError(compileText("0 4000 integrity " + newer.path.string() + " 0 4 J 0\n",
                              hostOptions({{newer.path.string(), 8192}})),
                  "integrity: Unknown version");
  DeviceFile noJournal(8192, superblock(1, 15, 4, 0, 7752));
  expectOnlyError(compileText("0 4000 integrity " + noJournal.path.string() + " 0 4 J 0\n",
                              hostOptions({{noJournal.path.string(), 8192}})),
                  "integrity: Corrupted superblock, journal_sections is 0");
  DeviceFile mac(8192, superblock(1, 15, 4, 1, 7752, dmc::IntegritySuperblock::kHaveJournalMac));
  expectOnlyError(compileText("0 4000 integrity " + mac.path.string() + " 0 4 J 0\n",
                              hostOptions({{mac.path.string(), 8192}})),
                  "integrity: Journal mac mismatch");
  // A superblock recording more than the device holds (copied from a larger disk).
  DeviceFile shrunk(4096, superblock(1, 15, 4, 1, 7752));
  auto r = compileText("0 4000 integrity " + shrunk.path.string() + " 0 4 J 0\n",
                       hostOptions({{shrunk.path.string(), 4096}}));
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK_THAT(r.first(DiagnosticCode::DeviceTooSmall).message, Catch::Contains("integrity: The device is too small"));
}

TEST_CASE("integrity with an existing metadata device's superblock", "[integrity][superblock]") {
  DeviceFile meta(2048, superblock(2, 0, 4, 1, 8192));
  std::array<uint8_t, 512> zeros{};
  DeviceFile data(9000, zeros);  // larger than the superblock says: its 8192 sectors count
  auto options = hostOptions({{meta.path.string(), 2048}, {data.path.string(), 9000}});
  const std::string line = "integrity " + data.path.string() + " 0 4 J 1 meta_device:" + meta.path.string() + "\n";
  CHECK(compileText("0 8192 " + line, options).ok());
  expectOnlyError(compileText("0 8193 " + line, options), "integrity: Not enough provided sectors");
  // The superblock's provided sectors need 8 + 176 + 64 sectors of metadata.
  DeviceFile smallMeta(247, superblock(2, 0, 4, 1, 8192));
  auto r = compileText("0 8192 integrity " + data.path.string() + " 0 4 J 1 meta_device:" + smallMeta.path.string() +
                           "\n",
                       hostOptions({{smallMeta.path.string(), 247}, {data.path.string(), 9000}}));
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK_THAT(r.first(DiagnosticCode::DeviceTooSmall).message,
             Catch::Contains("integrity: The device is too small: " + smallMeta.path.string() + " has 247 sectors"));
}

TEST_CASE("integrity on a zeroed or unreadable device keeps the fresh layout", "[integrity][superblock]") {
  std::array<uint8_t, 512> zeros{};
  DeviceFile fresh(8192, zeros);
  auto options = hostOptions({{fresh.path.string(), 8192}});
  CHECK(compileText("0 7752 integrity " + fresh.path.string() + " 0 4 J 0\n", options).ok());
  CHECK_FALSE(compileText("0 7753 integrity " + fresh.path.string() + " 0 4 J 0\n", options).ok());
  // Nothing to read: the declared size alone decides.
  auto missing = hostOptions({{"/nonexistent/dmc-disk", 8192}});
  CHECK(compileText("0 7752 integrity /nonexistent/dmc-disk 0 4 J 0\n", missing).ok());
}
