// raid (dm-raid.c raid_ctr, parse_raid_params, parse_dev_params, rs_set_dev_and_array_sectors).
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::KernelVersion;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectArgError72;
using dmc::test::expectClean;

namespace {
// "- /dev/d0 - /dev/d1 ..." for n devices.
std::string pairs(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? " - /dev/d" : "- /dev/d") + std::to_string(i);
  return out;
}
// "/dev/m0 /dev/d0 /dev/m1 /dev/d1 ...": with metadata devices, which 6.1's raid10 needs.
std::string metaPairs(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? " /dev/m" : "/dev/m") + std::to_string(i) + " /dev/d" + std::to_string(i);
  return out;
}
}  // namespace

TEST_CASE("raid accepts every level with its parameters", "[target][raid]") {
  expectClean("0 2048 raid raid1 1 0 2 " + pairs(2));
  expectClean("0 2048 raid raid1 3 0 region_size 1024 2 /dev/m0 /dev/d0 /dev/m1 /dev/d1");
  expectClean("0 2048 raid raid1 1 -5 2 " + pairs(2));     // raid1 ignores the chunk size
  expectClean("0 2048 raid RAID5_LS 1 64 3 " + pairs(3));  // strcasecmp
  expectClean("0 2048 raid raid4 1 +64 3 " + pairs(3));    // kstrtoint takes a '+'
  expectClean("0 4096 raid raid6_zr 1 64 4 " + pairs(4));
  expectClean("0 2048 raid raid0 1 64 2 " + pairs(2));
  expectClean("0 2048 raid raid0 3 8 data_offset 0 4 " + pairs(4));
  expectClean("0 2048 raid raid10 5 64 raid10_copies 2 raid10_format far 4 " + metaPairs(4));
  expectClean("0 2048 raid raid10 6 64 raid10_format offset raid10_use_near_sets raid10_copies 2 4 " + metaPairs(4));
  expectClean("0 2048 raid raid10_near 3 64 raid10_copies 3 3 " + metaPairs(3));
  expectClean("0 2048 raid raid1 3 0 rebuild 1 2 " + pairs(2));
  expectClean("0 2048 raid raid1 1 0 3 - /dev/d0 - /dev/d1 - -");  // a missing leg
  expectClean("0 2048 raid raid4 5 64 journal_dev /dev/j journal_mode WriteBack 3 " + pairs(3));
  expectClean("0 2048 raid raid1 5 0 write_mostly 1 max_write_behind 256 2 " + pairs(2));
  expectClean(
      "0 2048 raid raid5_ls 11 64 stripe_cache 256 min_recovery_rate 10 max_recovery_rate 100 daemon_sleep "
      "5000 data_offset 64 3 " +
      pairs(3));
  expectClean("0 2048 raid raid5_ra 4 64 nosync delta_disks -1 3 " + pairs(3));
  expectClean("0 2048 raid raid6_n_6 2 64 sync 4 " + pairs(4));
  expectClean("0 2048 raid raid1 1 0 2 " + pairs(2) + " trailing");  // not checked by the kernel
  expectClean("0 2048 raid raid1 3 0 max_write_behind 40000 2 " + pairs(2), dmc::kKernel7_2);
}

TEST_CASE("raid type and counts", "[target][raid]") {
  expectArgError("0 2048 raid", "raid: No arguments", "");
  expectArgError("0 2048 raid raid7 1 64 2 " + pairs(2), "raid: Unrecognised raid_type", "raid7");
  expectArgError("0 2048 raid raid1", "raid: Cannot understand number of raid parameters", "");
  expectArgError("0 2048 raid raid1 x 0 2 " + pairs(2), "raid: Cannot understand number of raid parameters", "x");
  expectArgError("0 2048 raid raid1 9 0 2 " + pairs(2), "raid: Cannot understand number of raid parameters", "9");
  expectArgError("0 2048 raid raid1 1 0", "raid: Cannot understand number of raid devices parameters", "");
  expectArgError("0 2048 raid raid1 1 0 3 " + pairs(2), "raid: Cannot understand number of raid devices parameters",
                 "3");
  expectArgError("0 2048 raid raid1 1 0 0 - /dev/d0", "raid: Cannot understand number of raid devices parameters", "0",
                 3);
  expectArgError("0 2048 raid raid0 1 64 254 " + pairs(254), "raid: Invalid number of supplied raid devices", "254");
  expectArgError("0 2048 raid raid6_zr 1 64 2 " + pairs(2), "raid: Insufficient number of devices", "2");
  expectArgError("0 2048 raid raid5_ls 1 64 1 " + pairs(1), "raid: Insufficient number of devices", "1", 2);
}

