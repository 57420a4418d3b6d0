#include "compiler/sector_lookup.h"

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define DMC_HAVE_X86 1
#else
#define DMC_HAVE_X86 0
#endif

namespace dmc {
namespace {

// Lookups walked side by side in lookupBatch: enough independent work between touching a
// node and needing it to cover a cache miss, few enough to keep the state in registers/L1.
constexpr size_t kBatchGroup = 16;

struct PortableSearch {
  // Keys are sorted, so the count of keys below the sector is the kernel's slot.
  template <unsigned K>
  static unsigned countBelow(const uint64_t* keys, uint64_t sector) {
    unsigned below = 0;
#pragma GCC unroll 32
    for (unsigned k = 0; k < K; ++k) below += keys[k] < sector;
    return below;
  }
};

#if DMC_HAVE_X86
struct Avx2Search {
  template <unsigned K>
  __attribute__((target("avx2,popcnt"))) static unsigned countBelow(const uint64_t* keys, uint64_t sector) {
    // AVX2 only compares signed 64-bit lanes; flipping the sign bit of both sides turns the
    // signed order into the unsigned one (all-ones padding stays the largest value).
    const __m256i signBit = _mm256_set1_epi64x(INT64_MIN);
    const __m256i target = _mm256_xor_si256(_mm256_set1_epi64x(static_cast<long long>(sector)), signBit);
    unsigned below = 0;
    for (unsigned k = 0; k < K; k += 4) {
      const __m256i lane = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(keys + k));
      const __m256i less = _mm256_cmpgt_epi64(target, _mm256_xor_si256(lane, signBit));
      below += static_cast<unsigned>(__builtin_popcount(_mm256_movemask_pd(_mm256_castsi256_pd(less))));
    }
    return below;
  }
};

struct Avx512Search {
  template <unsigned K>
  __attribute__((target("avx512f,popcnt"))) static unsigned countBelow(const uint64_t* keys, uint64_t sector) {
    // AVX-512 compares unsigned lanes directly: one compare covers a 64-byte node.
    const __m512i target = _mm512_set1_epi64(static_cast<long long>(sector));
    unsigned below = 0;
    for (unsigned k = 0; k < K; k += 8) {
      const __mmask8 less = _mm512_cmplt_epu64_mask(_mm512_loadu_si512(keys + k), target);
      below += static_cast<unsigned>(__builtin_popcount(less));
    }
    return below;
  }
};
#endif

template <unsigned K, class Search>
uint32_t walkOne(const BtreeView& view, uint64_t sector) {
  if (sector >= view.size) return kNoTarget;
  uint64_t node = 0;
  unsigned slot = 0;
  for (unsigned l = 0; l < view.shape.depth; ++l) {
    node = node * (K + 1) + slot;
    slot = Search::template countBelow<K>(view.levels[l] + node * K, sector);
  }
  return static_cast<uint32_t>(node * K + slot);
}

template <unsigned K>
void prefetchNode(const uint64_t* node) {
  for (unsigned line = 0; line < K * sizeof(uint64_t); line += 64)
    __builtin_prefetch(reinterpret_cast<const char*>(node) + line, 0, 3);
}

// Walks up to kBatchGroup sectors level by level. Sectors past the end walk as the last
// sector (keeping every walk inside the tree without a branch) and are reported as misses.
template <unsigned K, class Search>
void walkGroup(const BtreeView& view, const uint64_t* sectors, uint32_t* out, size_t count) {
  uint64_t walked[kBatchGroup];
  uint64_t node[kBatchGroup];
  unsigned slot[kBatchGroup];
  const uint64_t lastSector = view.size - 1;
  for (size_t i = 0; i < count; ++i) {
    walked[i] = std::min(sectors[i], lastSector);
    node[i] = 0;
    slot[i] = 0;
  }
  const unsigned depth = view.shape.depth;
  for (unsigned l = 0; l < depth; ++l) {
    const uint64_t* level = view.levels[l];
    const uint64_t* nextLevel = l + 1 < depth ? view.levels[l + 1] : nullptr;
    for (size_t i = 0; i < count; ++i) {
      node[i] = node[i] * (K + 1) + slot[i];
      slot[i] = Search::template countBelow<K>(level + node[i] * K, walked[i]);
      if (nextLevel) prefetchNode<K>(nextLevel + (node[i] * (K + 1) + slot[i]) * K);
    }
  }
  for (size_t i = 0; i < count; ++i)
    out[i] = sectors[i] < view.size ? static_cast<uint32_t>(node[i] * K + slot[i]) : kNoTarget;
}

template <unsigned K, class Search>
void walkBatch(const BtreeView& view, const uint64_t* sectors, uint32_t* out, size_t count) {
  if (view.size == 0) {
    std::fill_n(out, count, kNoTarget);
    return;
  }
  size_t done = 0;
  for (; done + kBatchGroup <= count; done += kBatchGroup)
    walkGroup<K, Search>(view, sectors + done, out + done, kBatchGroup);
  if (done < count) walkGroup<K, Search>(view, sectors + done, out + done, count - done);
}

// One concrete function per K and search; 'flatten' pulls the SIMD node search into callers
// compiled for the same instruction set (a plain template cannot inline a target() function).
template <unsigned K>
uint32_t findPortable(const BtreeView& view, uint64_t sector) {
  return walkOne<K, PortableSearch>(view, sector);
}
template <unsigned K>
void batchPortable(const BtreeView& view, const uint64_t* sectors, uint32_t* out, size_t count) {
  walkBatch<K, PortableSearch>(view, sectors, out, count);
}

#if DMC_HAVE_X86
template <unsigned K>
__attribute__((target("avx2,popcnt"), flatten)) uint32_t findAvx2(const BtreeView& view, uint64_t sector) {
  return walkOne<K, Avx2Search>(view, sector);
}
template <unsigned K>
__attribute__((target("avx2,popcnt"), flatten)) void batchAvx2(const BtreeView& view, const uint64_t* sectors,
                                                               uint32_t* out, size_t count) {
  walkBatch<K, Avx2Search>(view, sectors, out, count);
}
template <unsigned K>
__attribute__((target("avx512f,popcnt"), flatten)) uint32_t findAvx512(const BtreeView& view, uint64_t sector) {
  return walkOne<K, Avx512Search>(view, sector);
}
template <unsigned K>
__attribute__((target("avx512f,popcnt"), flatten)) void batchAvx512(const BtreeView& view, const uint64_t* sectors,
                                                                    uint32_t* out, size_t count) {
  walkBatch<K, Avx512Search>(view, sectors, out, count);
}
#endif

struct WalkFunctions {
  uint32_t (*find)(const BtreeView&, uint64_t);
  void (*batch)(const BtreeView&, const uint64_t*, uint32_t*, size_t);
};

template <unsigned K>
WalkFunctions walkFunctionsFor(NodeSearch search) {
#if DMC_HAVE_X86
  if (search == NodeSearch::Avx512) return {findAvx512<K>, batchAvx512<K>};
  if (search == NodeSearch::Avx2) return {findAvx2<K>, batchAvx2<K>};
#endif
  (void)search;
  return {findPortable<K>, batchPortable<K>};
}

// The best the CPU offers, not better than what was asked for.
NodeSearch resolveSearch(NodeSearch wanted) {
  const bool avx512 = SectorLookup::cpuHasAvx512() && (wanted == NodeSearch::Auto || wanted == NodeSearch::Avx512);
  if (avx512) return NodeSearch::Avx512;
  if (wanted != NodeSearch::Portable && SectorLookup::cpuHasAvx2()) return NodeSearch::Avx2;
  return NodeSearch::Portable;
}

}  // namespace

