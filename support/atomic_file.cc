#include "support/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dmc {

namespace {

std::string failure(const std::string& path, const char* what, int err) {
  return path + ": " + what + ": " + std::strerror(err);
}

bool writeFully(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string directoryOf(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

mode_t currentUmask() {
  mode_t mask = ::umask(0);  // the only way to read it; set back at once
  ::umask(mask);
  return mask;
}

// The mode and ownership the new file takes: those of the file it replaces, else the default
// for a new file. A key never becomes readable by others, whatever the old mode said. False
// (errno set) when the mode cannot be set: the file would be left with mkstemp's 0600.
bool giveModeAndOwner(int fd, const std::string& path, bool holdsKeys) {
  struct stat old {};
  if (::stat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode)) {
    // Owner and group as before where allowed (root, or a group the user is in); else ours.
    if (::fchown(fd, old.st_uid, old.st_gid) != 0 && ::fchown(fd, static_cast<uid_t>(-1), old.st_gid) != 0)
      errno = 0;  // not allowed: the file stays ours, which is no less private
    mode_t mode = old.st_mode & 07777;
    if (holdsKeys) mode &= ~static_cast<mode_t>(S_IRWXO);
    return ::fchmod(fd, mode) == 0;
  }
  return ::fchmod(fd, holdsKeys ? 0600 : (0666 & ~currentUmask())) == 0;
}

// Writes `content` to a new temporary file beside `path`; returns its name, or empty with
// `problem` set. mkstemp makes it 0600, so a key is never readable by others, not even briefly.
std::string writeTemporary(const std::string& path, std::string_view content, bool holdsKeys, std::string& problem) {
  std::string temp = directoryOf(path) + "/.dmc-tmp-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    problem = failure(path, "cannot create a temporary file in its directory", errno);
    return {};
  }
  bool ok = writeFully(fd, content) && ::fsync(fd) == 0 && giveModeAndOwner(fd, path, holdsKeys);
  int err = errno;
  if (::close(fd) != 0 && ok) { ok = false; err = errno; }
  if (!ok) {
    ::unlink(temp.c_str());
    problem = failure(path, "cannot write", err);
    return {};
  }
  return temp;
}

bool isSpecialFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

// Devices such as /dev/full or a FIFO cannot be replaced by rename: write them directly.
std::string writeInPlace(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return failure(path, "cannot open for writing", errno);
  bool ok = writeFully(fd, content);
  int err = errno;
  if (::close(fd) != 0 && ok) { ok = false; err = errno; }
  return ok ? std::string() : failure(path, "cannot write", err);
}

}  // namespace

std::string resolveWriteTarget(const std::string& path) {
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {  // the kernel's own limit on nested links
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
    std::string target(static_cast<size_t>(st.st_size > 0 ? st.st_size : 4096) + 1, '\0');
    ssize_t n = ::readlink(current.c_str(), target.data(), target.size());
    if (n < 0) return current;
    target.resize(static_cast<size_t>(n));
    current = (target.empty() || target[0] == '/') ? target : directoryOf(current) + "/" + target;
  }
  return current;  // a loop: the rename then fails with a clear error, ELOOP-like
}

std::string writeFileAtomically(const std::string& path, std::string_view content, bool holdsKeys) {
  if (isSpecialFile(path)) return writeInPlace(path, content);
  return writeFilesAtomically({PendingFile{path, content, holdsKeys}});
}

std::string writeFilesAtomically(const std::vector<PendingFile>& files) {
  std::vector<std::string> temps;
  std::vector<std::string> targets;  // links followed: the link stays, its target is replaced
  std::string problem;
  for (const PendingFile& file : files) {
    targets.push_back(resolveWriteTarget(file.path));
    // A directory in the way cannot be replaced: say so before anything is renamed.
    struct stat st {};
    if (::stat(targets.back().c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      problem = file.path + ": is a directory";
      break;
    }
    std::string temp = writeTemporary(targets.back(), file.content, file.holdsKeys, problem);
    if (temp.empty()) break;
    temps.push_back(std::move(temp));
  }
  for (size_t i = 0; problem.empty() && i < temps.size(); ++i)
    if (::rename(temps[i].c_str(), targets[i].c_str()) != 0) problem = failure(files[i].path, "cannot write", errno);
  for (const std::string& temp : temps) ::unlink(temp.c_str());  // no-ops for the renamed ones
  return problem;
}

std::string writeOutput(const std::string& path, std::string_view content, bool holdsKeys) {
  if (path != "-") return writeFileAtomically(path, content, holdsKeys);
  if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0)
    return failure("<stdout>", "cannot write", errno);
  return {};
}

}  // namespace dmc
