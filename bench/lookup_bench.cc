// Sector lookups per second at 1K, 100K, 1M and 10M targets, all methods on the same table
// and the same random sectors:
//   UpperBound     std::upper_bound over the targets' ends (the obvious userspace answer)
//   KernelWalk     the kernel's btree walk, early-exit scan in each node (dm_table_find_target)
//   DmcPortable    dmc's walk, one sector at a time, branch-free scalar node search
//   DmcAvx2        the same with the AVX2 node search
//   DmcSingle      the same with the best node search the CPU has (AVX-512 where present)
//   DmcBatch       lookupBatch (best node search): groups of sectors walked level by level,
//                  each one's next node prefetched
// Only ratios within one run mean anything on a noisy machine (docs/performance.md).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>

#include "compiler/lookup_btree.h"
#include "compiler/sector_lookup.h"

namespace {

using dmc::LookupBtree;
using dmc::SectorLookup;

constexpr size_t kSectorCount = 1 << 20;  // random sectors, reused cyclically
constexpr size_t kChunk = 4096;           // sectors looked up per benchmark iteration

struct Table {
  std::vector<uint64_t> ends;  // exclusive end of each target
  std::unique_ptr<LookupBtree> btree;
  std::vector<uint64_t> sectors;
};

// One table per size, built once and shared by every method (same seed, same sectors).
const Table& tableOf(size_t targets) {
  static std::map<size_t, std::unique_ptr<Table>> tables;
  std::unique_ptr<Table>& table = tables[targets];
  if (table) return *table;
  table = std::make_unique<Table>();
  std::mt19937_64 random(targets);
  std::uniform_int_distribution<uint64_t> length(8, 8192);
  std::vector<uint64_t> highs(targets);
  uint64_t end = 0;
  for (size_t i = 0; i < targets; ++i) {
    end += length(random);
    table->ends.push_back(end);
    highs[i] = end - 1;
  }
  table->btree = std::make_unique<LookupBtree>(highs, 8);
  std::uniform_int_distribution<uint64_t> sector(0, end - 1);
  table->sectors.resize(kSectorCount);
  for (uint64_t& s : table->sectors) s = sector(random);
  return *table;
}

// Runs `lookUpChunk(sectors, count)` over consecutive chunks of the random sectors.
template <class LookUpChunk>
void runChunks(benchmark::State& state, const Table& table, LookUpChunk lookUpChunk) {
  size_t offset = 0;
  for (auto _ : state) {
    lookUpChunk(table.sectors.data() + offset, kChunk);
    offset = (offset + kChunk) % kSectorCount;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kChunk));
}

void UpperBound(benchmark::State& state) {
  const Table& table = tableOf(static_cast<size_t>(state.range(0)));
  runChunks(state, table, [&](const uint64_t* sectors, size_t count) {
    for (size_t i = 0; i < count; ++i) {
      auto it = std::upper_bound(table.ends.begin(), table.ends.end(), sectors[i]);
      benchmark::DoNotOptimize(it);
    }
  });
}

void KernelWalk(benchmark::State& state) {
  const Table& table = tableOf(static_cast<size_t>(state.range(0)));
  const dmc::BtreeView& view = table.btree->view();
  runChunks(state, table, [&](const uint64_t* sectors, size_t count) {
    for (size_t i = 0; i < count; ++i) benchmark::DoNotOptimize(dmc::kernelFindTarget(view, sectors[i]));
  });
}

void singleLookups(benchmark::State& state, dmc::NodeSearch search) {
  const Table& table = tableOf(static_cast<size_t>(state.range(0)));
  const SectorLookup lookup(table.btree->view(), search);
  runChunks(state, table, [&](const uint64_t* sectors, size_t count) {
    for (size_t i = 0; i < count; ++i) benchmark::DoNotOptimize(lookup.find(sectors[i]));
  });
}

void DmcSingle(benchmark::State& state) { singleLookups(state, dmc::NodeSearch::Auto); }
void DmcAvx2(benchmark::State& state) { singleLookups(state, dmc::NodeSearch::Avx2); }
void DmcPortable(benchmark::State& state) { singleLookups(state, dmc::NodeSearch::Portable); }

void DmcBatch(benchmark::State& state) {
  const Table& table = tableOf(static_cast<size_t>(state.range(0)));
  const SectorLookup lookup(table.btree->view());
  std::vector<uint32_t> out(kChunk);
  runChunks(state, table, [&](const uint64_t* sectors, size_t count) {
    lookup.lookupBatch({sectors, count}, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  });
}

}  // namespace

// Registered size by size, so the methods compared for one size run next to each other and
// share the machine's state (caches, frequency, neighbours) as far as possible.
int main(int argc, char** argv) {
  const std::pair<const char*, void (*)(benchmark::State&)> methods[] = {
      {"UpperBound", UpperBound}, {"KernelWalk", KernelWalk}, {"DmcPortable", DmcPortable},
      {"DmcAvx2", DmcAvx2},       {"DmcSingle", DmcSingle},   {"DmcBatch", DmcBatch}};
  for (int64_t targets : {1000, 100000, 1000000, 10000000})
    for (const auto& [name, method] : methods) benchmark::RegisterBenchmark(name, method)->Arg(targets);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
