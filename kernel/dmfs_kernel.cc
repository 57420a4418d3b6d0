#include "kernel/dmfs_kernel.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fmt/format.h>
#include <sstream>

#include "compiler/table_model.h"
#include "emitters/image_writer.h"

namespace dmc {
namespace {

std::string errnoText(int error) { return std::strerror(error); }

// The whole attribute, or nullopt (errno kept) when it cannot be read.
std::optional<std::string> readAttribute(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string text;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof(buffer))) > 0) text.append(buffer, static_cast<size_t>(got));
  const int error = errno;
  ::close(fd);
  if (got < 0) {
    errno = error;
    return std::nullopt;
  }
  return text;
}

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// One write() of all the bytes, then close(): configfs hands a binary attribute to the module
// only at close, and grows its buffer on every write. 0 or the errno.
int writeAttribute(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  const ssize_t written = ::write(fd, bytes.data(), bytes.size());
  const int error = written < 0 ? errno : written != static_cast<ssize_t>(bytes.size()) ? EIO : 0;
  const int closed = ::close(fd) == 0 ? 0 : errno;
  return error ? error : closed;
}

// "status" is "key: value" lines.
std::string statusField(const std::string& status, std::string_view key) {
  std::istringstream lines(status);
  std::string line;
  while (std::getline(lines, line))
    if (line.size() > key.size() + 1 && line.compare(0, key.size(), key) == 0 && line[key.size()] == ':')
      return line.substr(key.size() + 2);
  return {};
}

template <class T>
T number(std::string_view text) {
  T value{};
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::optional<DeviceNumber> parseDeviceNumber(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  return DeviceNumber{number<uint32_t>(text.substr(0, colon)), number<uint32_t>(text.substr(colon + 1))};
}

// "line N: why" from the module: target N-1 of the table dmc built (it numbers lines 1, 2...).
std::optional<TargetRefusal> parseRefusal(const std::string& error, size_t targets) {
  if (error.compare(0, 5, "line ") != 0) return std::nullopt;
  const size_t colon = error.find(": ");
  if (colon == std::string::npos) return std::nullopt;
  const size_t line = number<size_t>(std::string_view(error).substr(5, colon - 5));
  if (line == 0 || line > targets) return std::nullopt;
  return TargetRefusal{line - 1, error.substr(colon + 2)};
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream stream{std::string(text)};
  std::string word;
  while (stream >> word) out.push_back(word);
  return out;
}

}  // namespace

std::string DmfsKernel::path(const std::string& name, const char* attribute) const {
  return attribute ? fmt::format("{}/{}/{}", root_, name, attribute) : fmt::format("{}/{}", root_, name);
}

