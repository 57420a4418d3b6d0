// Disk facts (validator/disk_declarations.h, validator/host_device_sizes.h): 'disk' lines,
// --logical-block-size, --host-devices through sysfs, and the checks that use them: device
// areas on 4Kn disks, ebs, crypt's sector size and integrity mode, zoned's zone models.
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "emitters/source_formatter.h"
#include "tests/unit/test_support.h"
#include "validator/host_device_sizes.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;

namespace {

dmc::CompileOptions withBlockSize(const std::string& path, uint32_t bytes, std::optional<uint64_t> sectors = {}) {
  dmc::CompileOptions options;
  dmc::DeclaredDeviceSize disk{path, sectors};
  disk.traits.logicalBlockSize = bytes;
  options.deviceSizes.push_back(disk);
  return options;
}

dmc::test::Compiled compile72(const std::string& text, dmc::CompileOptions options = {}) {
  options.kernel = dmc::KernelChoice::of(dmc::kKernel7_2);
  return compileText(text, options);
}

std::string format(const std::string& text) {
  dmc::DiagnosticEngine engine;
  return dmc::formatSource(engine, engine.addFile(dmc::SourceFile("f.dm", text))).value_or("<error>");
}

const std::string kAeadCrypt = "crypt capi:authenc(hmac(sha256),xts(aes))-random " + std::string(192, 'a');

}  // namespace

// --- logical block sizes (dm-table.c: device_area_is_invalid, validate_hardware_...) -------

TEST_CASE("device areas on a 4Kn disk start and end on 8 sectors", "[disk-facts]") {
  const auto options = withBlockSize("/dev/sdb", 4096);
  CHECK(compileText("0 8 linear /dev/sdb 8\n", options).ok());
  auto start = compileText("0 8 linear /dev/sdb 1\n", options);
  REQUIRE(start.count(DiagnosticCode::BlockAlignment) == 1);
  const auto& s = start.first(DiagnosticCode::BlockAlignment);
  CHECK_THAT(s.message, Catch::StartsWith("linear: start=1 not aligned to h/w logical block size 4096 of /dev/sdb"));
  CHECK_THAT(s.message, Catch::Contains(": /dev/sdb has 4096-byte logical blocks, so the offset on /dev/sdb must be a multiple of 8 sectors"));
  CHECK(s.location.column == 21);  // the offset
  auto length = compileText("0 7 linear /dev/sdb 0\n", options);
  // Only the area: the kernel stops there, before the whole-table walk (which the table's end
  // would fail too).
  REQUIRE(length.count(DiagnosticCode::BlockAlignment) == 1);
  CHECK_THAT(length.first(DiagnosticCode::BlockAlignment).message, Catch::Contains("len=7 not aligned"));
  // The same table on 512-byte disks is fine.
  CHECK(compileText("0 7 linear /dev/sdb 1\n", withBlockSize("/dev/sdb", 512)).ok());
  CHECK(compileText("0 7 linear /dev/sdb 1\n").ok());
}

TEST_CASE("a table with a 4Kn target ends on its block, and blocks crossing targets stay whole", "[disk-facts]") {
  const auto options = withBlockSize("/dev/sdb", 4096);
  // 8 + 1: the table ends on sector 9.
  auto end = compileText("0 8 linear /dev/sdb 0\n8 1 zero\n", options);
  REQUIRE(end.count(DiagnosticCode::BlockAlignment) == 1);
  CHECK_THAT(end.first(DiagnosticCode::BlockAlignment).message,
             Catch::StartsWith("table line 1 (start sect 8 len 1) not aligned to h/w logical block size 4096"));
  REQUIRE(end.first(DiagnosticCode::BlockAlignment).notes.size() == 1);
  CHECK_THAT(end.first(DiagnosticCode::BlockAlignment).notes[0].message,
             Catch::Contains("/dev/sdb under this linear target has 4096-byte logical blocks"));
  // 4 sectors of zero, then the 4Kn linear: a 4K block starting at 0 leaves the linear 4
  // sectors, not a whole block of its disk. The kernel stops at that line (index 1).
  auto crossing = compileText("0 4 zero\n4 8 linear /dev/sdb 0\n12 4 zero\n", options);
  REQUIRE(crossing.count(DiagnosticCode::BlockAlignment) == 1);
  const auto& c = crossing.first(DiagnosticCode::BlockAlignment);
  CHECK_THAT(c.message, Catch::StartsWith("table line 1 (start sect 4 len 8)"));
  CHECK(c.location.line == 2);
  // Two 512-byte targets filling a block around nothing 4Kn: fine.
  CHECK(compileText("0 4 zero\n4 4 zero\n8 8 linear /dev/sdb 0\n", options).ok());
}

