// Writes a large, valid linear table for benchmarks: dmc_make_table TARGETS [DEVICES] [shared]
// Each target maps 8..1024 sectors (deterministic pseudo-random) of one of DEVICES disks,
// taken in turn; each disk is filled from its start, so no two targets share a sector (as
// in a real concatenation, and dmc's shared-sector check stays quiet).
// With "shared", every target maps its disk from sector 0 instead: all but the first target
// of each disk draw a shared-sectors warning (TARGETS - DEVICES warnings).
// The kernel takes at most 1,048,576 targets in one table: a larger table is written as a dmc
// file of several devices (`device tN` headers) of 1,000,000 targets each, on the same disks.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dmc_make_table TARGETS [DEVICES]\n");
    return 2;
  }
  uint64_t targets = std::strtoull(argv[1], nullptr, 10);
  uint64_t devices = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 16;
  if (devices == 0) devices = 1;
  const bool shared = argc > 3 && std::string(argv[3]) == "shared";
  uint64_t state = 0x9E3779B97F4A7C15ull;  // xorshift: same file every run
  uint64_t start = 0;
  std::vector<uint64_t> nextOffset(devices, 0);
  std::string out;
  out.reserve(1 << 20);
  char line[128];
  constexpr uint64_t kKernelMaxTargets = 1048576, kTargetsPerDevice = 1000000;
  for (uint64_t i = 0; i < targets; ++i) {
    if (targets > kKernelMaxTargets && i % kTargetsPerDevice == 0) {
      out += "device t" + std::to_string(i / kTargetsPerDevice) + "\n";
      start = 0;
    }
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    uint64_t length = 8 * (1 + state % 128);
    uint64_t device = i % devices;
    int n = std::snprintf(line, sizeof line, "%llu %llu linear /dev/disk%llu %llu\n", (unsigned long long)start,
                          (unsigned long long)length, (unsigned long long)device,
                          (unsigned long long)nextOffset[device]);
    if (!shared) nextOffset[device] += length;
    out.append(line, static_cast<size_t>(n));
    start += length;
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
