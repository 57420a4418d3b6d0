// The superblock on a verity hash device (validator/verity_superblock.h) and the check of a
// verity table against it with --host-devices (validator/targets/verity.cc). The devices are
// regular files: --device-size declares them, as the host has no block device for them.
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/unit/test_support.h"
#include "validator/host_device_sizes.h"
#include "validator/verity_superblock.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;

namespace {

constexpr uint32_t kBlock = 4096;
const std::string kDigest(64, 'd');
// 32 bytes, as veritysetup's default salt: as long as a SHA-256 root digest.
const std::string kSaltHex = "8cda69aa6258f1c98ed9f12633d0fffaea2cc05ff7e69d553874dde55de8cee8";

struct SuperblockFields {
  uint32_t version = 1;
  uint32_t hashType = 1;
  std::string algorithm = "sha256";
  uint32_t dataBlockSize = kBlock;
  uint32_t hashBlockSize = kBlock;
  uint64_t dataBlocks = 64;
  std::string saltHex = kSaltHex;
  uint16_t saltSizeOverride = 0;  // nonzero: written instead of the salt's length
};

void putLittleEndian(std::vector<uint8_t>& bytes, size_t offset, uint64_t value, size_t width) {
  for (size_t i = 0; i < width; ++i) bytes[offset + i] = static_cast<uint8_t>(value >> (8 * i));
}

// 512 bytes laid out as cryptsetup's struct verity_sb.
std::vector<uint8_t> superblockBytes(const SuperblockFields& f) {
  std::vector<uint8_t> bytes(dmc::kVeritySuperblockBytes, 0);
  const char signature[8] = {'v', 'e', 'r', 'i', 't', 'y', 0, 0};
  std::copy(signature, signature + 8, bytes.begin());
  putLittleEndian(bytes, 8, f.version, 4);
  putLittleEndian(bytes, 12, f.hashType, 4);
  for (size_t i = 0; i < 16; ++i) bytes[16 + i] = static_cast<uint8_t>(0xa0 + i);  // uuid
  std::copy(f.algorithm.begin(), f.algorithm.end(), bytes.begin() + 32);
  putLittleEndian(bytes, 64, f.dataBlockSize, 4);
  putLittleEndian(bytes, 68, f.hashBlockSize, 4);
  putLittleEndian(bytes, 72, f.dataBlocks, 8);
  const size_t saltBytes = f.saltHex.size() / 2;
  putLittleEndian(bytes, 80, f.saltSizeOverride != 0 ? f.saltSizeOverride : saltBytes, 2);
  for (size_t i = 0; i < saltBytes; ++i)
    bytes[88 + i] = static_cast<uint8_t>(std::stoul(f.saltHex.substr(2 * i, 2), nullptr, 16));
  return bytes;
}

// A scratch directory of files standing in for devices.
struct Devices {
  std::filesystem::path dir;
  Devices() {
    char pattern[] = "/tmp/dmc-verity-sb-XXXXXX";
    dir = ::mkdtemp(pattern);
  }
  ~Devices() { std::filesystem::remove_all(dir); }
  std::string path(const std::string& name) const { return (dir / name).string(); }

