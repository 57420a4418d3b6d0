#include "compiler/lookup_btree.h"

#include <algorithm>
#include <new>
#include <stdexcept>

namespace dmc {
namespace {

constexpr std::align_val_t kNodeAlignment{64};

uint64_t divideRoundingUp(uint64_t n, uint64_t d) { return n / d + (n % d != 0); }

// How often n must be replaced by ceil(n / base) to reach 1 (the kernel's int_log).
unsigned levelsAbove(uint64_t n, uint64_t base) {
  unsigned result = 0;
  while (n > 1) {
    n = divideRoundingUp(n, base);
    ++result;
  }
  return result;
}

}  // namespace

bool isSupportedKeysPerNode(unsigned keysPerNode) {
  return keysPerNode == 8 || keysPerNode == 16 || keysPerNode == 32;
}

std::optional<BtreeShape> BtreeShape::forTargets(uint64_t targetCount, unsigned keysPerNode) {
  if (!isSupportedKeysPerNode(keysPerNode) || targetCount > UINT32_MAX) return std::nullopt;
  BtreeShape shape;
  shape.keysPerNode = keysPerNode;
  const uint64_t leafNodes = divideRoundingUp(targetCount, keysPerNode);
  shape.depth = 1 + levelsAbove(leafNodes, keysPerNode + 1);
  if (shape.depth > kBtreeMaxDepth) return std::nullopt;
  shape.counts[shape.depth - 1] = static_cast<uint32_t>(leafNodes);
  for (unsigned l = shape.depth - 1; l-- > 0;)
    shape.counts[l] = static_cast<uint32_t>(divideRoundingUp(shape.counts[l + 1], keysPerNode + 1));
  return shape;
}

uint64_t BtreeShape::internalNodes() const {
  uint64_t nodes = 0;
  for (unsigned l = 0; l + 1 < depth; ++l) nodes += counts[l];
  return nodes;
}

uint64_t BtreeShape::totalKeys() const {
  if (depth == 0) return 0;
  return (internalNodes() + counts[depth - 1]) * keysPerNode;
}

uint64_t BtreeShape::levelOffset(unsigned level) const {
  // Internal levels are stored deepest first (root last), then the leaves.
  if (level + 1 >= depth) return internalNodes() * keysPerNode;
  uint64_t nodes = 0;
  for (unsigned l = level + 1; l + 1 < depth; ++l) nodes += counts[l];
  return nodes * keysPerNode;
}

void BtreeView::pointInto(const uint64_t* keys) {
  levels.fill(nullptr);
  for (unsigned l = 0; l < shape.depth; ++l) levels[l] = keys + shape.levelOffset(l);
}

uint64_t rightmostHigh(const BtreeView& view, unsigned level, uint64_t node) {
  const BtreeShape& shape = view.shape;
  const uint64_t children = shape.keysPerNode + 1;
  for (; level + 1 < shape.depth; ++level) node = node * children + (children - 1);
  if (node >= shape.counts[shape.depth - 1]) return kBtreePadKey;
  return view.levels[shape.depth - 1][node * shape.keysPerNode + shape.keysPerNode - 1];
}

void LookupBtree::AlignedDelete::operator()(uint64_t* p) const { ::operator delete[](p, kNodeAlignment); }

LookupBtree::LookupBtree(std::span<const uint64_t> highs, unsigned keysPerNode) {
  std::optional<BtreeShape> shape = BtreeShape::forTargets(highs.size(), keysPerNode);
  if (!shape) throw std::invalid_argument("unsupported keys per node or too many targets for a lookup btree");
  for (size_t i = 0; i < highs.size(); ++i) {
    if (highs[i] == kBtreePadKey || (i > 0 && highs[i] <= highs[i - 1]))
      throw std::invalid_argument("target ends must rise strictly and stay below 2^64-1");
  }
  view_.shape = *shape;
  view_.targetCount = static_cast<uint32_t>(highs.size());
  view_.size = highs.empty() ? 0 : highs.back() + 1;

  keyCount_ = shape->totalKeys();
  const size_t bytes = std::max<uint64_t>(keyCount_, 1) * sizeof(uint64_t);
  keys_.reset(static_cast<uint64_t*>(::operator new[](bytes, kNodeAlignment)));
  std::fill_n(keys_.get(), keyCount_, kBtreePadKey);
  view_.pointInto(keys_.get());

  uint64_t* leaves = keys_.get() + shape->levelOffset(shape->depth - 1);
  std::copy(highs.begin(), highs.end(), leaves);
  fillInternalLevels(*shape, keys_.get());
}

LookupBtree LookupBtree::forTargets(std::span<const TargetEntry> targets, unsigned keysPerNode) {
  std::vector<uint64_t> highs;
  highs.reserve(targets.size());
  for (const TargetEntry& t : targets) highs.push_back(t.start + t.length - 1);
  return LookupBtree(highs, keysPerNode);
}

void fillInternalLevels(const BtreeShape& shape, uint64_t* keys) {
  const unsigned keysPerNode = shape.keysPerNode;
  const uint64_t children = keysPerNode + 1;
  const unsigned leafLevel = shape.depth - 1;
  const uint64_t* leaves = keys + shape.levelOffset(leafLevel);

  // Bottom-up: the right-most high of every node of the level below, so each internal key
  // costs one array read instead of a walk down to the leaves.
  std::vector<uint64_t> belowHighs(shape.counts[leafLevel]);
  for (uint64_t n = 0; n < belowHighs.size(); ++n) belowHighs[n] = leaves[n * keysPerNode + keysPerNode - 1];

  for (unsigned l = leafLevel; l-- > 0;) {
    uint64_t* level = keys + shape.levelOffset(l);
    const uint64_t belowCount = belowHighs.size();
    std::vector<uint64_t> levelHighs(shape.counts[l]);
    for (uint64_t n = 0; n < shape.counts[l]; ++n) {
      for (unsigned k = 0; k < keysPerNode; ++k) {
        const uint64_t child = n * children + k;
        level[n * keysPerNode + k] = child < belowCount ? belowHighs[child] : kBtreePadKey;
      }
      const uint64_t lastChild = n * children + children - 1;
      levelHighs[n] = lastChild < belowCount ? belowHighs[lastChild] : kBtreePadKey;
    }
    belowHighs = std::move(levelHighs);
  }
}

}  // namespace dmc
