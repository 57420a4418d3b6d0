#include "support/source_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace dmc {

SourceFile::SourceFile(std::string name, std::string text) : name_(std::move(name)) {
  auto* copy = new std::string(std::move(text));
  storage_ = std::shared_ptr<char>(copy->data(), [copy](char*) { delete copy; });
  text_ = *copy;
}

SourceFile::SourceFile(std::string name, std::shared_ptr<char> buffer, size_t size)
    : name_(std::move(name)), storage_(std::move(buffer)), text_(storage_.get(), size) {}

void SourceFile::buildLineIndex() const {
  if (!lineStarts_.empty()) return;
  lineStarts_.push_back(0);
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p)
    lineStarts_.push_back(static_cast<uint64_t>(p - begin) + 1);
}

uint32_t SourceFile::lineCount() const {
  buildLineIndex();
  return static_cast<uint32_t>(lineStarts_.size());
}

std::string_view SourceFile::lineText(uint32_t line) const {
  buildLineIndex();
  if (line == 0 || line > lineStarts_.size()) return {};
  uint64_t begin = lineStarts_[line - 1];
  uint64_t end = line < lineStarts_.size() ? lineStarts_[line] - 1 : text_.size();
  std::string_view view(text_.data() + begin, end - begin);
  if (!view.empty() && view.back() == '\r') view.remove_suffix(1);
  return view;
}

namespace {

// Tokens and lines carry 32-bit positions; larger files are refused up front.
constexpr uint64_t kMaxSourceBytes = 0xFFFFFFFFull;

// Regular files are mapped, not copied: the page cache already holds them, so a 100 MB table
// costs neither a copy nor 100 MB of freshly zeroed memory. A mapped file that shrinks while
// dmc reads it raises SIGBUS; dmc catches that and says so (support/sigbus_guard).
std::shared_ptr<char> mapFile(int fd, size_t size) {
  void* memory = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (memory == MAP_FAILED) return nullptr;
  ::madvise(memory, size, MADV_SEQUENTIAL);
  return std::shared_ptr<char>(static_cast<char*>(memory), [size](char* p) { ::munmap(p, size); });
}


bool readAll(int fd, std::string& out, ReadError& error, const std::string& path) {
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      error.message = path + ": cannot read: " + std::strerror(errno);
      return false;
    }
    if (out.size() + static_cast<size_t>(n) > kMaxSourceBytes) {
      error.message = path + ": file is larger than 4 GiB; dmc refuses tables this large";
      return false;
    }
    try {
      out.append(buffer, static_cast<size_t>(n));
    } catch (const std::bad_alloc&) {  // an endless stream (/dev/zero) under a memory limit
      error.message = path + ": out of memory after reading " + std::to_string(out.size()) + " bytes";
      out = std::string();
      return false;
    }
  }
}

}  // namespace

std::optional<SourceFile> readSourceFile(const std::string& path, ReadError& error) {
  if (path == "-") {
    std::string text;
    if (!readAll(STDIN_FILENO, text, error, "<stdin>")) return std::nullopt;
    return SourceFile("<stdin>", std::move(text));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error.message = path + ": cannot open: " + std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error.message = path + ": is a directory, not a table file";
    return std::nullopt;
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0 && static_cast<uint64_t>(st.st_size) <= kMaxSourceBytes) {
    std::shared_ptr<char> mapped = mapFile(fd, static_cast<size_t>(st.st_size));
    if (mapped) {
      ::close(fd);
      return SourceFile(path, std::move(mapped), static_cast<size_t>(st.st_size));
    }
  }
  std::string text;
  bool ok = readAll(fd, text, error, path);
  ::close(fd);
  if (!ok) return std::nullopt;
  return SourceFile(path, std::move(text));
}


}  // namespace dmc
