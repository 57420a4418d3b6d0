// Forward placement through linear and striped targets, and the reverse index that undoes
// it: for every logical sector, looking up where it lands must lead back to it.
#include <catch2/catch.hpp>

#include <random>

#include "compiler/reverse_lookup.h"

namespace {

using namespace dmc;

bool containsHit(const std::vector<ReverseHit>& hits, uint32_t device, uint64_t sector) {
  return std::any_of(hits.begin(), hits.end(),
                     [&](const ReverseHit& h) { return h.device == device && h.sector == sector; });
}

}  // namespace

TEST_CASE("target parameters split like dm_split_args", "[reverse]") {
  CHECK(splitTargetParams("") == std::vector<std::string>{});
  CHECK(splitTargetParams("  a\tb \n c  ") == std::vector<std::string>{"a", "b", "c"});
  CHECK(splitTargetParams("a\\ b c\\\\ d\\") == std::vector<std::string>{"a b", "c\\", "d\\"});
  CHECK(splitTargetParams("'x y'") == std::vector<std::string>{"'x", "y'"});
}

TEST_CASE("linear and striped sectors are placed as dm-linear and dm-stripe do", "[reverse]") {
  const auto linear = placeSector("linear", "/dev/sda 2048", 100, 5);
  REQUIRE(linear);
  CHECK(linear->device == "/dev/sda");
  CHECK(linear->sector == 2053);
  CHECK_FALSE(linear->stripe);
  CHECK_FALSE(placeSector("linear", "/dev/sda 2048", 100, 100));
  CHECK_FALSE(placeSector("zero", "", 100, 5));
  CHECK_FALSE(placeSector("linear", "/dev/sda x", 100, 5));

  // 3 stripes of 8-sector chunks; offset 30 = chunk 3 (row 1 of stripe 0), 6 into it.
  const std::string params = "3 8 /dev/a 0 /dev/b 100 /dev/c 1000";
  const auto striped = placeSector("striped", params, 48, 30);
  REQUIRE(striped);
  CHECK(striped->device == "/dev/a");
  CHECK(striped->stripe == 0u);
  CHECK(striped->sector == 14);
  const auto second = placeSector("striped", params, 48, 17);  // chunk 2 -> stripe 2, row 0
  REQUIRE(second);
  CHECK(second->device == "/dev/c");
  CHECK(second->sector == 1001);
  CHECK_FALSE(placeSector("striped", "3 8 /dev/a 0 /dev/b 100", 48, 1));  // a stripe missing
  CHECK_FALSE(placeSector("striped", params, 47, 1));                     // length not divisible
}

TEST_CASE("reverse lookups undo forward placement", "[reverse]") {
  std::mt19937_64 random(31337);
  for (int round = 0; round < 20; ++round) {
    ReverseIndex index;
    const uint32_t device = index.addDevice("vol");
    struct Target {
      uint64_t start, length;
      std::string type, params;
    };
    std::vector<Target> targets;
    uint64_t start = 0;
    for (int i = 0; i < 12; ++i) {
      Target t;
      t.start = start;
      if (random() % 2) {
        const uint64_t stripes = 1 + random() % 4;
        const uint64_t chunk = 1 + random() % 16;
        t.length = stripes * chunk * (1 + random() % 5);
        t.type = "striped";
        t.params = std::to_string(stripes) + " " + std::to_string(chunk);
        for (uint64_t s = 0; s < stripes; ++s)
          t.params += " /dev/d" + std::to_string(random() % 3) + " " + std::to_string(random() % 500);
      } else {
        t.length = 1 + random() % 100;
        t.type = "linear";
        t.params = "/dev/d" + std::to_string(random() % 3) + " " + std::to_string(random() % 500);
      }
      index.addTarget(device, static_cast<uint32_t>(i), t.start, t.length, t.type, t.params);
      targets.push_back(t);
      start += t.length;
    }
    index.finish();
    for (uint32_t i = 0; i < targets.size(); ++i) {
      const Target& t = targets[i];
      for (uint64_t offset = 0; offset < t.length; ++offset) {
        const auto placed = placeSector(t.type, t.params, t.length, offset);
        REQUIRE(placed);
        const std::vector<ReverseHit> hits = index.find(placed->device, placed->sector);
        INFO("round " << round << " target " << i << " offset " << offset);
        REQUIRE(containsHit(hits, device, t.start + offset));
        // And every hit must map forward to that very underlying sector.
        for (const ReverseHit& hit : hits) {
          const Target& back = targets[hit.target];
          const auto again = placeSector(back.type, back.params, back.length, hit.sector - back.start);
          REQUIRE(again);
          REQUIRE(again->device == placed->device);
          REQUIRE(again->sector == placed->sector);
        }
      }
    }
  }
}

