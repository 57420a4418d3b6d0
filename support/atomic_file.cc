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

}  // namespace

std::string writeFileAtomically(const std::string& path, std::string_view content) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // Devices such as /dev/full or a FIFO cannot be replaced by rename: write them directly.
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return failure(path, "cannot open for writing", errno);
    bool ok = writeFully(fd, content);
    int err = errno;
    if (::close(fd) != 0 && ok) { ok = false; err = errno; }
    return ok ? std::string() : failure(path, "cannot write", err);
  }
  std::string temp = directoryOf(path) + "/.dmc-tmp-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return failure(path, "cannot create a temporary file in its directory", errno);
  bool ok = writeFully(fd, content) && ::fsync(fd) == 0;
  int err = errno;
  if (::close(fd) != 0 && ok) { ok = false; err = errno; }
  if (ok) ::fchmodat(AT_FDCWD, temp.c_str(), 0644, 0);
  if (ok && ::rename(temp.c_str(), path.c_str()) != 0) { ok = false; err = errno; }
  if (!ok) {
    ::unlink(temp.c_str());
    return failure(path, "cannot write", err);
  }
  return {};
}

std::string writeOutput(const std::string& path, std::string_view content) {
  if (path != "-") return writeFileAtomically(path, content);
  if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0)
    return failure("<stdout>", "cannot write", errno);
  return {};
}

}  // namespace dmc
