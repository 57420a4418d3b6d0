// Every lookup path (portable, AVX2, batched, the kernel transcription) must agree with a
// brute-force answer on random tables and on the sectors where mistakes hide: target
// boundaries, the last sector, the size itself and far past it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "compiler/lookup_btree.h"
#include "compiler/sector_lookup.h"

namespace {

using dmc::kNoTarget;
using dmc::LookupBtree;
using dmc::NodeSearch;
using dmc::SectorLookup;

struct RandomTable {
  std::vector<uint64_t> highs;
  std::vector<uint64_t> ends;  // exclusive
};

RandomTable randomTable(size_t count, uint64_t maxLength, std::mt19937_64& random) {
  std::uniform_int_distribution<uint64_t> length(1, maxLength);
  RandomTable table;
  uint64_t end = 0;
  for (size_t i = 0; i < count; ++i) {
    end += length(random);
    table.ends.push_back(end);
    table.highs.push_back(end - 1);
  }
  return table;
}

uint32_t bruteForce(const RandomTable& table, uint64_t sector) {
  for (size_t i = 0; i < table.ends.size(); ++i)
    if (sector < table.ends[i]) return static_cast<uint32_t>(i);
  return kNoTarget;
}

uint32_t byUpperBound(const RandomTable& table, uint64_t sector) {
  auto it = std::upper_bound(table.ends.begin(), table.ends.end(), sector);
  return it == table.ends.end() ? kNoTarget : static_cast<uint32_t>(it - table.ends.begin());
}

std::vector<uint64_t> interestingSectors(const RandomTable& table, std::mt19937_64& random, size_t randomCount) {
  const uint64_t size = table.ends.back();
  std::vector<uint64_t> sectors = {0, size - 1, size, size + 1, UINT64_MAX, UINT64_MAX - 1, uint64_t{1} << 63};
  for (size_t i = 0; i < table.ends.size() && i < 2000; ++i) {
    sectors.push_back(table.ends[i] - 1);
    sectors.push_back(table.ends[i]);
  }
  std::uniform_int_distribution<uint64_t> anywhere(0, size + size / 8);
  for (size_t i = 0; i < randomCount; ++i) sectors.push_back(anywhere(random));
  return sectors;
}

void requireAllPathsAgree(size_t targets, unsigned keysPerNode, uint64_t maxLength, uint64_t seed) {
  std::mt19937_64 random(seed);
  const RandomTable table = randomTable(targets, maxLength, random);
  const LookupBtree btree(table.highs, keysPerNode);
  const SectorLookup portable(btree.view(), NodeSearch::Portable);
  const SectorLookup avx2(btree.view(), NodeSearch::Avx2);
  const SectorLookup fast(btree.view(), NodeSearch::Auto);
  const std::vector<uint64_t> sectors = interestingSectors(table, random, 3000);
  INFO("targets " << targets << ", K " << keysPerNode << ", seed " << seed);

  std::vector<uint32_t> batched(sectors.size() + 1, 12345);
  fast.lookupBatch(sectors, batched);
  CHECK(batched.back() == 12345);  // nothing written past the sectors
  std::vector<uint32_t> batchedPortable(sectors.size());
  portable.lookupBatch(sectors, batchedPortable);
  std::vector<uint32_t> batchedAvx2(sectors.size());
  avx2.lookupBatch(sectors, batchedAvx2);

  for (size_t i = 0; i < sectors.size(); ++i) {
    const uint64_t sector = sectors[i];
    // Brute force is the plainest truth; upper_bound (checked against it on small tables)
    // stands in on large ones.
    const uint32_t expected = targets <= 10000 ? bruteForce(table, sector) : byUpperBound(table, sector);
    INFO("sector " << sector);
    REQUIRE(byUpperBound(table, sector) == expected);
    REQUIRE(dmc::kernelFindTarget(btree.view(), sector) == expected);
    REQUIRE(portable.find(sector) == expected);
    REQUIRE(avx2.find(sector) == expected);
    REQUIRE(fast.find(sector) == expected);
    REQUIRE(batched[i] == expected);
    REQUIRE(batchedPortable[i] == expected);
    REQUIRE(batchedAvx2[i] == expected);
  }
}

}  // namespace