TEST_CASE("raid chunk size", "[target][raid]") {
  expectArgError("0 2048 raid raid5_ls 1 x 3 " + pairs(3), "raid: Bad numerical argument given for chunk_size", "x");
  expectArgError("0 2048 raid raid1 1 x 2 " + pairs(2), "raid: Bad numerical argument given for chunk_size", "x");
  expectArgError("0 2048 raid raid0 1 2147483648 2 " + pairs(2), "Bad numerical argument given for chunk_size",
                 "2147483648");
  expectArgError("0 2048 raid raid0 1 48 2 " + pairs(2), "raid: Chunk size must be a power of 2", "48");
  expectArgError("0 2048 raid raid0 1 0 2 " + pairs(2), "raid: Chunk size must be a power of 2", "0", 2);
  expectArgError("0 2048 raid raid0 1 -64 2 " + pairs(2), "raid: Chunk size must be a power of 2", "-64");
  expectArgError("0 2048 raid raid0 1 4 2 " + pairs(2), "raid: Chunk size value is too small", "4");
}

TEST_CASE("raid with 0 parameters never loads: the chunk size is always read", "[target][raid]") {
  expectArgError("0 2048 raid raid1 0 2 " + pairs(2), "raid: Bad numerical argument given in raid params", "/dev/d0");
  expectArgError("0 2048 raid raid1 0 1 sync nosync", "raid: Not enough raid parameters given", "");
  expectArgError("0 2048 raid raid1 0 1 sync rebuild", "raid: Wrong number of raid parameters given", "");
  expectArgError("0 2048 raid raid1 0 1 sync nosync", "#raid_params is 0", "");
}

TEST_CASE("raid flags may appear once", "[target][raid]") {
  expectArgError("0 2048 raid raid1 3 0 sync sync 2 " + pairs(2), "raid: Only one 'sync' argument allowed", "sync", 2);
  expectArgError("0 2048 raid raid1 3 0 nosync NOSYNC 2 " + pairs(2), "raid: Only one 'nosync' argument allowed",
                 "NOSYNC");
  expectArgError("0 2048 raid raid10 3 64 raid10_use_near_sets raid10_use_near_sets 2 " + pairs(2),
                 "raid: Only one 'raid10_use_new_sets' argument allowed", "raid10_use_near_sets", 2);
}

TEST_CASE("raid string parameters", "[target][raid]") {
  expectArgError("0 2048 raid raid1 3 0 raid10_format near 2 " + pairs(2),
                 "raid: 'raid10_format' is an invalid parameter for this RAID type", "raid10_format");
  expectArgError("0 2048 raid raid10 5 64 raid10_format near raid10_format far 2 " + pairs(2),
                 "raid: Only one 'raid10_format' argument pair allowed", "raid10_format", 2);
  expectArgError("0 2048 raid raid10 3 64 raid10_format wide 2 " + pairs(2),
                 "raid: Invalid 'raid10_format' value given", "wide");
  expectArgError("0 2048 raid raid1 3 0 journal_dev /dev/j 2 " + pairs(2),
                 "raid: 'journal_dev' is an invalid parameter for this RAID type", "journal_dev");
  expectArgError("0 2048 raid raid5_ls 5 64 journal_dev /dev/j journal_dev /dev/k 3 " + pairs(3),
                 "raid: Only one raid4/5/6 set journaling device allowed", "journal_dev", 2);
  expectArgError("0 2048 raid raid5_ls 3 64 journal_mode writeback 3 " + pairs(3),
                 "raid: raid4/5/6 'journal_mode' is invalid without 'journal_dev'", "journal_mode");
  expectArgError("0 2048 raid raid5_ls 5 64 journal_dev /dev/j journal_mode fast 3 " + pairs(3),
                 "raid: Invalid 'journal_mode' argument", "fast");
  expectArgError(
      "0 2048 raid raid5_ls 7 64 journal_dev /dev/j journal_mode writeback journal_mode writeback 3 " + pairs(3),
      "raid: Only one raid4/5/6 'journal_mode' argument allowed", "journal_mode", 2);
}