std::string DmfsKernel::probe() const {
  struct stat info {};
  if (::stat(root_.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) return {};
  return fmt::format("{} does not exist: load the dmfs module (modprobe dmfs, or insmod dmfs.ko) and mount configfs "
                     "(mount -t configfs none /sys/kernel/config); docs/dmfs.md",
                     root_);
}

// @X resolves to /dev/mapper/X; when X is a dmfs device the image must name /dev/dmfs/X.
std::string DmfsKernel::deviceArgument(const std::string& word) const {
  static constexpr std::string_view kMapper = "/dev/mapper/";
  if (word.compare(0, kMapper.size(), kMapper) != 0) return word;
  const std::string name = word.substr(kMapper.size());
  struct stat info {};
  if (::stat(path(name).c_str(), &info) == 0 && S_ISDIR(info.st_mode)) return "/dev/dmfs/" + name;
  return word;
}

KernelResult DmfsKernel::create(const CreateRequest& request, DeviceNumber& created) {
  if (::mkdir(path(request.name).c_str(), 0755) != 0)
    return KernelResult::failure(errno, fmt::format("mkdir {}: {}", path(request.name), errnoText(errno)));
  uuids_[request.name] = request.uuid;
  if (request.minor) minors_[request.name] = *request.minor;
  created = {};  // the module gives a number only when the device becomes active
  return KernelResult::success();
}

KernelResult DmfsKernel::loadTable(const std::string& name, const std::vector<KernelTarget>& table, bool readOnly) {
  refusals_.erase(name);
  TableModel model;
  DeviceEntry& device = model.devices.emplace_back();
  device.name = name;
  if (auto uuid = uuids_.find(name); uuid != uuids_.end()) device.uuid = uuid->second;
  else if (auto shown = readAttribute(path(name, "uuid"))) device.uuid = firstLine(*shown);
  if (auto minor = minors_.find(name); minor != minors_.end()) device.minor = minor->second;
  device.readOnly = readOnly;
  for (size_t i = 0; i < table.size(); ++i) {
    TargetEntry& target = device.targets.emplace_back();
    target.start = table[i].start;
    target.length = table[i].length;
    target.typeId = model.internType(table[i].type);
    target.line = static_cast<uint32_t>(i + 1);  // the module names refusals by this number
    std::string params;
    for (const std::string& word : words(table[i].params)) params += (params.empty() ? "" : " ") + deviceArgument(word);
    model.storeParams(target, params);
  }
  model.loadOrder = {0};
  std::string error;
  std::optional<std::string> image = buildImage(model, 8, &error);
  if (!image) return KernelResult::failure(0, fmt::format("cannot build the image of {}: {}", name, error));
  if (int written = writeAttribute(path(name, "image"), *image))
    return KernelResult::failure(written, fmt::format("writing {}: {}", path(name, "image"), errnoText(written)));
  const std::string refusal = firstLine(readAttribute(path(name, "error")).value_or(""));
  if (refusal.empty()) return KernelResult::success();
  if (std::optional<TargetRefusal> target = parseRefusal(refusal, table.size())) refusals_[name] = *target;
  return KernelResult::failure(EINVAL, fmt::format("dmfs refused the image: {}", refusal));
}

std::optional<TargetRefusal> DmfsKernel::lastRefusal(const std::string& name) {
  auto found = refusals_.find(name);
  if (found == refusals_.end()) return std::nullopt;
  return found->second;
}

KernelResult DmfsKernel::resume(const std::string& name) {
  if (int error = writeAttribute(path(name, "active"), "1")) {
    const std::string why = firstLine(readAttribute(path(name, "error")).value_or(""));
    return KernelResult::failure(error, fmt::format("activating {}: {}{}", name, errnoText(error),
                                                    why.empty() ? "" : " (" + why + ")"));
  }
  return KernelResult::success();
}

KernelResult DmfsKernel::suspend(const std::string&) { return KernelResult::success(); }

KernelResult DmfsKernel::clearInactive(const std::string& name) {
  if (int error = writeAttribute(path(name, "clear"), "1"))
    return KernelResult::failure(error, fmt::format("clearing the inactive table of {}: {}", name, errnoText(error)));
  return KernelResult::success();
}

KernelResult DmfsKernel::remove(const std::string& name) {
  if (readAttribute(path(name, "active")).value_or("0").starts_with("1")) {
    if (int error = writeAttribute(path(name, "active"), "0"))
      return KernelResult::failure(error, fmt::format("deactivating {}: {}", name, errnoText(error)));
  }
  if (::rmdir(path(name).c_str()) != 0)
    return KernelResult::failure(errno, fmt::format("rmdir {}: {}", path(name), errnoText(errno)));
  uuids_.erase(name);
  minors_.erase(name);
  return KernelResult::success();
}

std::optional<KernelDeviceInfo> DmfsKernel::info(const std::string& name) {
  std::optional<std::string> status = readAttribute(path(name, "status"));
  if (!status) return std::nullopt;
  KernelDeviceInfo info;
  info.name = name;
  info.uuid = firstLine(readAttribute(path(name, "uuid")).value_or(""));
  if (auto number = parseDeviceNumber(firstLine(readAttribute(path(name, "dev")).value_or(""))))
    info.number = *number;
  const std::string state = statusField(*status, "state");
  info.liveTable = state.starts_with("active");
  info.inactiveTable = state == "inactive" || state.find("waiting") != std::string::npos;
  info.readOnly = readAttribute(path(name, "ro")).value_or("0").starts_with("1");
  info.openCount = number<int32_t>(statusField(*status, "open"));
  info.targetCount = number<uint32_t>(statusField(*status, "targets"));
  return info;
}

KernelResult DmfsKernel::table(const std::string& name, bool inactive, std::vector<KernelTarget>& out) {
  out.clear();
  if (inactive) return KernelResult::success();  // the module shows only the live table
  std::optional<std::string> text = readAttribute(path(name, "table"));
  if (!text) return KernelResult::failure(errno, fmt::format("reading {}: {}", path(name, "table"), errnoText(errno)));
  std::istringstream lines(*text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("... "))
      return KernelResult::failure(EAGAIN, fmt::format("the table of {} changed while it was read ({})", name, line));
    std::istringstream fields(line);
    KernelTarget target;
    if (!(fields >> target.start >> target.length >> target.type)) continue;
    std::getline(fields >> std::ws, target.params);
    out.push_back(std::move(target));
  }
  return KernelResult::success();
}

KernelResult DmfsKernel::list(std::vector<std::string>& names) {
  names.clear();
  DIR* dir = ::opendir(root_.c_str());
  if (!dir) return KernelResult::failure(errno, fmt::format("{}: {}", root_, errnoText(errno)));
  while (const dirent* entry = ::readdir(dir))
    if (entry->d_name[0] != '.') names.emplace_back(entry->d_name);
  ::closedir(dir);
  return KernelResult::success();
}

KernelResult DmfsKernel::dependencies(const std::string& name, std::vector<DeviceNumber>& out) {
  out.clear();
  std::vector<KernelTarget> live;
  KernelResult r = table(name, false, live);
  if (!r.ok) return r;
  for (const KernelTarget& target : live) {
    const std::vector<std::string> args = words(target.params);
    std::vector<std::string> devices;
    if (target.type == "linear" && !args.empty()) devices.push_back(args[0]);
    if (target.type == "striped")
      for (size_t i = 2; i < args.size(); i += 2) devices.push_back(args[i]);
    for (const std::string& device : devices) {
      std::optional<DeviceNumber> number = parseDeviceNumber(device);
      if (device.starts_with("/")) number = resolveDevice(device);
      if (number && std::find(out.begin(), out.end(), *number) == out.end()) out.push_back(*number);
    }
  }
  return KernelResult::success();
}

KernelResult DmfsKernel::targetVersions(std::vector<KernelTargetVersion>& out) {
  out = {{"linear", 1, 0, 0}, {"striped", 1, 0, 0}, {"error", 1, 0, 0}, {"zero", 1, 0, 0}};
  return KernelResult::success();
}

// /dev/mapper/X of a file's @X is /dev/dmfs/X when X is a dmfs device, as in loadTable.
std::optional<DeviceNumber> DmfsKernel::resolveDevice(const std::string& devicePath) {
  struct stat info {};
  if (::stat(deviceArgument(devicePath).c_str(), &info) != 0 || !S_ISBLK(info.st_mode)) return std::nullopt;
  return DeviceNumber{major(info.st_rdev), minor(info.st_rdev)};
}

}  // namespace dmc