TEST_CASE("ebs emulates small blocks on a 4Kn disk and takes its block as the underlying one", "[disk-facts]") {
  const auto options = withBlockSize("/dev/sdb", 4096);
  CHECK(compile72("0 12 ebs /dev/sdb 8 1\n", options).ok());  // 512-byte blocks above: a 12-sector area is fine
  auto offset = compile72("0 16 ebs /dev/sdb 4 1\n", options);
  REQUIRE(offset.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(offset.first(DiagnosticCode::TargetArgument).message,
             Catch::StartsWith("ebs: Device offset must be multiple of underlying block size"));
  CHECK(compile72("0 16 ebs /dev/sdb 4 1\n").ok());  // 512-byte disk
}

TEST_CASE("crypt with sectors smaller than its disk's blocks loads, with a warning", "[disk-facts]") {
  const auto options = withBlockSize("/dev/sdb", 4096);
  const std::string crypt = "crypt aes-xts-plain64 " + std::string(128, '6') + " 0 /dev/sdb 0";
  auto small = compileText("0 8 " + crypt + "\n", options);
  CHECK(small.ok());
  REQUIRE(small.count(DiagnosticCode::CryptSectorBelowDeviceBlock) == 1);
  CHECK_THAT(small.first(DiagnosticCode::CryptSectorBelowDeviceBlock).message,
             Catch::Contains("sector_size is 512 bytes, below the 4096-byte logical blocks of /dev/sdb"));
  CHECK(compileText("0 8 " + crypt + " 1 sector_size:4096\n", options).diagnostics.empty());
  // The area still follows the disk's blocks.
  CHECK(compileText("0 12 " + crypt + "\n", options).count(DiagnosticCode::BlockAlignment) >= 1);
}

// --- disk lines --------------------------------------------------------------------------

TEST_CASE("disk lines declare sizes and block sizes, so no flags are needed", "[disk-facts]") {
  CHECK(compileText("disk /dev/sdb size=1M logical-block=4096\n0 2048 linear /dev/sdb 0\n").ok());
  auto tooSmall = compileText("disk /dev/sdb size=100\n0 200 linear /dev/sdb 0\n");
  CHECK(tooSmall.count(DiagnosticCode::DeviceTooSmall) == 1);
  auto unaligned = compileText("disk /dev/sdb size=1M logical-block=4K\n0 2047 linear /dev/sdb 0\n");
  CHECK(unaligned.count(DiagnosticCode::BlockAlignment) >= 1);
  // A file that declares disks declares all of them.
  auto undeclared = compileText("disk /dev/sdb size=1M\n0 8 linear /dev/sdc 0\n");
  REQUIRE(undeclared.count(DiagnosticCode::UnknownDevice) == 1);
  CHECK_THAT(undeclared.first(DiagnosticCode::UnknownDevice).message, Catch::Contains("disk /dev/sdc size=SIZE"));
  // Blanks, tabs and a comment around the words; MAJ:MIN paths.
  CHECK(compileText("  disk\t/dev/sdb   size=8 \t# the data disk\ndisk 8:16 size=8\n0 8 linear /dev/sdb 0\n8 8 linear 8:16 0\n")
            .ok());
  // A declaration without a size: the block size is known, the size is not judged.
  CHECK(compileText("disk /dev/sdb logical-block=4096\n0 1M linear /dev/sdb 0\n").count(DiagnosticCode::UnknownDevice) == 0);
}

TEST_CASE("bad disk lines are refused at their word", "[disk-facts]") {
  auto unknownKey = compileText("disk /dev/sdb sise=8\n0 8 zero\n");
  REQUIRE(unknownKey.count(DiagnosticCode::InvalidDiskDeclaration) == 1);
  const auto& u = unknownKey.first(DiagnosticCode::InvalidDiskDeclaration);
  CHECK_THAT(u.message, Catch::Contains("unknown disk fact 'sise=8'") && Catch::Contains("did you mean 'size='?"));
  CHECK(u.location.column == 15);

  for (const char* bad : {"size=", "size", "size=abc", "size=-5", "size=99999999999999999999999", "size=1000B",
                          "logical-block=1000", "logical-block=256", "logical-block=128K", "logical-block=4097",
                          "zoned=yes", "zoned=", "integrity=0", "integrity=256", "integrity=28:1000",
                          "integrity=28:", "integrity=:512", "integrity=x"}) {
    INFO(bad);
    auto r = compileText(std::string("disk /dev/sdb ") + bad + "\n0 8 zero\n");
    CHECK(r.count(DiagnosticCode::InvalidDiskDeclaration) == 1);
  }
  CHECK(compileText("disk @other size=8\n0 8 zero\n").count(DiagnosticCode::InvalidDiskDeclaration) == 1);
  CHECK(compileText("disk sdb size=8\n0 8 zero\n").count(DiagnosticCode::InvalidDiskDeclaration) == 1);
  auto noPath = compileText("disk\n0 8 zero\n");
  REQUIRE(noPath.count(DiagnosticCode::Syntax) == 1);
  CHECK_THAT(noPath.first(DiagnosticCode::Syntax).message, Catch::Contains("expected the disk's path"));

  auto late = compileText("0 8 zero\ndisk /dev/sdb size=8\n");
  REQUIRE(late.count(DiagnosticCode::InvalidDiskDeclaration) == 1);
  CHECK_THAT(late.first(DiagnosticCode::InvalidDiskDeclaration).message, Catch::Contains("come before"));
  CHECK(compileText("device a\n0 8 zero\ndisk /dev/sdb\n").count(DiagnosticCode::InvalidDiskDeclaration) == 1);

  auto twice = compileText("disk /dev/sdb size=8\ndisk /dev/sdb size=16\n0 8 zero\n");
  REQUIRE(twice.count(DiagnosticCode::DuplicateDiskDeclaration) == 1);
  CHECK(twice.first(DiagnosticCode::DuplicateDiskDeclaration).location.line == 2);
  REQUIRE(twice.first(DiagnosticCode::DuplicateDiskDeclaration).notes.size() == 1);
  CHECK(twice.first(DiagnosticCode::DuplicateDiskDeclaration).notes[0].location.line == 1);
  auto keyTwice = compileText("disk /dev/sdb size=8 size=8\n0 8 zero\n");
  CHECK(keyTwice.count(DiagnosticCode::DuplicateDiskDeclaration) == 1);
}

TEST_CASE("the command line wins over a disk line, with a warning", "[disk-facts]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sdb", 100}};
  auto r = compileText("disk /dev/sdb size=200\n0 150 linear /dev/sdb 0\n", options);
  REQUIRE(r.count(DiagnosticCode::DiskFactConflict) == 1);
  const auto& w = r.first(DiagnosticCode::DiskFactConflict);
  CHECK_THAT(w.message, Catch::Contains("declared with size=200 sectors") && Catch::Contains("has 100 sectors"));
  CHECK(w.location.column == 15);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);  // 100 is used
  // A block size from the command line, against a declaration that says none (512).
  auto block = compileText("disk /dev/sdb size=200\n0 8 linear /dev/sdb 1\n", withBlockSize("/dev/sdb", 4096));
  CHECK(block.count(DiagnosticCode::DiskFactConflict) == 1);
  CHECK(block.count(DiagnosticCode::BlockAlignment) == 1);
  CHECK(compileText("disk /dev/sdb size=100\n0 100 linear /dev/sdb 0\n", options).diagnostics.empty());
}

