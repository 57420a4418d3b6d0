#pragma once
// Sector -> target lookups over a kernel-layout btree, with the kernel's semantics
// (dm_table_find_target): a sector at or past the device size finds nothing; otherwise walk
// from the root, taking in each node the first key >= sector (or the last child when none is).
//
// Keys in a node are sorted, so "first key >= sector" equals "how many keys are < sector";
// dmc counts with AVX-512 or AVX2 when the CPU has them (chosen at run time) and with a
// branch-free loop otherwise. The batched interface walks a group of sectors level by level and prefetches
// each one's next node, so the memory latency of one walk hides behind the others' work.

#include <cstdint>
#include <span>

#include "compiler/lookup_btree.h"

namespace dmc {

inline constexpr uint32_t kNoTarget = UINT32_MAX;

enum class NodeSearch : uint8_t {
  Auto,      // the best the CPU has: Avx512, else Avx2, else Portable
  Portable,  // branch-free scalar count
  Avx2,      // 256-bit signed compares on sign-flipped keys; Portable when the CPU lacks AVX2
  Avx512,    // one unsigned 512-bit compare per 8 keys; else as Auto
};

class SectorLookup {
 public:
  // The view (and the keys behind it) must outlive this object.
  explicit SectorLookup(const BtreeView& view, NodeSearch search = NodeSearch::Auto);

  // Index of the target holding the sector, or kNoTarget.
  uint32_t find(uint64_t sector) const { return find_(view_, sector); }
  // out[i] = find(sectors[i]); out must be at least as long as sectors.
  void lookupBatch(std::span<const uint64_t> sectors, std::span<uint32_t> out) const;

  NodeSearch searchInUse() const { return search_; }
  static bool cpuHasAvx2();
  static bool cpuHasAvx512();

 private:
  using FindFn = uint32_t (*)(const BtreeView&, uint64_t);
  using BatchFn = void (*)(const BtreeView&, const uint64_t*, uint32_t*, size_t);

  BtreeView view_;
  NodeSearch search_;
  FindFn find_;
  BatchFn batch_;
};

// The kernel's walk transcribed as plainly as possible (early-exit scan in every node).
// The reference the fast paths are tested and benchmarked against.
uint32_t kernelFindTarget(const BtreeView& view, uint64_t sector);

}  // namespace dmc
