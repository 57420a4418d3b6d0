#include "diagnostics/diagnostic_spill.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <queue>

namespace dmc {

namespace {

constexpr size_t kWriteBuffer = 1 << 20;
constexpr size_t kReadBuffer = 64 << 10;  // a run's window while merging: runs are few

// The file is this process's own, written a moment ago: only a full disk or an I/O error
// can fail it. Better no output than a wrong one.
[[noreturn]] void giveUp(const char* what) {
  std::fprintf(stderr, "dmc: %s the temporary file of diagnostics: %s\n", what, std::strerror(errno));
  std::exit(2);
}

void put(std::string& out, const void* data, size_t size) { out.append(static_cast<const char*>(data), size); }
void putU32(std::string& out, uint32_t value) { put(out, &value, sizeof value); }
void putText(std::string& out, const std::string& text) {
  putU32(out, static_cast<uint32_t>(text.size()));
  out += text;
}
void putLocation(std::string& out, const Location& at) {
  putU32(out, at.file), putU32(out, at.line), putU32(out, at.column), putU32(out, at.length);
}

// Reads one run back, a window at a time.
class RunReader {
 public:
  RunReader(int fd, uint64_t begin, uint64_t end) : fd_(fd), next_(begin), end_(end) {}

  bool read(Diagnostic& d, uint64_t& arrival) {
    if (consumed_ == window_.size() && next_ == end_) return false;
    get(&arrival, sizeof arrival);
    uint16_t code = 0;
    get(&code, sizeof code);
    d.code = static_cast<DiagnosticCode>(code);
    uint8_t severity = 0;
    get(&severity, sizeof severity);
    d.severity = static_cast<Severity>(severity);
    getLocation(d.location);
    getText(d.message);
    d.notes.resize(getU32());
    for (Note& note : d.notes) {
      uint8_t hasLocation = 0;
      get(&hasLocation, sizeof hasLocation);
      note.hasLocation = hasLocation != 0;
      getLocation(note.location);
      getText(note.message);
    }
    return true;
  }

 private:
  void fill(size_t size) {
    window_.erase(0, consumed_);
    consumed_ = 0;
    const size_t want = std::min<uint64_t>(std::max(size, kReadBuffer), end_ - next_);
    const size_t have = window_.size();
    window_.resize(have + want);
    size_t done = 0;
    while (done < want) {
      const ssize_t n = ::pread(fd_, window_.data() + have + done, want - done, static_cast<off_t>(next_ + done));
      if (n <= 0) giveUp("cannot read");
      done += static_cast<size_t>(n);
    }
    next_ += want;
  }
  void get(void* data, size_t size) {
    if (window_.size() - consumed_ < size) fill(size);
    std::memcpy(data, window_.data() + consumed_, size);
    consumed_ += size;
  }
  uint32_t getU32() {
    uint32_t value = 0;
    get(&value, sizeof value);
    return value;
  }
  void getText(std::string& text) {
    const uint32_t size = getU32();
    if (window_.size() - consumed_ < size) fill(size);
    text.assign(window_.data() + consumed_, size);
    consumed_ += size;
  }
  void getLocation(Location& at) {
    at.file = getU32(), at.line = getU32(), at.column = getU32(), at.length = getU32();
  }

  int fd_;
  uint64_t next_, end_;
  std::string window_;
  size_t consumed_ = 0;
};

int openTemporaryFile() {
  const char* tmp = std::getenv("TMPDIR");
  const std::string dir = tmp != nullptr && tmp[0] != '\0' ? tmp : "/tmp";
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0 || dir == "/tmp") return fd;
  return ::open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
}

}  // namespace

bool reportedBefore(const Diagnostic& a, uint64_t arrivalA, const Diagnostic& b, uint64_t arrivalB) {
  const Location& x = a.location;
  const Location& y = b.location;
  if (x.file != y.file) return x.file < y.file;
  if (x.line != y.line) return x.line < y.line;
  if (x.column != y.column) return x.column < y.column;
  return arrivalA < arrivalB;
}

std::unique_ptr<DiagnosticSpill> DiagnosticSpill::open() {
  const int fd = openTemporaryFile();
  if (fd < 0) return nullptr;
  return std::unique_ptr<DiagnosticSpill>(new DiagnosticSpill(fd));
}

DiagnosticSpill::~DiagnosticSpill() { ::close(fd_); }

void DiagnosticSpill::add(const Diagnostic& d, uint64_t arrival) {
  put(pending_, &arrival, sizeof arrival);
  const auto code = static_cast<uint16_t>(d.code);
  put(pending_, &code, sizeof code);
  const auto severity = static_cast<uint8_t>(d.severity);
  put(pending_, &severity, sizeof severity);
  putLocation(pending_, d.location);
  putText(pending_, d.message);
  putU32(pending_, static_cast<uint32_t>(d.notes.size()));
  for (const Note& note : d.notes) {
    const uint8_t hasLocation = note.hasLocation ? 1 : 0;
    put(pending_, &hasLocation, sizeof hasLocation);
    putLocation(pending_, note.location);
    putText(pending_, note.message);
  }
  if (pending_.size() >= kWriteBuffer) flush();
}

void DiagnosticSpill::flush() {
  size_t done = 0;
  while (done < pending_.size()) {
    const ssize_t n = ::write(fd_, pending_.data() + done, pending_.size() - done);
    if (n <= 0) giveUp("cannot write");
    done += static_cast<size_t>(n);
  }
  written_ += pending_.size();
  pending_.clear();
}

void DiagnosticSpill::endRun() {
  flush();
  if (written_ > runBegin_) runs_.emplace_back(runBegin_, written_);
  runBegin_ = written_;
}

void DiagnosticSpill::merge(std::span<const Diagnostic> inMemory, std::span<const uint64_t> arrivals,
                            const std::function<void(const Diagnostic&)>& each) {
  endRun();
  struct Head {
    Diagnostic diagnostic;
    uint64_t arrival = 0;
  };
  std::vector<RunReader> readers;
  std::vector<Head> heads(runs_.size());
  for (const auto& [begin, end] : runs_) readers.emplace_back(fd_, begin, end);
  auto later = [&](size_t a, size_t b) {  // the queue's top is the earliest head
    return reportedBefore(heads[b].diagnostic, heads[b].arrival, heads[a].diagnostic, heads[a].arrival);
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(later)> queue(later);
  for (size_t i = 0; i < readers.size(); ++i)
    if (readers[i].read(heads[i].diagnostic, heads[i].arrival)) queue.push(i);
  size_t memory = 0;
  while (!queue.empty() || memory < inMemory.size()) {
    if (queue.empty() || (memory < inMemory.size() && reportedBefore(inMemory[memory], arrivals[memory],
                                                                     heads[queue.top()].diagnostic,
                                                                     heads[queue.top()].arrival))) {
      each(inMemory[memory++]);
      continue;
    }
    const size_t run = queue.top();
    queue.pop();
    each(heads[run].diagnostic);
    if (readers[run].read(heads[run].diagnostic, heads[run].arrival)) queue.push(run);
  }
}

}  // namespace dmc