  // A file of `size` zero bytes with `superblock` at byte `offset` (nothing when empty).
  std::string write(const std::string& name, uint64_t size, const std::vector<uint8_t>& superblock = {},
                    uint64_t offset = 0) const {
    std::vector<char> bytes(size, 0);
    std::copy(superblock.begin(), superblock.end(), bytes.begin() + static_cast<std::ptrdiff_t>(offset));
    std::ofstream(path(name), std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path(name);
  }
};

// --host-devices over files: their sizes declared, as --device-size does.
dmc::CompileOptions hostOptions(const Devices& devices) {
  dmc::CompileOptions options;
  options.readOnly = true;
  std::vector<dmc::DeclaredDeviceSize> declared{{devices.path("data"), 512}, {devices.path("hash"), 512}};
  options.sizeSource = std::make_shared<dmc::HostDeviceSizes>(declared, devices.path("no-sysfs"));
  return options;
}

// veritysetup's table for 64 data blocks of 4096 bytes: 512 sectors, the tree after the superblock.
std::string verityLine(const Devices& devices, const std::string& fields) {
  return "0 512 verity 1 " + devices.path("data") + " " + devices.path("hash") + " " + fields + "\n";
}
std::string goodFields(const std::string& digest = kDigest, const std::string& salt = kSaltHex) {
  return "4096 4096 64 1 sha256 " + digest + " " + salt;
}

}  // namespace

TEST_CASE("a verity superblock is decoded as veritysetup dump reads it", "[verity-superblock]") {
  SuperblockFields fields;
  fields.dataBlocks = 0x0102030405060708ull;  // every byte of the 64-bit field in place
  auto sb = dmc::decodeVeritySuperblock(superblockBytes(fields), 4096);
  REQUIRE(sb);
  CHECK(sb->offset == 4096);
  CHECK(sb->version == 1);
  CHECK(sb->hashType == 1);
  CHECK(sb->algorithm == "sha256");
  CHECK(sb->dataBlockSize == kBlock);
  CHECK(sb->hashBlockSize == kBlock);
  CHECK(sb->dataBlocks == 0x0102030405060708ull);
  CHECK(sb->saltSize == 32);
  REQUIRE(sb->salt.size() == 32);
  CHECK(sb->salt.front() == 0x8c);
  CHECK(sb->salt.back() == 0xe8);
  CHECK(sb->unreadableReason().empty());
  CHECK(sb->hashStartBlock() == 2);  // 4096 + 512 bytes, rounded up to hash blocks

  // A 31-character name fills the field with its NUL; 32 characters leave none.
  fields.algorithm = std::string(32, 'x');
  CHECK(dmc::decodeVeritySuperblock(superblockBytes(fields), 0)->algorithm == std::string(32, 'x'));
}

TEST_CASE("bytes that are no verity superblock decode to nothing, never a crash", "[verity-superblock]") {
  std::vector<uint8_t> bytes = superblockBytes({});
  CHECK_FALSE(dmc::decodeVeritySuperblock(std::span(bytes).first(511), 0));  // short
  bytes[6] = 'x';  // "verityx\0": not the signature
  CHECK_FALSE(dmc::decodeVeritySuperblock(bytes, 0));
  std::vector<uint8_t> zeros(512, 0);
  CHECK_FALSE(dmc::decodeVeritySuperblock(zeros, 0));
  std::vector<uint8_t> garbage(512, 0xff);
  CHECK_FALSE(dmc::decodeVeritySuperblock(garbage, 0));
}

TEST_CASE("a superblock veritysetup would not read says why", "[verity-superblock]") {
  SuperblockFields fields;
  fields.version = 2;
  CHECK_THAT(dmc::decodeVeritySuperblock(superblockBytes(fields), 0)->unreadableReason(),
             Catch::Contains("format version is 2"));
  fields = {};
  fields.hashType = 7;
  CHECK_THAT(dmc::decodeVeritySuperblock(superblockBytes(fields), 0)->unreadableReason(),
             Catch::Contains("hash type is 7"));
  fields = {};
  fields.hashBlockSize = 3000;
  CHECK_THAT(dmc::decodeVeritySuperblock(superblockBytes(fields), 0)->unreadableReason(),
             Catch::Contains("block sizes"));
  fields = {};
  fields.saltSizeOverride = 300;  // more than the 256-byte field: the salt is not read
  auto sb = dmc::decodeVeritySuperblock(superblockBytes(fields), 0);
  CHECK(sb->salt.empty());
  CHECK_THAT(sb->unreadableReason(), Catch::Contains("salt size is 300"));
}

TEST_CASE("the superblock is found where veritysetup puts it for the table's hash start", "[verity-superblock]") {
  Devices devices;
  const std::vector<uint8_t> sb = superblockBytes({});
  // Byte 0, hash start 1: veritysetup's default.
  CHECK(dmc::findVeritySuperblock(devices.write("at0", 8192, sb), 1, kBlock)->offset == 0);
  // --hash-offset 8192: hash start 3.
  CHECK(dmc::findVeritySuperblock(devices.write("at8192", 16384, sb, 8192), 3, kBlock)->offset == 8192);
  // --hash-offset 512 (not a whole hash block): still hash start 1.
  CHECK(dmc::findVeritySuperblock(devices.write("at512", 8192, sb, 512), 1, kBlock)->offset == 512);
  // A table whose hash start is 0 finds the superblock its tree would start on; one that
  // starts further on may use another tree of the device (veritysetup --hash-offset
  // --no-superblock): the superblock at byte 0 is not its own.
  CHECK(dmc::findVeritySuperblock(devices.path("at0"), 0, kBlock)->offset == 0);
  CHECK_FALSE(dmc::findVeritySuperblock(devices.path("at0"), 3, kBlock));
}

TEST_CASE("no superblock, a short file or an unreadable path is no superblock", "[verity-superblock]") {
  Devices devices;
  CHECK_FALSE(dmc::findVeritySuperblock(devices.write("zeros", 8192), 1, kBlock));  // --no-superblock
  const std::vector<uint8_t> sb = superblockBytes({});
  // Truncated inside the superblock: 100 of its 512 bytes.
  std::vector<uint8_t> head(sb.begin(), sb.begin() + 100);
  CHECK_FALSE(dmc::findVeritySuperblock(devices.write("short", 100, head), 1, kBlock));
  CHECK_FALSE(dmc::findVeritySuperblock(devices.write("empty", 0), 1, kBlock));
  CHECK_FALSE(dmc::findVeritySuperblock(devices.path("missing"), 1, kBlock));
  CHECK_FALSE(dmc::findVeritySuperblock(devices.dir.string(), 1, kBlock));  // a directory
  // A FIFO with no writer: opening or reading it would wait for ever; it is not read.
  REQUIRE(::mkfifo(devices.path("fifo").c_str(), 0600) == 0);
  CHECK_FALSE(dmc::findVeritySuperblock(devices.path("fifo"), 1, kBlock));
  // Huge hash starts and block sizes read nothing past 2^64 bytes.
  CHECK_FALSE(dmc::findVeritySuperblock(devices.path("zeros"), UINT64_MAX, kBlock));
  CHECK_FALSE(dmc::findVeritySuperblock(devices.path("zeros"), 1, uint64_t{1} << 40));
}

TEST_CASE("--host-devices: a verity table that matches its superblock gets no warning", "[verity-superblock]") {
  Devices devices;
  devices.write("data", 512 * 512);
  devices.write("hash", 512 * 512, superblockBytes({}));
  auto r = compileText(verityLine(devices, goodFields()), hostOptions(devices));
  INFO(r.describe());
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
  // Hex digits in either case are the same salt.
  std::string upper = kSaltHex;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(compileText(verityLine(devices, goodFields(kDigest, upper)), hostOptions(devices)).diagnostics.empty());
}

TEST_CASE("--host-devices: salt and root digest swapped is named as such", "[verity-superblock]") {
  Devices devices;
  devices.write("data", 512 * 512);
  devices.write("hash", 512 * 512, superblockBytes({}));
  const std::string line = verityLine(devices, goodFields(kSaltHex, kDigest));
  auto r = compileText(line, hostOptions(devices));
  INFO(r.describe());
  CHECK(r.ok());  // the kernel loads it: a warning
  REQUIRE(r.count(DiagnosticCode::VeritySuperblockMismatch) == 1);
  const dmc::Diagnostic& d = r.first(DiagnosticCode::VeritySuperblockMismatch);
  CHECK(d.severity == dmc::Severity::Warning);
  CHECK_THAT(d.message, Catch::Contains("the root digest and the salt are swapped"));
  CHECK(d.location.column == line.find(kSaltHex) + 1);  // at the root digest's place
  REQUIRE(d.notes.size() == 1);
  CHECK_THAT(d.notes[0].message, Catch::Contains("'" + kDigest + " " + kSaltHex + "'"));
}

TEST_CASE("--host-devices: each field that disagrees with the superblock is named at its argument",
          "[verity-superblock]") {
  Devices devices;
  devices.write("data", 512 * 512);
  devices.write("hash", 512 * 512, superblockBytes({}));
  // sha1 instead of sha256 (a 40-digit digest), 32 data blocks instead of 64, another salt.
  const std::string line = verityLine(devices, "4096 4096 32 1 sha1 " + std::string(40, 'd') + " 00ff");
  auto r = compileText("0 256" + line.substr(5), hostOptions(devices));
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::VeritySuperblockMismatch) == 1);
  const dmc::Diagnostic& d = r.first(DiagnosticCode::VeritySuperblockMismatch);
  CHECK_THAT(d.message, Catch::Contains("on: number of data blocks, hash algorithm, salt;"));
  REQUIRE(d.notes.size() == 4);  // one an argument, then 'veritysetup dump'
  CHECK_THAT(d.notes[0].message, Catch::Contains("number of data blocks is 64; the table gives 32"));
  CHECK_THAT(d.notes[1].message, Catch::Contains("hash algorithm is sha256; the table gives sha1"));
  CHECK_THAT(d.notes[2].message, Catch::Contains("salt is " + kSaltHex + "; the table gives 00ff"));
  CHECK_THAT(d.notes[3].message, Catch::Contains("veritysetup dump " + devices.path("hash")));

  // Hash start 0 reads the superblock as hash blocks; hash type 0 is Chrome OS's format.
  auto start = compileText(verityLine(devices, "4096 4096 64 0 sha256 " + kDigest + " " + kSaltHex),
                           hostOptions(devices));
  CHECK_THAT(start.first(DiagnosticCode::VeritySuperblockMismatch).notes.at(0).message,
             Catch::Contains("hash start block is 1; the table gives 0"));
  auto type = compileText(
      "0 512 verity 0 " + devices.path("data") + " " + devices.path("hash") + " " + goodFields() + "\n",
      hostOptions(devices));
  CHECK_THAT(type.first(DiagnosticCode::VeritySuperblockMismatch).message, Catch::Contains("on: hash type;"));
  // A superblock without salt against a table with one, and the other way round.
  SuperblockFields unsalted;
  unsalted.saltHex = "";
  devices.write("hash", 512 * 512, superblockBytes(unsalted));
  CHECK(compileText(verityLine(devices, goodFields(kDigest, "-")), hostOptions(devices)).diagnostics.empty());
  CHECK_THAT(compileText(verityLine(devices, goodFields()), hostOptions(devices))
                 .first(DiagnosticCode::VeritySuperblockMismatch)
                 .notes.at(0)
                 .message,
             Catch::Contains("salt is -; the table gives " + kSaltHex));
}