bool SectorLookup::cpuHasAvx2() {
#if DMC_HAVE_X86
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
#else
  return false;
#endif
}

bool SectorLookup::cpuHasAvx512() {
#if DMC_HAVE_X86
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("popcnt");
#else
  return false;
#endif
}

SectorLookup::SectorLookup(const BtreeView& view, NodeSearch search) : view_(view), search_(resolveSearch(search)) {
  WalkFunctions functions = view.shape.keysPerNode == 32   ? walkFunctionsFor<32>(search_)
                            : view.shape.keysPerNode == 16 ? walkFunctionsFor<16>(search_)
                                                           : walkFunctionsFor<8>(search_);
  find_ = functions.find;
  batch_ = functions.batch;
}

void SectorLookup::lookupBatch(std::span<const uint64_t> sectors, std::span<uint32_t> out) const {
  batch_(view_, sectors.data(), out.data(), std::min(sectors.size(), out.size()));
}

uint32_t kernelFindTarget(const BtreeView& view, uint64_t sector) {
  if (sector >= view.size) return kNoTarget;
  const unsigned keysPerNode = view.shape.keysPerNode;
  uint64_t node = 0;
  unsigned slot = 0;
  for (unsigned level = 0; level < view.shape.depth; ++level) {
    node = node * (keysPerNode + 1) + slot;
    const uint64_t* keys = view.levels[level] + node * keysPerNode;
    for (slot = 0; slot < keysPerNode; ++slot)
      if (keys[slot] >= sector) break;
  }
  return static_cast<uint32_t>(node * keysPerNode + slot);
}

}  // namespace dmc
