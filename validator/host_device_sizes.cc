#include "validator/host_device_sizes.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <string>

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