TEST_CASE("--host-devices: no superblock, or no --host-devices, says nothing", "[verity-superblock]") {
  Devices devices;
  devices.write("data", 512 * 512);
  devices.write("hash", 512 * 512);  // veritysetup format --no-superblock
  const std::string swapped = verityLine(devices, goodFields(kSaltHex, kDigest));
  auto none = compileText(swapped, hostOptions(devices));
  INFO(none.describe());
  CHECK(none.diagnostics.empty());
  // With a superblock but without --host-devices dmc reads no device.
  devices.write("hash", 512 * 512, superblockBytes({}));
  dmc::CompileOptions declaredOnly;
  declaredOnly.readOnly = true;
  declaredOnly.deviceSizes = {{devices.path("data"), 512}, {devices.path("hash"), 512}};
  CHECK(compileText(swapped, declaredOnly).diagnostics.empty());
}

TEST_CASE("--host-devices: a superblock veritysetup cannot read is said once, at the hash device",
          "[verity-superblock]") {
  Devices devices;
  devices.write("data", 512 * 512);
  SuperblockFields corrupt;
  corrupt.saltSizeOverride = 999;
  devices.write("hash", 512 * 512, superblockBytes(corrupt));
  const std::string line = verityLine(devices, goodFields());
  auto r = compileText(line, hostOptions(devices));
  REQUIRE(r.count(DiagnosticCode::VeritySuperblockMismatch) == 1);
  const dmc::Diagnostic& d = r.first(DiagnosticCode::VeritySuperblockMismatch);
  CHECK_THAT(d.message, Catch::Contains("salt size is 999"));
  CHECK(d.location.column == line.find(devices.path("hash")) + 1);
}

