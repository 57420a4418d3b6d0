#pragma once
// The kernel's target lookup index (dm-table.c's btree), rebuilt in userspace so that dmc can
// dump it, store it in an image and look sectors up exactly as the kernel does.
//
// Shape, as the kernel builds it from the targets' last sectors ("highs"):
//   * K keys per node (8 on x86-64: one 64-byte cache line), K+1 children per internal node;
//   * the leaf level is the highs array itself, padded with all-ones up to a multiple of K;
//   * depth = 1 + the number of times the leaf node count must be divided (rounding up) by
//     K+1 to reach one node; each level above has ceil(nodes below / (K+1)) nodes;
//   * internal key k of node n is the high of the right-most descendant of child n*(K+1)+k,
//     or all-ones when that descendant does not exist.
// In memory the keys sit in the kernel's order: internal levels deepest first, the root
// last, then the leaf level. Images store exactly these bytes.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "compiler/table_model.h"

namespace dmc {

inline constexpr uint64_t kBtreePadKey = UINT64_MAX;  // padding and missing subtrees
inline constexpr unsigned kBtreeMaxDepth = 16;         // the kernel's DM_TABLE_MAX_DEPTH
inline constexpr unsigned kDefaultKeysPerNode = 8;

// 8 (64-byte nodes, x86-64/arm64), 16 (ppc64) or 32 (s390).
bool isSupportedKeysPerNode(unsigned keysPerNode);

// Node counts per level for a number of targets, computed as the kernel does.
struct BtreeShape {
  unsigned keysPerNode = kDefaultKeysPerNode;
  unsigned depth = 0;
  std::array<uint32_t, kBtreeMaxDepth> counts{};  // nodes per level, root (0) first

  // nullopt when the count needs more than kBtreeMaxDepth levels or K is unsupported.
  static std::optional<BtreeShape> forTargets(uint64_t targetCount, unsigned keysPerNode);

  uint64_t internalNodes() const;  // all levels but the leaf
  uint64_t totalKeys() const;      // internal and leaf keys, padding included
  // Where level l starts, in keys, in the kernel's memory order.
  uint64_t levelOffset(unsigned level) const;
};

// A non-owning view of a complete index: what lookups walk. LookupBtree and a mapped image
// both hand these out.
struct BtreeView {
  BtreeShape shape;
  uint32_t targetCount = 0;
  uint64_t size = 0;                                   // sectors; lookups at or past it fail
  std::array<const uint64_t*, kBtreeMaxDepth> levels{};  // first key of each level

  unsigned keysPerNode() const { return shape.keysPerNode; }
  unsigned depth() const { return shape.depth; }
  std::span<const uint64_t> level(unsigned l) const {
    return {levels[l], uint64_t{shape.counts[l]} * shape.keysPerNode};
  }
  // Fills levels from a block laid out in the kernel's order.
  void pointInto(const uint64_t* keys);
};

class LookupBtree {
 public:
  // highs[i] = last sector of target i. They must rise strictly and stay below all-ones, as
  // the kernel's adjacency rule guarantees; throws std::invalid_argument otherwise, or for an
  // unsupported K or more targets than 32-bit indexes (or 16 levels) allow.
  explicit LookupBtree(std::span<const uint64_t> highs, unsigned keysPerNode = kDefaultKeysPerNode);
  static LookupBtree forTargets(std::span<const TargetEntry> targets,
                                unsigned keysPerNode = kDefaultKeysPerNode);

  const BtreeView& view() const { return view_; }
  const BtreeShape& shape() const { return view_.shape; }
  unsigned depth() const { return view_.shape.depth; }
  uint64_t size() const { return view_.size; }
  uint32_t targetCount() const { return view_.targetCount; }
  std::span<const uint64_t> level(unsigned l) const { return view_.level(l); }
  // The whole index in the kernel's memory order, 64-byte aligned.
  std::span<const uint64_t> keys() const { return {keys_.get(), keyCount_}; }

 private:
  struct AlignedDelete {
    void operator()(uint64_t* p) const;
  };

  std::unique_ptr<uint64_t[], AlignedDelete> keys_;
  uint64_t keyCount_ = 0;
  BtreeView view_;
};

// Fills the internal levels of a key block in the kernel's order whose leaf level (highs,
// then all-ones padding) is already in place. For writers that build the block in place.
void fillInternalLevels(const BtreeShape& shape, uint64_t* keys);

// The high of the right-most descendant of node n at level l, as the kernel's high():
// all-ones when that descendant is missing or is padding.
uint64_t rightmostHigh(const BtreeView& view, unsigned level, uint64_t node);

}  // namespace dmc