TEST_CASE("raid numeric parameters are kstrtoint", "[target][raid]") {
  expectArgError("0 2048 raid raid1 3 0 region_size 1M 2 " + pairs(2),
                 "raid: Bad numerical argument given in raid params", "1M");
  // The value is read before the name is looked up.
  expectArgError("0 2048 raid raid1 3 0 speed fast 2 " + pairs(2), "Bad numerical argument given in raid params",
                 "fast");
  expectArgError("0 2048 raid raid1 3 0 speed 5 2 " + pairs(2), "raid: Unable to parse RAID parameter", "speed");
}

TEST_CASE("raid rebuild and write_mostly indexes", "[target][raid]") {
  expectArgError("0 2048 raid raid1 3 0 rebuild 2 2 " + pairs(2), "raid: Invalid rebuild index given", "2");
  expectArgError("0 2048 raid raid1 3 0 rebuild -1 2 " + pairs(2), "raid: Invalid rebuild index given", "-1");
  expectArgError("0 2048 raid raid1 5 0 rebuild 0 rebuild 0 3 " + pairs(3),
                 "raid: rebuild for this index already given", "0", 4);
  expectArgError("0 2048 raid raid5_ls 3 64 write_mostly 0 3 " + pairs(3),
                 "raid: write_mostly option is only valid for RAID1", "write_mostly");
  expectArgError("0 2048 raid raid1 3 0 write_mostly 2 2 " + pairs(2), "raid: Invalid write_mostly index given", "2");
  expectArgError("0 2048 raid raid1 5 0 write_mostly 0 write_mostly 1 2 " + pairs(2),
                 "raid: Can't set all raid1 devices to write_mostly", "write_mostly", 2);
  // The same index twice still counts twice.
  expectArgError("0 2048 raid raid1 5 0 write_mostly 0 write_mostly 0 2 " + pairs(2),
                 "Can't set all raid1 devices to write_mostly", "write_mostly", 2);
}

TEST_CASE("raid max_write_behind: raid1 only; 6.1 bounds it", "[target][raid]") {
  expectArgError("0 2048 raid raid10 3 64 max_write_behind 8 2 " + pairs(2),
                 "raid: max_write_behind option is only valid for RAID1", "max_write_behind");
  expectArgError("0 2048 raid raid1 5 0 max_write_behind 8 max_write_behind 8 2 " + pairs(2),
                 "raid: Only one max_write_behind argument pair allowed", "max_write_behind", 2);
  expectArgError("0 2048 raid raid1 3 0 max_write_behind 32768 2 " + pairs(2),
                 "raid: Max write-behind limit out of range", "32768");
  expectClean("0 2048 raid raid1 3 0 max_write_behind 32767 2 " + pairs(2));
  expectArgError72("0 2048 raid raid1 3 0 max_write_behind -2 2 " + pairs(2),
                   "raid: Max write-behind limit out of range", "-2");
}

