// Forward placement through every target with a fixed mapping, and the reverse index that undoes
// it: for every logical sector, looking up where it lands must lead back to it.
#include <catch2/catch.hpp>

#include <functional>
#include <random>

#include "compiler/reverse_lookup.h"

namespace {

using namespace dmc;

bool containsHit(const std::vector<ReverseHit>& hits, uint32_t device, uint64_t sector) {
  return std::any_of(hits.begin(), hits.end(),
                     [&](const ReverseHit& h) { return h.device == device && h.sector == sector; });
}

struct Target {
  uint64_t start, length;
  std::string type, params;
};

// 20 random tables of `count` targets, each made by `make` (length, type, parameters): every
// logical sector placed forward is found again backward, and every hit maps forward to that
// very underlying sector.
void requireRoundTrips(uint64_t seed, int count, const std::function<void(std::mt19937_64&, Target&)>& make) {
  std::mt19937_64 random(seed);
  for (int round = 0; round < 20; ++round) {
    ReverseIndex index;
    const uint32_t device = index.addDevice("vol");
    std::vector<Target> targets;
    uint64_t start = 0;
    for (int i = 0; i < count; ++i) {
      Target t;
      t.start = start;
      make(random, t);
      index.addTarget(device, static_cast<uint32_t>(i), t.start, t.length, t.type, t.params);
      targets.push_back(t);
      start += t.length;
    }
    index.finish();
    for (uint32_t i = 0; i < targets.size(); ++i) {
      const Target& t = targets[i];
      for (uint64_t offset = 0; offset < t.length; ++offset) {
        const auto placed = placeSector(t.type, t.params, t.length, offset, t.start);
        REQUIRE(placed);
        const std::vector<ReverseHit> hits = index.find(placed->device, placed->sector);
        INFO("round " << round << " target " << i << " offset " << offset);
        REQUIRE(containsHit(hits, device, t.start + offset));
        // And every hit must map forward to that very underlying sector.
        for (const ReverseHit& hit : hits) {
          const Target& back = targets[hit.target];
          const auto again = placeSector(back.type, back.params, back.length, hit.sector - back.start, back.start);
          REQUIRE(again);
          REQUIRE(again->device == placed->device);
          REQUIRE(again->sector == placed->sector);
        }
      }
    }
  }
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
  requireRoundTrips(31337, 12, [](std::mt19937_64& random, Target& t) {
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
  });
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

TEST_CASE("unstriped takes one stripe's chunks, as dm-unstripe does", "[reverse]") {
  // 4 stripes of 8-sector chunks, stripe 1, from sector 100: offset S in the target goes to
  // 100 + S + (S / 8) * 3 * 8 + 1 * 8.
  const std::string params = "4 8 1 /dev/md0 100";
  const auto first = placeSector("unstriped", params, 32, 0);
  REQUIRE(first);
  CHECK(first->device == "/dev/md0");
  CHECK(first->sector == 108);                                  // 100 + 0 + 0 + 8
  CHECK_FALSE(first->stripe);
  CHECK(placeSector("unstriped", params, 32, 7)->sector == 115);  // 100 + 7 + 0 + 8
  CHECK(placeSector("unstriped", params, 32, 9)->sector == 141);  // 100 + 9 + 24 + 8
  CHECK(placeSector("unstriped", params, 32, 31)->sector == 211); // 100 + 31 + 72 + 8
  // dm-unstripe maps the offset in the target (dm_target_offset): a line at sector 16 too.
  CHECK(placeSector("unstriped", params, 32, 3, 16)->sector == 111);  // 100 + 3 + 0 + 8
  // A chunk that is no power of two (sector_div): 2 stripes of 3, stripe 1; S = 7 -> 7 + 6 + 3.
  CHECK(placeSector("unstriped", "2 3 1 /dev/md0 0", 9, 7)->sector == 16);
  // One stripe: the stripe number is not checked and still shifts by whole chunks.
  CHECK(placeSector("unstriped", "1 256 9 /dev/md0 0", 256, 5)->sector == 2309);  // 5 + 9 * 256
  CHECK_FALSE(placeSector("unstriped", params, 32, 32));                // past the target
  CHECK_FALSE(placeSector("unstriped", params, 30, 1));                 // length not divisible
  CHECK_FALSE(placeSector("unstriped", "4 8 5 /dev/md0 100", 32, 1));   // no such stripe
  CHECK_FALSE(placeSector("unstriped", "4 8 1 /dev/md0", 32, 1));       // an argument missing
  // The kernel multiplies (#stripes - 1) * chunk in 32 bits: a wrapped product is not followed.
  CHECK_FALSE(placeSector("unstriped", "3 2147483648 0 /dev/md0 0", 2147483648ULL, 1));
  CHECK(placeSector("unstriped", "2 4294967295 1 /dev/md0 0", 4294967295ULL, 1)->sector == 4294967296ULL);

  ReverseIndex index;
  const uint32_t one = index.addDevice("one");
  index.addTarget(one, 0, 0, 32, "unstriped", params);
  index.finish();
  const std::vector<ReverseHit> hits = index.find("/dev/md0", 141);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].device == one);
  CHECK(hits[0].sector == 9);
  CHECK_FALSE(hits[0].stripe);
  CHECK(index.find("/dev/md0", 108).size() == 1);
  CHECK(index.find("/dev/md0", 211).size() == 1);
  CHECK(index.find("/dev/md0", 107).empty());  // before the first chunk
  CHECK(index.find("/dev/md0", 116).empty());  // stripe 2's chunk of row 0
  CHECK(index.find("/dev/md0", 139).empty());  // stripe 0's chunk of row 1
  CHECK(index.find("/dev/md0", 140)[0].sector == 8);  // stripe 1's chunk of row 1
  CHECK(index.find("/dev/md0", 212).empty());  // after the last chunk
}