TEST_CASE("dmc fmt keeps disk lines, and compiled tables never hold them", "[disk-facts]") {
  const std::string text = "disk   /dev/sdb\tsize=1M   logical-block=4096 # data\n\ndevice a\n0 8 linear /dev/sdb 0\n";
  const std::string once = format(text);
  CHECK(once == "disk /dev/sdb size=1M logical-block=4096 # data\n\ndevice a\n0 8 linear /dev/sdb 0\n");
  CHECK(format(once) == once);
  auto compiled = compileText(text);
  REQUIRE(compiled.ok());
  REQUIRE(compiled.outcome.model.devices.size() == 1);
  CHECK(compiled.outcome.model.devices[0].targets.size() == 1);
  // A file that starts with a disk line is a dmc table, not another input form.
  CHECK(compileText("disk /dev/sdb size=8\n0 8 linear /dev/sdb 0\n").ok());
}

// --- zoned (dmz_get_zoned_device) ----------------------------------------------------------

TEST_CASE("zoned needs a zoned disk, and with several the first one regular", "[disk-facts]") {
  const std::string disks = "disk /dev/reg size=1G\ndisk /dev/hm size=1G zoned=host-managed\n"
                            "disk /dev/hm2 size=1G zoned=host-managed\ndisk /dev/ha size=1G zoned=host-aware\n";
  CHECK(compileText(disks + "0 8 zoned /dev/hm\n").ok());
  CHECK(compileText(disks + "0 8 zoned /dev/ha\n").ok());
  CHECK(compileText(disks + "0 8 zoned /dev/reg /dev/hm /dev/hm2\n").ok());
  auto single = compileText(disks + "0 8 zoned /dev/reg\n");
  REQUIRE(single.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(single.first(DiagnosticCode::TargetArgument).message, Catch::StartsWith("zoned: Invalid regular device"));
  auto zonedFirst = compileText(disks + "0 8 zoned /dev/hm /dev/hm2\n");
  REQUIRE(zonedFirst.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(zonedFirst.first(DiagnosticCode::TargetArgument).message,
             Catch::StartsWith("zoned: First device must be a regular device"));
  CHECK(zonedFirst.first(DiagnosticCode::TargetArgument).location.column == 11);  // the first device
  auto regularSecond = compileText(disks + "0 8 zoned /dev/reg /dev/reg\n");
  CHECK(regularSecond.count(DiagnosticCode::TargetArgument) == 1);
  // Nothing known of the disk: only the kernel can tell.
  CHECK(compileText("0 8 zoned /dev/sdz\n").ok());
}

// --- crypt's integrity mode (crypt_integrity_ctr) -------------------------------------------

TEST_CASE("crypt's integrity mode needs a matching dm-integrity profile below", "[disk-facts]") {
  const std::string integrity = "device tags\n0 1000 integrity /dev/sdb 0 28 J 0\n";
  CHECK(compileText(integrity + "device secure\n0 1000 " + kAeadCrypt + " 0 @tags 0 1 integrity:28:aead\n").ok());
  // The integrity device may come after the crypt device in the file.
  CHECK(compileText("device secure\n0 1000 " + kAeadCrypt + " 0 /dev/mapper/tags 0 1 integrity:28:aead\n" + integrity)
            .ok());
  auto tag = compileText(integrity + "device secure\n0 1000 " + kAeadCrypt + " 0 @tags 0 1 integrity:32:aead\n");
  REQUIRE(tag.count(DiagnosticCode::TargetArgument) == 1);
  const auto& t = tag.first(DiagnosticCode::TargetArgument);
  CHECK_THAT(t.message, Catch::StartsWith("crypt: Integrity profile tag size mismatch"));
  CHECK(t.location.line == 4);
  // With an internal hash, 6.1's dm-integrity registers no profile.
  auto hashed = compileText("device tags\n0 1000 integrity /dev/sdb 0 - J 1 internal_hash:sha256\ndevice secure\n0 1000 " +
                            kAeadCrypt + " 0 @tags 0 1 integrity:32:aead\n");
  REQUIRE(hashed.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(hashed.first(DiagnosticCode::TargetArgument).message,
             Catch::StartsWith("crypt: Integrity profile not supported"));
  // The random IV alone needs the tag space too.
  const std::string random = "crypt aes-xts-random " + std::string(128, '6');
  auto plainDevice = compileText("device lin\n0 1000 linear /dev/sdb 0\ndevice secure\n0 1000 " + random +
                                 " 0 @lin 0 1 integrity:16:none\n");
  CHECK(plainDevice.count(DiagnosticCode::TargetArgument) == 1);
  // The random IV without integrity: has no tag bytes of its own: a 16-byte profile is a mismatch.
  auto noOption = compileText("device tags\n0 1000 integrity /dev/sdb 0 16 J 0\ndevice secure\n0 1000 " + random +
                              " 0 @tags 0\n");
  REQUIRE(noOption.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(noOption.first(DiagnosticCode::TargetArgument).message,
             Catch::StartsWith("crypt: Integrity profile tag size mismatch: the table gives no integrity:<bytes>:"));
  // Sector size and block size must agree.
  auto sectors = compileText("device tags\n0 1000 integrity /dev/sdb 0 16 J 1 block_size:4096\ndevice secure\n0 1000 " +
                             random + " 0 @tags 0 1 integrity:16:none\n");
  REQUIRE(sectors.count(DiagnosticCode::TargetArgument) >= 1);
  CHECK_THAT(sectors.first(DiagnosticCode::TargetArgument).message,
             Catch::StartsWith("crypt: Integrity profile sector size mismatch"));
}

TEST_CASE("newer kernels take integrity profiles with larger tags than crypt's", "[disk-facts]") {
  // dm-crypt's per-sector NVMe metadata support: the profile's tag must hold integrity:<bytes>
  // (the rest is zeroed), not equal it; no profile at all has its own message.
  const std::string tags32 = "device tags\n0 1000 integrity /dev/sdb 0 32 J 0\n";
  const std::string aead28 = "device secure\n0 1000 " + kAeadCrypt + " 0 @tags 0 1 integrity:28:aead\n";
  CHECK(compile72(tags32 + aead28).ok());
  auto exact61 = compileText(tags32 + aead28);
  REQUIRE(exact61.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(exact61.first(DiagnosticCode::TargetArgument).message,
             Catch::StartsWith("crypt: Integrity profile tag size mismatch") && Catch::Contains("must equal"));
  auto smaller = compile72("device tags\n0 1000 integrity /dev/sdb 0 16 J 0\n" + aead28);
  REQUIRE(smaller.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(smaller.first(DiagnosticCode::TargetArgument).message,
             Catch::StartsWith("crypt: Integrity profile tag size mismatch") && Catch::Contains("must not exceed"));
  auto none = compile72("disk /dev/sdb size=1G\n0 1000 " + kAeadCrypt + " 0 /dev/sdb 0 1 integrity:28:aead\n");
  REQUIRE(none.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(none.first(DiagnosticCode::TargetArgument).message, Catch::StartsWith("crypt: No integrity profile"));

  // The random IV with integrity:<bytes>:none: the IV alone must fit the profile's tag.
  const std::string random = "crypt aes-xts-random " + std::string(128, '6');
  const std::string small = "device secure\n0 1000 " + random + " 0 @tags 0 1 integrity:4:none\n";
  CHECK(compile72("device tags\n0 1000 integrity /dev/sdb 0 16 J 0\n" + small).ok());
  auto tooSmall = compile72("device tags\n0 1000 integrity /dev/sdb 0 8 J 0\n" + small);
  REQUIRE(tooSmall.count(DiagnosticCode::TargetArgument) == 1);
  const auto& t = tooSmall.first(DiagnosticCode::TargetArgument);
  CHECK_THAT(t.message, Catch::StartsWith("crypt: Not enough space for integrity tag in the profile") &&
                            Catch::Contains("16 bytes, and @tags offers 8-byte tags"));
  CHECK(t.location.line == 4);
  CHECK(compileText("device tags\n0 1000 integrity /dev/sdb 0 16 J 0\n" + small).count(DiagnosticCode::TargetArgument) ==
        1);  // 6.1: the IV must fill integrity:<bytes> exactly
  // Without integrity:, the IV alone in a 16-byte profile loads on newer kernels.
  CHECK(compile72("device tags\n0 1000 integrity /dev/sdb 0 16 J 0\ndevice secure\n0 1000 " + random + " 0 @tags 0\n")
            .ok());
}

TEST_CASE("a declared disk's integrity profile serves crypt too", "[disk-facts]") {
  const std::string line = "0 1000 " + kAeadCrypt + " 0 /dev/sdb 0 1 integrity:28:aead\n";
  CHECK(compileText("disk /dev/sdb size=1G integrity=28\n" + line).ok());
  CHECK(compileText("disk /dev/sdb size=1G integrity=16\n" + line).count(DiagnosticCode::TargetArgument) == 1);
  auto none = compileText("disk /dev/sdb size=1G\n" + line);
  REQUIRE(none.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(none.first(DiagnosticCode::TargetArgument).message, Catch::StartsWith("crypt: Integrity profile not supported"));
  CHECK(compileText(line).ok());  // nothing known of /dev/sdb
}

// --- --host-devices through sysfs -------------------------------------------------------------

namespace {

struct FakeSysfs {
  std::filesystem::path root;
  explicit FakeSysfs(const std::string& majorMinor) {
    root = std::filesystem::temp_directory_path() / ("dmc-sysfs-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root);
    const auto device = root / "dev" / "block" / majorMinor;
    std::filesystem::create_directories(device / "queue");
    std::filesystem::create_directories(device / "integrity");
    write(device / "size", "2097152\n");
    write(device / "queue" / "logical_block_size", "4096\n");
    write(device / "queue" / "zoned", "host-managed\n");
    write(device / "integrity" / "format", "DM-DIF-EXT-TAG\n");
    write(device / "integrity" / "tag_size", "28\n");
    write(device / "integrity" / "protection_interval_bytes", "512\n");
  }
  ~FakeSysfs() { std::filesystem::remove_all(root); }
  static void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }
};

}  // namespace

TEST_CASE("--host-devices reads size, blocks, zones and integrity from sysfs", "[disk-facts]") {
  FakeSysfs sysfs("259:4095");
  dmc::HostDeviceSizes host({}, sysfs.root.string());
  auto facts = host.factsOf("259:4095");
  REQUIRE(facts);
  CHECK(facts->sectors == 2097152u);
  CHECK(facts->traits.logicalBlockSize == 4096);
  CHECK(facts->traits.zoneModel == dmc::ZoneModel::HostManaged);
  REQUIRE(facts->traits.integrity);
  CHECK(facts->traits.integrity->tagBytes == 28);
  CHECK(facts->traits.complete);
  CHECK_FALSE(host.factsOf("259:4094"));
  // --logical-block-size comes first.
  dmc::DeclaredDeviceSize declared{"259:4095", std::nullopt};
  declared.traits.logicalBlockSize = 512;
  dmc::HostDeviceSizes overridden({declared}, sysfs.root.string());
  CHECK(overridden.factsOf("259:4095")->traits.logicalBlockSize == 512);
  CHECK(overridden.factsOf("259:4095")->sectors == 2097152u);
}

TEST_CASE("--host-devices resolves a path it cannot open through stat() and sysfs", "[disk-facts]") {
  FakeSysfs sysfs("259:4095");
  // A node of a device number no driver has: stat() works, open() fails (ENXIO), as a node
  // without permission does for a non-root user.
  const std::string node = (sysfs.root / "node").string();
  if (::mknod(node.c_str(), S_IFBLK | 0600, makedev(259, 4095)) != 0) {
    WARN("mknod needs CAP_MKNOD; the path case is covered by the kernel suite only");
    return;
  }
  CHECK(dmc::blockDeviceNumber(node) == std::optional<std::string>("259:4095"));
  CHECK_FALSE(dmc::openDeviceFacts(node));
  dmc::HostDeviceSizes host({}, sysfs.root.string());
  auto facts = host.factsOf(node);
  REQUIRE(facts);
  CHECK(facts->sectors == 2097152u);
  CHECK(facts->traits.logicalBlockSize == 4096);
  dmc::CompileOptions options;
  options.sizeSource = std::make_shared<dmc::HostDeviceSizes>(std::vector<dmc::DeclaredDeviceSize>{},
                                                              sysfs.root.string());
  auto unaligned = compileText("0 8 linear " + node + " 1\n", options);
  CHECK(unaligned.count(DiagnosticCode::UnknownDevice) == 0);
  CHECK(unaligned.count(DiagnosticCode::BlockAlignment) == 1);
  // A declaration that disagrees with the machine: the machine wins.
  auto conflict = compileText("disk " + node + " size=8\n0 8 linear " + node + " 0\n", options);
  CHECK(conflict.count(DiagnosticCode::DiskFactConflict) == 4);  // size, block size, zone model, integrity
}