TEST_CASE("raid ranges of the other numeric parameters", "[target][raid]") {
  expectArgError("0 2048 raid raid1 3 0 daemon_sleep -1 2 " + pairs(2), "raid: daemon sleep period out of range", "-1");
  expectArgError("0 2048 raid raid1 3 0 data_offset 16 2 " + pairs(2), "raid: Bogus data_offset value", "16");
  expectArgError("0 2048 raid raid1 3 0 data_offset 36 2 " + pairs(2), "raid: Bogus data_offset value", "36");
  expectArgError("0 2048 raid raid1 3 0 delta_disks 0 2 " + pairs(2), "raid: Too many delta_disk requested", "0", 3);
  expectArgError("0 2048 raid raid1 3 0 delta_disks 252 2 " + pairs(2), "raid: Too many delta_disk requested", "252");
  expectArgError("0 2048 raid raid1 3 0 stripe_cache 8 2 " + pairs(2), "raid: Inappropriate argument: stripe_cache",
                 "stripe_cache");
  expectArgError("0 2048 raid raid5_ls 3 64 stripe_cache -8 3 " + pairs(3), "raid: Bogus stripe cache entries value",
                 "-8");
  expectArgError("0 2048 raid raid1 3 0 min_recovery_rate -1 2 " + pairs(2), "raid: min_recovery_rate out of range",
                 "-1");
  expectArgError("0 2048 raid raid1 3 0 max_recovery_rate -1 2 " + pairs(2), "raid: max_recovery_rate out of range",
                 "-1");
  expectArgError("0 2048 raid raid10 3 64 raid10_copies 1 2 " + pairs(2), "raid: Bad value for 'raid10_copies'", "1");
  expectArgError("0 2048 raid raid10 3 64 raid10_copies 3 2 " + pairs(2), "raid: Bad value for 'raid10_copies'", "3",
                 2);
  expectArgError("0 2048 raid raid1 5 0 daemon_sleep 1 daemon_sleep 2 2 " + pairs(2),
                 "raid: Only one daemon_sleep argument pair allowed", "daemon_sleep", 2);
}

TEST_CASE("raid key/value parameters may appear once each", "[target][raid]") {
  struct Case {
    const char* type;
    const char* chunk;
    int devs;
    const char* key;
    const char* value;
  };
  const Case cases[] = {
      {"raid1", "0", 2, "daemon_sleep", "1"},      {"raid1", "0", 2, "data_offset", "0"},
      {"raid1", "0", 2, "delta_disks", "1"},       {"raid1", "0", 2, "min_recovery_rate", "1"},
      {"raid1", "0", 2, "max_recovery_rate", "1"}, {"raid1", "0", 2, "region_size", "1024"},
      {"raid1", "0", 2, "max_write_behind", "8"},  {"raid5_ls", "64", 3, "stripe_cache", "8"},
      {"raid10", "64", 2, "raid10_copies", "2"},
  };
  for (const Case& k : cases) {
    std::string once = std::string(k.key) + " " + k.value;
    std::string head = std::string("0 2048 raid ") + k.type + " ";
    std::string devices =
        " " + std::to_string(k.devs) + " " + (std::string(k.type) == "raid10" ? metaPairs(k.devs) : pairs(k.devs));
    expectClean(head + "3 " + k.chunk + " " + once + devices);
    expectArgError(head + "5 " + k.chunk + " " + once + " " + once + devices,
                   std::string("raid: Only one ") + k.key + " argument pair allowed", k.key, 2);
  }
}

TEST_CASE("raid parameters checked together", "[target][raid]") {
  expectArgError("0 2048 raid raid1 3 0 sync nosync 2 " + pairs(2), "raid: sync and nosync are mutually exclusive",
                 "nosync");
  expectArgError("0 2048 raid raid1 4 0 rebuild 0 sync 2 " + pairs(2),
                 "raid: sync/nosync and rebuild are mutually exclusive", "sync");
  expectArgError("0 2048 raid raid1 5 0 min_recovery_rate 100 max_recovery_rate 10 2 " + pairs(2),
                 "raid: Bogus recovery rates", "min_recovery_rate");
  expectClean("0 2048 raid raid1 3 0 min_recovery_rate 100 2 " + pairs(2));  // max 0: no maximum
}