TEST_CASE("log-writes and snapshot-origin keep the device's sector, whatever the line's start", "[reverse]") {
  // normal_map_bio() and origin_map() change the bio's device, never its sector.
  CHECK(placeSector("log-writes", "/dev/sdb /dev/sdc", 50, 7, 100)->sector == 107);
  CHECK(placeSector("snapshot-origin", "/dev/sdb", 50, 7, 100)->sector == 107);
  // linear subtracts its start (dm_target_offset).
  CHECK(placeSector("linear", "/dev/sdb 0", 50, 7, 100)->sector == 7);
  ReverseIndex index;
  const uint32_t logged = index.addDevice("logged");
  index.addTarget(logged, 0, 0, 100, "zero", "");
  index.addTarget(logged, 1, 100, 50, "log-writes", "/dev/sdb /dev/sdc");
  index.finish();
  const std::vector<ReverseHit> hits = index.find("/dev/sdb", 107);
  REQUIRE(hits.size() == 1);
  CHECK(hits[0].sector == 107);
  CHECK(index.find("/dev/sdb", 7).empty());
}

TEST_CASE("reverse lookups undo forward placement through unstriped and device-sector targets", "[reverse]") {
  requireRoundTrips(4242, 8, [](std::mt19937_64& random, Target& t) {
    const std::string disk = "/dev/d" + std::to_string(random() % 2);
    if (random() % 3 != 0) {
      const uint64_t stripes = 1 + random() % 4;
      const uint64_t chunk = 1 + random() % 9;
      t.length = chunk * (1 + random() % 6);
      t.type = "unstriped";
      t.params = std::to_string(stripes) + " " + std::to_string(chunk) + " " + std::to_string(random() % stripes) +
                 " " + disk + " " + std::to_string(random() % 300);
    } else {
      t.length = 1 + random() % 40;
      t.type = random() % 2 ? "log-writes" : "snapshot-origin";
      t.params = t.type == "log-writes" ? disk + " /dev/log" : disk;
    }
  });
}
