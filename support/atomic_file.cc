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

// Writes `content` to a new temporary file beside `path`; returns its name, or empty with
// `problem` set.
std::string writeTemporary(const std::string& path, std::string_view content, std::string& problem) {
  std::string temp = directoryOf(path) + "/.dmc-tmp-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    problem = failure(path, "cannot create a temporary file in its directory", errno);
    return {};
  }
  bool ok = writeFully(fd, content) && ::fsync(fd) == 0;
  int err = errno;
  if (::close(fd) != 0 && ok) { ok = false; err = errno; }
  if (ok) ::fchmodat(AT_FDCWD, temp.c_str(), 0644, 0);
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

std::string writeFileAtomically(const std::string& path, std::string_view content) {
  if (isSpecialFile(path)) return writeInPlace(path, content);
  return writeFilesAtomically({PendingFile{path, content}});
}

std::string writeFilesAtomically(const std::vector<PendingFile>& files) {
  std::vector<std::string> temps;
  std::string problem;
  for (const PendingFile& file : files) {
    // A directory in the way cannot be replaced: say so before anything is renamed.
    struct stat st {};
    if (::stat(file.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      problem = file.path + ": is a directory";
      break;
    }
    std::string temp = writeTemporary(file.path, file.content, problem);
    if (temp.empty()) break;
    temps.push_back(std::move(temp));
  }
  for (size_t i = 0; problem.empty() && i < temps.size(); ++i)
    if (::rename(temps[i].c_str(), files[i].path.c_str()) != 0) problem = failure(files[i].path, "cannot write", errno);
  for (const std::string& temp : temps) ::unlink(temp.c_str());  // no-ops for the renamed ones
  return problem;
}

std::string writeOutput(const std::string& path, std::string_view content) {
  if (path != "-") return writeFileAtomically(path, content);
  if (std::fwrite(content.data(), 1, content.size(), stdout) != content.size() || std::fflush(stdout) != 0)
    return failure("<stdout>", "cannot write", errno);
  return {};
}

}  // namespace dmc