TEST_CASE("raid region size", "[target][raid]") {
  expectArgError("0 2048 raid raid1 3 0 region_size 4096 2 " + pairs(2), "raid: Supplied region size is too large",
                 "4096");
  expectArgError("0 4294967296 raid raid1 3 0 region_size 1024 2 " + pairs(2), "raid: Supplied region size is too small",
                 "1024");
  expectArgError("0 2048 raid raid1 3 0 region_size 1000 2 " + pairs(2), "raid: Region size is not a power of 2",
                 "1000");
  expectArgError("0 2048 raid raid5_ls 3 128 region_size 64 3 " + pairs(3),
                 "raid: Region size is smaller than the chunk size", "64");
  expectArgError("0 2048 raid raid1 3 0 region_size -1 2 " + pairs(2), "raid: Supplied region size is too large", "-1");
  expectClean("0 4294967296 raid raid1 3 0 region_size 2048 2 " + pairs(2));
}

TEST_CASE("raid10 layout rules", "[target][raid]") {
  expectArgError("0 2048 raid raid10 1 64 1 " + pairs(1), "raid: Not enough devices to satisfy specification", "1", 2);
  expectArgError("0 2048 raid raid10 2 64 raid10_use_near_sets 2 " + pairs(2),
                 "raid: RAID10 format 'near' and 'raid10_use_near_sets' are incompatible", "raid10_use_near_sets");
  expectArgError("0 2048 raid raid10 4 64 raid10_format near raid10_use_near_sets 2 " + pairs(2),
                 "RAID10 format 'near' and 'raid10_use_near_sets' are incompatible", "raid10_use_near_sets");
}

TEST_CASE("raid parameters allowed per level", "[target][raid]") {
  constexpr const char* kText = "raid: Invalid flags combination";
  expectArgError("0 2048 raid raid0 2 64 sync 2 " + pairs(2), kText, "sync");
  expectArgError("0 2048 raid raid0 3 64 region_size 1024 2 " + pairs(2), kText, "region_size");
  expectArgError("0 2048 raid raid6_zr 2 64 nosync 4 " + pairs(4), kText, "nosync");
  expectArgError("0 2048 raid raid1 3 0 raid10_copies 2 2 " + pairs(2), kText, "raid10_copies");
  expectArgError("0 2048 raid raid5_ls 2 64 raid10_use_near_sets 3 " + pairs(3), kText, "raid10_use_near_sets");
  // The earliest offending parameter is shown.
  expectArgError("0 2048 raid raid0 5 64 rebuild 0 daemon_sleep 5 2 " + pairs(2), kText, "rebuild");
}

TEST_CASE("raid device pairs", "[target][raid]") {
  expectArgError("0 2048 raid raid1 3 0 rebuild 1 2 - /dev/d0 - -", "raid: Drive designated for rebuild not specified",
                 "-", 3);
  expectArgError("0 2048 raid raid1 1 0 2 /dev/m0 /dev/d0 /dev/m1 -",
                 "raid: No data device supplied with metadata device", "-");
  // A value read past #raid_params shifts the device list: the kernel then misreads it.
  expectArgError("0 2048 raid raid1 2 0 region_size 2 - /dev/d0 - /dev/d1", "shifted position", "-", 2);
  expectArgError("0 2048 raid raid1 2 0 daemon_sleep 2 - - - -", "raid: Unknown error", "");
}

TEST_CASE("raid target length must divide over the data devices", "[target][raid]") {
  constexpr const char* kText = "raid: Target length not divisible by number of data devices";
  expectArgError("0 2049 raid raid5_ls 1 64 3 " + pairs(3), kText, "raid");
  expectArgError("0 2048 raid raid0 1 64 3 " + pairs(3), kText, "raid");
  expectArgError("0 2047 raid raid10 1 64 3 " + pairs(3), kText, "raid");
  expectClean("0 2049 raid raid1 1 0 2 " + pairs(2));
  expectArgError("0 2048 raid raid10 3 64 delta_disks -1 4 " + pairs(4),
                 "raid: Bogus raid10 data copies or delta disks", "delta_disks");
  expectArgError("0 2 raid raid10 3 64 delta_disks 1 4 " + pairs(4), kText, "raid");
}