TEST_CASE("reverse lookups follow stacked devices", "[reverse]") {
  ReverseIndex index;
  const uint32_t lower = index.addDevice("lower");
  const uint32_t upper = index.addDevice("upper");
  const uint32_t top = index.addDevice("top");
  index.addTarget(lower, 0, 0, 1000, "linear", "/dev/sda 5000");
  index.addTarget(upper, 0, 0, 100, "zero", "");
  index.addTarget(upper, 1, 100, 500, "linear", "/dev/mapper/lower 200");
  index.addTarget(top, 0, 0, 50, "linear", "@upper 140");
  index.finish();

  const std::vector<ReverseHit> hits = index.find("/dev/sda", 5250);
  REQUIRE(hits.size() == 3);
  CHECK(hits[0].device == lower);
  CHECK(hits[0].sector == 250);
  CHECK(hits[0].via == -1);
  CHECK(hits[1].device == upper);
  CHECK(hits[1].sector == 150);
  CHECK(hits[1].via == 0);
  CHECK(hits[2].device == top);
  CHECK(hits[2].sector == 10);
  CHECK(hits[2].via == 1);
  CHECK(index.find("/dev/sda", 5250, false).size() == 1);
  CHECK(index.find("@lower", 250).size() == 2);
  CHECK(index.find("/dev/sda", 4999).empty());
  CHECK(index.find("/dev/sdb", 5250).empty());
}

TEST_CASE("overlapping extents of one device are all found", "[reverse]") {
  ReverseIndex index;
  const uint32_t a = index.addDevice("a");
  const uint32_t b = index.addDevice("b");
  index.addTarget(a, 0, 0, 10000, "linear", "/dev/sda 0");  // long extent first
  index.addTarget(b, 0, 0, 10, "linear", "/dev/sda 100");
  index.addTarget(b, 1, 10, 10, "linear", "/dev/sda 5000");
  index.finish();
  CHECK(index.find("/dev/sda", 5005).size() == 2);
  CHECK(index.find("/dev/sda", 9999).size() == 1);
  CHECK(index.find("/dev/sda", 10000).empty());
}

TEST_CASE("every target with a fixed mapping is placed one to one from its offset", "[reverse]") {
  const std::string key(64, 'a');
  const auto crypt = placeSector("crypt", "aes-xts-plain64 " + key + " 0 /dev/mapper/pool 8", 100, 5);
  REQUIRE(crypt);
  CHECK(crypt->device == "/dev/mapper/pool");
  CHECK(crypt->sector == 13);
  CHECK(placeSector("flakey", "/dev/sdb 16 5 5", 100, 1)->sector == 17);
  CHECK(placeSector("dust", "/dev/sdb 32 512", 100, 1)->sector == 33);
  CHECK(placeSector("ebs", "/dev/sdb 64 8", 100, 1)->sector == 65);
  CHECK(placeSector("snapshot-origin", "/dev/sdb", 100, 7)->sector == 7);
  CHECK(placeSector("log-writes", "/dev/sdb /dev/sdc", 100, 7)->device == "/dev/sdb");
  const auto verity = placeSector("verity", "1 /dev/sdb /dev/sdc 4096 4096 262144 1 sha256 " + key + " -", 100, 9);
  REQUIRE(verity);
  CHECK(verity->device == "/dev/sdb");
  CHECK(verity->sector == 9);
  // delay: reads go to the first device; the reverse index knows every device.
  CHECK(placeSector("delay", "/dev/sdb 0 10 /dev/sdc 100 20", 100, 3)->device == "/dev/sdb");
  ReverseIndex index;
  const uint32_t slow = index.addDevice("slow");
  index.addTarget(slow, 0, 0, 100, "delay", "/dev/sdb 0 10 /dev/sdc 100 20");
  index.finish();
  CHECK(containsHit(index.find("/dev/sdc", 103), slow, 3));
  CHECK(index.uses("/dev/sdb"));
  CHECK_FALSE(index.uses("/dev/sdx"));
  CHECK(index.usedDevices() == std::vector<std::string>{"/dev/sdb", "/dev/sdc"});
  // Targets whose mapping depends on more than the table are not followed.
  CHECK_FALSE(placeSector("thin", "/dev/mapper/pool 1", 100, 3));
  CHECK_FALSE(placeSector("mirror", "core 1 1024 2 /dev/sdb 0 /dev/sdc 0", 100, 3));
}
