// The lookup btree must be the kernel's, key for key. Checked against a model written
// separately from the description in kernel-dm-facts.md section 2: closed-form node counts
// and a recursive "right-most descendant" key, no shared code with lookup_btree.cc.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <random>

#include "compiler/lookup_btree.h"
#include "emitters/btree_json_emitter.h"

namespace {

using dmc::LookupBtree;
constexpr uint64_t kMax = UINT64_MAX;

struct ModelTree {
  unsigned depth = 0;
  std::vector<uint64_t> counts;               // root first
  std::vector<std::vector<uint64_t>> levels;  // root first, padding included
};

uint64_t ceilDiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

uint64_t power(uint64_t base, unsigned exponent) {
  uint64_t result = 1;
  while (exponent-- > 0) result *= base;
  return result;
}

class Model {
 public:
  Model(const std::vector<uint64_t>& highs, unsigned keysPerNode) : k_(keysPerNode), c_(keysPerNode + 1) {
    const uint64_t leaves = ceilDiv(highs.size(), k_);
    // Depth: one leaf level plus the fewest levels whose fan-out covers every leaf.
    unsigned above = 0;
    while (power(c_, above) < leaves) ++above;
    tree_.depth = 1 + above;
    for (unsigned l = 0; l < tree_.depth; ++l) tree_.counts.push_back(ceilDiv(leaves, power(c_, tree_.depth - 1 - l)));
    padded_ = highs;
    padded_.resize(leaves * k_, kMax);
    tree_.levels.resize(tree_.depth);
    tree_.levels[tree_.depth - 1] = padded_;
    for (unsigned l = 0; l + 1 < tree_.depth; ++l)
      for (uint64_t n = 0; n < tree_.counts[l]; ++n)
        for (unsigned k = 0; k < k_; ++k) tree_.levels[l].push_back(subtreeHigh(l + 1, n * c_ + k));
  }
  const ModelTree& tree() const { return tree_; }

 private:
  // The last key of the right-most leaf under node n of level l; all-ones if it is missing.
  uint64_t subtreeHigh(unsigned l, uint64_t n) const {
    if (n >= tree_.counts[l]) return kMax;
    if (l == tree_.depth - 1) return padded_[n * k_ + k_ - 1];
    return subtreeHigh(l + 1, n * c_ + (c_ - 1));
  }

  unsigned k_;
  uint64_t c_;
  std::vector<uint64_t> padded_;
  ModelTree tree_;
};

std::vector<uint64_t> randomHighs(size_t count, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<uint64_t> length(1, 5000);
  std::vector<uint64_t> highs(count);
  uint64_t end = 0;
  for (uint64_t& high : highs) {
    end += length(random);
    high = end - 1;
  }
  return highs;
}

void requireSameAsModel(const std::vector<uint64_t>& highs, unsigned keysPerNode) {
  const LookupBtree btree(highs, keysPerNode);
  const Model independent(highs, keysPerNode);
  const ModelTree& model = independent.tree();
  INFO("targets " << highs.size() << ", K " << keysPerNode);
  REQUIRE(btree.depth() == model.depth);
  for (unsigned l = 0; l < model.depth; ++l) {
    INFO("level " << l);
    REQUIRE(btree.shape().counts[l] == model.counts[l]);
    const std::span<const uint64_t> level = btree.level(l);
    REQUIRE(std::vector<uint64_t>(level.begin(), level.end()) == model.levels[l]);
  }
  // The kernel's memory order: internal levels deepest first, root last, then the leaves.
  std::vector<uint64_t> kernelOrder;
  for (unsigned l = model.depth - 1; l-- > 0;)
    kernelOrder.insert(kernelOrder.end(), model.levels[l].begin(), model.levels[l].end());
  kernelOrder.insert(kernelOrder.end(), model.levels.back().begin(), model.levels.back().end());
  REQUIRE(std::vector<uint64_t>(btree.keys().begin(), btree.keys().end()) == kernelOrder);
  REQUIRE(btree.size() == highs.back() + 1);
  REQUIRE(reinterpret_cast<uintptr_t>(btree.keys().data()) % 64 == 0);
}

}  // namespace