TEST_CASE("raid10 grown size leaves out the reshape space in 7.2", "[target][raid]") {
  const std::string line = "0 3072 raid raid10 7 64 raid10_copies 3 delta_disks 1 data_offset 32 3 " + metaPairs(3);
  expectClean(line);
  expectArgError72(line, "raid: Target length not divisible by number of data devices", "raid");
}

TEST_CASE("raid uses (0, per-device size) of every data device", "[target][raid]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/d0", 1024}, {"/dev/d1", 1024}, {"/dev/d2", 1023}, {"/dev/m0", 8}};
  auto ok = compileText("0 2048 raid raid5_ls 1 64 3 /dev/m0 /dev/d0 - /dev/d1 - /dev/d1\n", options);
  INFO(ok.describe());
  CHECK(ok.ok());
  auto r = compileText("0 2048 raid raid5_ls 1 64 3 /dev/m0 /dev/d0 - /dev/d1 - /dev/d2\n", options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(r.first(DiagnosticCode::DeviceTooSmall).location.column ==
        dmc::test::columnOf("0 2048 raid raid5_ls 1 64 3 /dev/m0 /dev/d0 - /dev/d1 - /dev/d2", "/dev/d2"));
  auto mirror = compileText("0 2048 raid raid1 1 0 2 - /dev/d0 - /dev/d1\n", options);
  CHECK(mirror.count(DiagnosticCode::DeviceTooSmall) == 2);  // raid1 legs hold the whole length
}

TEST_CASE("raid metadata devices must be declared devices", "[target][raid]") {
  std::string line = "0 2048 raid raid1 1 0 2 /dev/m0 /dev/d0 /dev/nometa /dev/d1";
  dmc::test::expectUndeclaredDevice(line, {{"/dev/d0", 2048}, {"/dev/d1", 2048}, {"/dev/m0", 8}}, "/dev/nometa",
                                    dmc::test::columnOf(line, "/dev/nometa"));
}

// Without superblocks dm-raid hands md a raid10 layout of 0 (6.1: "unsupported raid10 layout").
TEST_CASE("raid10 needs metadata devices on 6.1", "[target][raid]") {
  expectArgError("0 2048 raid raid10 3 64 raid10_copies 2 2 " + pairs(2), "raid: Failed to run raid array", "raid");
  expectClean("0 2048 raid raid10 3 64 raid10_copies 2 2 " + metaPairs(2));
  expectClean("0 2048 raid raid10 3 64 raid10_copies 2 2 " + pairs(2), KernelVersion{5, 15});
  expectClean("0 2048 raid raid1 1 0 2 " + pairs(2));
  expectClean("0 2048 raid raid0 1 64 2 " + pairs(2));
}

// What md refuses to run (validator/raid_redundancy.h), each checked in the 6.1 kernel.
TEST_CASE("raid6 needs 4 devices to run", "[target][raid]") {
  expectArgError("0 2048 raid raid6_zr 1 64 3 " + pairs(3), "raid: Failed to run raid array", "raid");
  expectClean("0 2048 raid raid5_ls 1 64 2 " + pairs(2));  // raid4/5 run on 2
  expectClean("0 2048 raid raid1 1 0 1 - /dev/d0");
  expectClean("0 2048 raid raid0 1 64 1 - /dev/d0");
}

TEST_CASE("raid with no data device has no size", "[target][raid]") {
  expectArgError("0 2048 raid raid1 1 0 2 - - - -", "raid: Invalid rdev size", "raid");
}

