#pragma once
// Diagnostics moved out of memory: when a run reports millions of them (--max-errors 0 on a
// huge table), the engine writes sorted runs of them to a temporary file that has no name
// (O_TMPFILE, 0600, gone when dmc exits) and merges the runs back, in order, while the output
// is written. Memory then holds one batch and one record a run, not every diagnostic.
// Messages are masked before they are spilled: no secret reaches the file.

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics/diagnostic.h"

namespace dmc {

// The order every consumer shows: file, line, column, then the order of reporting.
bool reportedBefore(const Diagnostic& a, uint64_t arrivalA, const Diagnostic& b, uint64_t arrivalB);

class DiagnosticSpill {
 public:
  // nullptr when no temporary file can be made (the engine then keeps everything in memory).
  static std::unique_ptr<DiagnosticSpill> open();
  ~DiagnosticSpill();
  DiagnosticSpill(const DiagnosticSpill&) = delete;
  DiagnosticSpill& operator=(const DiagnosticSpill&) = delete;

  // Appends to the current run; a run must be given in reportedBefore order.
  void add(const Diagnostic& diagnostic, uint64_t arrival);
  void endRun();
  bool empty() const { return runs_.empty(); }

  // Every spilled diagnostic and every one of `inMemory` (already sorted, with its arrival
  // numbers), in reportedBefore order.
  void merge(std::span<const Diagnostic> inMemory, std::span<const uint64_t> arrivals,
             const std::function<void(const Diagnostic&)>& each);

 private:
  explicit DiagnosticSpill(int fd) : fd_(fd) {}
  void flush();

  int fd_;
  std::string pending_;                          // bytes not yet written
  uint64_t written_ = 0;                         // bytes in the file
  uint64_t runBegin_ = 0;
  std::vector<std::pair<uint64_t, uint64_t>> runs_;  // [begin, end) of each run in the file
};

}  // namespace dmc