TEST_CASE("lookups agree with brute force on random tables", "[lookup]") {
  uint64_t seed = 20240601;
  for (unsigned keysPerNode : {8u, 16u, 32u})
    for (size_t targets : {1, 2, 7, 8, 9, 15, 16, 17, 33, 72, 73, 200, 648, 649, 5000, 5833})
      for (uint64_t maxLength : {1ull, 3ull, 1000ull}) requireAllPathsAgree(targets, keysPerNode, maxLength, ++seed);
}

TEST_CASE("lookups agree on a table at the kernel's target limit", "[lookup][slow]") {
  for (unsigned keysPerNode : {8u, 16u, 32u}) requireAllPathsAgree(1u << 20, keysPerNode, 64, keysPerNode);
}

TEST_CASE("lookups near the top of the sector range", "[lookup]") {
  // Keys at and above 2^63 would break a signed compare; the kernel's device-size cap makes
  // them impossible in real tables, but the btree itself must not care.
  const std::vector<uint64_t> highs = {(uint64_t{1} << 62) - 1, (uint64_t{1} << 63) - 1, (uint64_t{1} << 63),
                                       UINT64_MAX - 2};
  const LookupBtree btree(highs, 8);
  for (NodeSearch search : {NodeSearch::Portable, NodeSearch::Avx2, NodeSearch::Avx512}) {
    const SectorLookup lookup(btree.view(), search);
    CHECK(lookup.find(0) == 0);
    CHECK(lookup.find((uint64_t{1} << 62) - 1) == 0);
    CHECK(lookup.find(uint64_t{1} << 62) == 1);
    CHECK(lookup.find((uint64_t{1} << 63) - 1) == 1);
    CHECK(lookup.find(uint64_t{1} << 63) == 2);
    CHECK(lookup.find((uint64_t{1} << 63) + 1) == 3);
    CHECK(lookup.find(UINT64_MAX - 2) == 3);
    CHECK(lookup.find(UINT64_MAX - 1) == kNoTarget);
    CHECK(lookup.find(UINT64_MAX) == kNoTarget);
  }
}

TEST_CASE("lookups in an empty table find nothing", "[lookup]") {
  const LookupBtree btree(std::span<const uint64_t>{}, 8);
  const SectorLookup lookup(btree.view());
  CHECK(lookup.find(0) == kNoTarget);
  CHECK(dmc::kernelFindTarget(btree.view(), 0) == kNoTarget);
  std::vector<uint64_t> sectors = {0, 1, 2};
  std::vector<uint32_t> out(3, 0);
  lookup.lookupBatch(sectors, out);
  CHECK(out == std::vector<uint32_t>(3, kNoTarget));
}

TEST_CASE("the node search follows the CPU and the request", "[lookup]") {
  const LookupBtree btree(std::vector<uint64_t>{9}, 8);
  const auto used = [&](NodeSearch wanted) { return SectorLookup(btree.view(), wanted).searchInUse(); };
  const NodeSearch best = SectorLookup::cpuHasAvx512() ? NodeSearch::Avx512
                          : SectorLookup::cpuHasAvx2() ? NodeSearch::Avx2
                                                       : NodeSearch::Portable;
  CHECK(used(NodeSearch::Auto) == best);
  CHECK(used(NodeSearch::Avx512) == best);
  CHECK(used(NodeSearch::Avx2) == (SectorLookup::cpuHasAvx2() ? NodeSearch::Avx2 : NodeSearch::Portable));
  CHECK(used(NodeSearch::Portable) == NodeSearch::Portable);
}