TEST_CASE("raid degraded beyond what its level survives does not run", "[target][raid]") {
  constexpr const char* kRun = "raid: Failed to run raid array";
  expectArgError("0 2048 raid raid0 1 64 2 - - - /dev/d1", kRun, "raid");
  expectClean("0 2048 raid raid1 1 0 2 - - - /dev/d1");
  expectClean("0 2048 raid raid5_ls 1 64 3 - - - /dev/d1 - /dev/d2");
  expectArgError("0 2048 raid raid5_ls 1 64 3 - - - - - /dev/d2", kRun, "raid");
  expectClean("0 2048 raid raid6_zr 1 64 4 - - - - - /dev/d2 - /dev/d3");
  expectArgError("0 2048 raid raid6_zr 1 64 4 - - - - - - - /dev/d3", kRun, "raid");
  // Devices being rebuilt hold nothing yet.
  expectClean("0 2048 raid raid1 3 0 rebuild 1 2 " + pairs(2));
  expectArgError("0 2048 raid raid1 5 0 rebuild 0 rebuild 1 2 " + pairs(2), kRun, "raid");
  expectArgError("0 2048 raid raid5_ls 5 64 rebuild 0 rebuild 2 3 " + metaPairs(3), kRun, "raid");
  expectArgError("0 2048 raid raid4 3 64 rebuild 1 3 - - " + metaPairs(2), kRun, "raid");
}

TEST_CASE("raid10 runs while every chunk keeps a copy", "[target][raid]") {
  constexpr const char* kRun = "raid: Failed to run raid array";
  // near, 2 copies over 4 devices: 0+1 and 2+3 mirror each other.
  expectClean("0 2048 raid raid10 7 64 raid10_copies 2 rebuild 0 rebuild 2 4 " + metaPairs(4));
  expectArgError("0 2048 raid raid10 7 64 raid10_copies 2 rebuild 0 rebuild 1 4 " + metaPairs(4), kRun, "raid");
  // near over 3 devices: the pairs wrap around (0+1, 2+0, 1+2).
  expectArgError("0 3072 raid raid10 7 64 raid10_copies 2 rebuild 0 rebuild 2 3 " + metaPairs(3), kRun, "raid");
  // far: the copies of a chunk are on neighbouring devices, with wrap-around.
  expectArgError("0 2048 raid raid10 9 64 raid10_format far raid10_copies 2 rebuild 0 rebuild 3 4 " + metaPairs(4),
                 kRun, "raid");
  expectClean("0 2048 raid raid10 9 64 raid10_format far raid10_copies 2 rebuild 0 rebuild 2 4 " + metaPairs(4));
}

TEST_CASE("raid with superblocks: missing devices beyond the level's redundancy", "[target][raid]") {
  constexpr const char* kText = "raid: Insufficient redundancy to activate array";
  expectArgError("0 2048 raid raid5_ls 1 64 3 - - - - /dev/m2 /dev/d2", kText, "raid");
  expectArgError("0 2048 raid raid10 3 64 raid10_copies 2 4 - - - - /dev/m2 /dev/d2 /dev/m3 /dev/d3", kText, "raid");
  // An existing array may lose what its level survives (the golden file's "degraded").
  expectClean("0 2048 raid raid5_ls 1 64 3 - - /dev/m1 /dev/d1 /dev/m2 /dev/d2");
  expectClean("0 2048 raid raid10 3 64 raid10_copies 2 4 - - /dev/m1 /dev/d1 - - /dev/m3 /dev/d3");
}

TEST_CASE("raid component and journal devices too small", "[target][raid]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/d0", 2048}, {"/dev/d1", 1024}, {"/dev/d2", 2048}, {"/dev/j", 8191}};
  auto small = compileText("0 2048 raid raid1 1 0 2 - /dev/d0 - /dev/d1\n", options);
  INFO(small.describe());
  REQUIRE(small.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(small.first(DiagnosticCode::DeviceTooSmall).message.find("raid: Component device(s) too small") !=
        std::string::npos);
  auto journal = compileText("0 2048 raid raid5_ls 3 64 journal_dev /dev/j 3 - /dev/d0 - /dev/d2 - /dev/d0\n", options);
  INFO(journal.describe());
  REQUIRE(journal.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(journal.first(DiagnosticCode::DeviceTooSmall).message.find("raid: No space for raid4/5/6 journal") !=
        std::string::npos);
}