TEST_CASE("--host-devices: unknown-device says what is true of this machine", "[verity-superblock][disk-facts]") {
  Devices devices;
  dmc::CompileOptions options;
  options.sizeSource = std::make_shared<dmc::HostDeviceSizes>(std::vector<dmc::DeclaredDeviceSize>{},
                                                              devices.path("sysfs"));
  auto missing = compileText("0 8 linear " + devices.path("nothing") + " 0\n", options);
  CHECK_THAT(missing.first(DiagnosticCode::UnknownDevice).message,
             Catch::Contains(devices.path("nothing") + " does not exist on this machine (--host-devices)"));
  CHECK_THAT(missing.first(DiagnosticCode::UnknownDevice).message, Catch::Contains("--device-size"));
  auto file = compileText("0 8 linear " + devices.write("image", 4096) + " 0\n", options);
  CHECK_THAT(file.first(DiagnosticCode::UnknownDevice).message,
             Catch::Contains("is a regular file, and the kernel opens only block devices"));
  auto number = compileText("0 8 linear 259:4093 0\n", options);
  CHECK_THAT(number.first(DiagnosticCode::UnknownDevice).message,
             Catch::Contains("this machine has no block device 259:4093"));
  // A file that declares its disks, over this machine: still the machine's words.
  auto declaring = compileText("disk /dev/sdz size=8\n0 8 linear " + devices.path("nothing") + " 0\n", options);
  CHECK_THAT(declaring.first(DiagnosticCode::UnknownDevice).message, Catch::Contains("does not exist on this machine"));
  // Without --host-devices: not declared, as before.
  dmc::CompileOptions declared;
  declared.deviceSizes = {{"/dev/sdb", 8}};
  CHECK_THAT(compileText("0 8 linear /dev/sdc 0\n", declared).first(DiagnosticCode::UnknownDevice).message,
             Catch::Contains("device /dev/sdc is not declared"));
}
