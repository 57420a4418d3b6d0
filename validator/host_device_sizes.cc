#include "validator/host_device_sizes.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "support/major_minor.h"

namespace dmc {

namespace {

std::optional<std::string> readWord(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word)) return std::nullopt;
  return word;
}

std::optional<uint64_t> readNumber(const std::string& path) {
  std::ifstream in(path);
  uint64_t value = 0;
  if (!(in >> value)) return std::nullopt;
  return value;
}

// A partition has no queue/ of its own: its disk's is one level up.
std::optional<std::string> readQueueWord(const std::string& device, std::string_view name) {
  if (auto word = readWord(device + "/queue/" + std::string(name))) return word;
  return readWord(device + "/../queue/" + std::string(name));
}

ZoneModel zoneModelOf(const std::optional<std::string>& word) {
  if (!word || *word == "none") return ZoneModel::None;
  if (*word == "host-managed") return ZoneModel::HostManaged;
  if (*word == "host-aware") return ZoneModel::HostAware;
  return ZoneModel::None;
}

// Only dm-integrity's profile (the one dm-crypt asks for) is modelled; other formats
// (T10 PI of NVMe or SCSI disks) count as none.
std::optional<IntegrityProfile> integrityProfileOf(const std::string& device) {
  std::optional<std::string> format = readWord(device + "/integrity/format");
  if (!format || *format != "DM-DIF-EXT-TAG") return std::nullopt;
  IntegrityProfile profile;
  profile.tagBytes = static_cast<uint32_t>(readNumber(device + "/integrity/tag_size").value_or(0));
  profile.blockBytes = static_cast<uint32_t>(readNumber(device + "/integrity/protection_interval_bytes").value_or(512));
  return profile;
}

// What a path that stat() found is, when it is not a block device.
std::string_view fileKindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  return "not a block device";
}

// The way out when the table is meant for another machine's disks.
std::string declareInstead(std::string_view device) {
  return fmt::format("to check the table for another machine, declare it ('disk {} size=SIZE' in the file, or "
                     "--device-size {}=SECTORS)",
                     device, device);
}

}  // namespace

std::optional<std::string> blockDeviceNumber(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISBLK(st.st_mode)) return std::nullopt;
  return std::to_string(major(st.st_rdev)) + ":" + std::to_string(minor(st.st_rdev));
}

std::optional<DiskFacts> openDeviceFacts(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  uint64_t bytes = 0;
  int blockSize = 0;
  const bool ok = ::ioctl(fd, BLKGETSIZE64, &bytes) == 0 && ::ioctl(fd, BLKSSZGET, &blockSize) == 0;
  ::close(fd);
  if (!ok) return std::nullopt;
  DiskFacts facts;
  facts.sectors = bytes / 512;
  facts.traits.logicalBlockSize = static_cast<uint32_t>(blockSize);
  return facts;
}

std::optional<DiskFacts> HostDeviceSizes::sysfsFactsOf(const std::string& majorMinor) const {
  const std::string device = sysfsRoot_ + "/dev/block/" + majorMinor;
  // sysfs reports the size in 512-byte sectors whatever the device's block size.
  std::optional<uint64_t> sectors = readNumber(device + "/size");
  if (!sectors) return std::nullopt;
  DiskFacts facts;
  facts.sectors = sectors;
  if (auto blockSize = readQueueWord(device, "logical_block_size"))
    facts.traits.logicalBlockSize = static_cast<uint32_t>(std::strtoul(blockSize->c_str(), nullptr, 10));
  facts.traits.zoneModel = zoneModelOf(readQueueWord(device, "zoned"));
  facts.traits.integrity = integrityProfileOf(device);
  facts.traits.complete = true;
  return facts;
}

std::optional<DiskFacts> HostDeviceSizes::machineFactsOf(std::string_view device) const {
  if (isMajorMinor(device)) return sysfsFactsOf(std::string(device));
  const std::string path(device);
  std::optional<std::string> number = blockDeviceNumber(path);
  if (!number) return std::nullopt;
  std::optional<DiskFacts> facts = sysfsFactsOf(*number);
  // The node's own answers when it opens (sysfs may be missing in a container).
  if (std::optional<DiskFacts> opened = openDeviceFacts(path)) {
    if (!facts) facts = DiskFacts{{}, DiskTraits{0, ZoneModel::Unknown, std::nullopt, false}};
    facts->sectors = opened->sectors;
    facts->traits.logicalBlockSize = opened->traits.logicalBlockSize;
  }
  return facts;
}

std::optional<DiskFacts> HostDeviceSizes::factsOf(std::string_view device) const {
  std::optional<DiskFacts> declared = declared_.factsOf(device);
  auto cached = machineFacts_.find(std::string(device));
  if (cached == machineFacts_.end()) cached = machineFacts_.emplace(std::string(device), machineFactsOf(device)).first;
  const std::optional<DiskFacts>& machine = cached->second;
  if (!declared) return machine;
  if (!machine) return declared;
  // The command line's facts come first; the machine fills in the rest.
  DiskFacts merged = *machine;
  if (declared->sectors) merged.sectors = declared->sectors;
  if (declared->traits.logicalBlockSize != 0) merged.traits.logicalBlockSize = declared->traits.logicalBlockSize;
  return merged;
}

std::string HostDeviceSizes::unknownDeviceMessage(std::string_view device) const {
  const std::string declare = declareInstead(device);
  if (isMajorMinor(device))
    return fmt::format("this machine has no block device {} (--host-devices: {}/dev/block/{} does not exist); {}",
                       device, sysfsRoot_, device, declare);
  const std::string path(device);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR)
      return fmt::format("{} does not exist on this machine (--host-devices); check the path, or, {}", device,
                         declare);
    return fmt::format("{} cannot be looked up on this machine (--host-devices): stat: {}; {}", device,
                       std::strerror(error), declare);
  }
  if (S_ISREG(st.st_mode))
    return fmt::format("{} is a regular file, and the kernel opens only block devices (--host-devices); attach it "
                       "with losetup and use the loop device, or, {}",
                       device, declare);
  if (!S_ISBLK(st.st_mode))
    return fmt::format("{} is {}, and the kernel opens only block devices (--host-devices); {}", device,
                       fileKindOf(st.st_mode), declare);
  // A block device whose size neither the node nor sysfs gives.
  return fmt::format("the size of block device {} cannot be read on this machine (--host-devices: neither the node "
                     "nor {}/dev/block/ answers); {}",
                     device, sysfsRoot_, declare);
}

std::optional<std::array<uint8_t, 512>> HostDeviceSizes::readSector(std::string_view device, uint64_t sector) const {
  if (sector > UINT64_MAX / 512 || sector * 512 > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  // A MAJ:MIN has a node under /dev/block on systems with udev or devtmpfs.
  const std::string path = isMajorMinor(device) ? "/dev/block/" + std::string(device) : std::string(device);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::array<uint8_t, 512> bytes{};
  bool ok = ::fstat(fd, &st) == 0 && (S_ISBLK(st.st_mode) || S_ISREG(st.st_mode)) &&
            ::pread(fd, bytes.data(), bytes.size(), static_cast<off_t>(sector * 512)) ==
                static_cast<ssize_t>(bytes.size());
  ::close(fd);
  if (!ok) return std::nullopt;
  return bytes;
}

std::optional<uint64_t> HostDeviceSizes::sizeOf(std::string_view device) const {
  if (std::optional<DiskFacts> facts = factsOf(device)) return facts->sectors;
  return std::nullopt;
}

}  // namespace dmc
