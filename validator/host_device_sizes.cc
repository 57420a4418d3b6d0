#include "validator/host_device_sizes.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <string>

namespace dmc {

namespace {

bool isMajorMinor(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (i != colon && (text[i] < '0' || text[i] > '9')) return false;
  return true;
}

}  // namespace

std::optional<uint64_t> blockDeviceSectors(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISBLK(st.st_mode)) return std::nullopt;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  uint64_t bytes = 0;
  const bool ok = ::ioctl(fd, BLKGETSIZE64, &bytes) == 0;
  ::close(fd);
  if (!ok) return std::nullopt;
  return bytes / 512;
}

std::optional<uint64_t> sysfsDeviceSectors(std::string_view majorMinor) {
  if (!isMajorMinor(majorMinor)) return std::nullopt;
  // sysfs reports the size in 512-byte sectors whatever the device's block size.
  std::ifstream size("/sys/dev/block/" + std::string(majorMinor) + "/size");
  uint64_t sectors = 0;
  if (!(size >> sectors)) return std::nullopt;
  return sectors;
}

std::optional<uint64_t> HostDeviceSizes::sizeOf(std::string_view device) const {
  if (std::optional<uint64_t> declared = declared_.sizeOf(device)) return declared;
  if (isMajorMinor(device)) return sysfsDeviceSectors(device);
  return blockDeviceSectors(std::string(device));
}

}  // namespace dmc