TEST_CASE("btree matches the kernel's worked example", "[btree]") {
  std::vector<uint64_t> highs;
  for (uint64_t i = 0; i < 20; ++i) highs.push_back(i * 100 + 99);
  const LookupBtree btree(highs, 8);
  REQUIRE(btree.depth() == 2);
  CHECK(btree.shape().counts[0] == 1);
  CHECK(btree.shape().counts[1] == 3);
  const std::vector<uint64_t> root = {799, 1599, kMax, kMax, kMax, kMax, kMax, kMax};
  CHECK(std::vector<uint64_t>(btree.level(0).begin(), btree.level(0).end()) == root);
  CHECK(btree.level(1).size() == 24);
  CHECK(btree.level(1)[23] == kMax);
  CHECK(btree.size() == 2000);
}

TEST_CASE("btree depth follows the kernel's table", "[btree]") {
  const std::vector<std::pair<uint64_t, unsigned>> depths = {{1, 1},    {8, 1},     {9, 2},        {72, 2},
                                                             {73, 3},   {648, 3},   {649, 4},      {5832, 4},
                                                             {5833, 5}, {52488, 5}, {52489, 6},    {1u << 20, 7}};
  for (auto [targets, depth] : depths) {
    INFO(targets << " targets");
    CHECK(dmc::BtreeShape::forTargets(targets, 8)->depth == depth);
  }
}

TEST_CASE("btree layout equals the independent model", "[btree]") {
  const std::vector<size_t> sizes = {1,  2,   7,   8,   9,    10,   16,   17,    72,    73,   80,
                                     81, 100, 288, 289, 648,  649,  1000, 5832,  5833,  9999, 52488,
                                     52489};
  for (unsigned keysPerNode : {8u, 16u, 32u})
    for (size_t size : sizes) requireSameAsModel(randomHighs(size, size * 31 + keysPerNode), keysPerNode);
}

TEST_CASE("btree layout equals the model at the kernel's target limit", "[btree][slow]") {
  for (unsigned keysPerNode : {8u, 16u, 32u}) requireSameAsModel(randomHighs(1u << 20, keysPerNode), keysPerNode);
}

TEST_CASE("btree rejects what the kernel could never build", "[btree]") {
  CHECK_THROWS_AS(LookupBtree(std::vector<uint64_t>{5, 5}), std::invalid_argument);
  CHECK_THROWS_AS(LookupBtree(std::vector<uint64_t>{9, 3}), std::invalid_argument);
  CHECK_THROWS_AS(LookupBtree(std::vector<uint64_t>{kMax}), std::invalid_argument);
  CHECK_THROWS_AS(LookupBtree(std::vector<uint64_t>{1}, 12), std::invalid_argument);
  CHECK_FALSE(dmc::BtreeShape::forTargets(1, 4));
}

TEST_CASE("btree of no targets has one empty level", "[btree]") {
  const LookupBtree btree(std::span<const uint64_t>{}, 8);
  CHECK(btree.depth() == 1);
  CHECK(btree.level(0).empty());
  CHECK(btree.size() == 0);
}

TEST_CASE("btree JSON lists every level of every device", "[btree][emit]") {
  dmc::TableModel model;
  const uint32_t linear = model.internType("linear");
  for (const char* name : {"first \"dev\"", "second"}) {
    dmc::DeviceEntry& device = model.devices.emplace_back();
    device.name = name;
    const uint64_t count = device.name == "second" ? 3 : 20;
    for (uint64_t i = 0; i < count; ++i) {
      dmc::TargetEntry& target = device.targets.emplace_back();
      target.start = i * 100;
      target.length = 100;
      target.typeId = linear;
      model.storeParams(target, "/dev/sda 0");
    }
  }
  const std::string text = dmc::emitBtreeJson(model, 8);
  std::vector<nlohmann::json> lines;
  size_t begin = 0;
  for (size_t end; (end = text.find('\n', begin)) != std::string::npos; begin = end + 1)
    lines.push_back(nlohmann::json::parse(text.substr(begin, end - begin)));
  REQUIRE(lines.size() == 2);
  const nlohmann::json& first = lines[0];
  CHECK(first["device"] == "first \"dev\"");
  CHECK(first["keys_per_node"] == 8);
  CHECK(first["depth"] == 2);
  CHECK(first["counts"] == nlohmann::json::array({1, 3}));
  CHECK(first["levels"][0] == nlohmann::json::array({799, 1599, kMax, kMax, kMax, kMax, kMax, kMax}));
  CHECK(first["levels"][1].size() == 24);
  CHECK(first["targets"] == 20);
  CHECK(first["size"] == 2000);
  CHECK(text.find("18446744073709551615") != std::string::npos);
  CHECK(lines[1]["levels"][0] == nlohmann::json::array({99, 199, 299, kMax, kMax, kMax, kMax, kMax}));
  CHECK(lines[1]["depth"] == 1);
}
