// mirror (dm-raid1.c mirror_ctr, dm-log.c, dm-log-userspace-base.c).
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

namespace {
constexpr const char* kLog = "mirror: Error creating mirror dirty log";
}

TEST_CASE("mirror accepts core, disk and userspace logs, 2..9 legs and features", "[target][mirror]") {
  expectClean("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0");
  expectClean("device d\n0 2048 mirror core 2 2 nosync 2 /dev/sda 0 /dev/sdb 1M");
  expectClean("0 2048 mirror core 2 2048 sync 3 /dev/sda 0 /dev/sdb 0 /dev/sdc 8");
  expectClean("0 2048 mirror disk 2 /dev/log 1024 2 /dev/sda 0 /dev/sdb 0");
  expectClean("0 2048 mirror disk 3 /dev/log 1024 nosync 2 /dev/sda 0 /dev/sdb 0 1 handle_errors");
  expectClean("0 2048 mirror userspace 4 LVM-abc clustered-disk /dev/log 1024 2 /dev/sda 0 /dev/sdb 0");
  expectClean(
      "0 2048 mirror core 1 1024 9 /dev/a 0 /dev/b 0 /dev/c 0 /dev/d 0 /dev/e 0 /dev/f 0 /dev/g 0 /dev/h 0 "
      "/dev/i 0");
  expectClean("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0 2 handle_errors keep_log");
  expectClean("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0 0");
  expectClean("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0", dmc::kKernel7_2);
}

TEST_CASE("mirror log type and argument count", "[target][mirror]") {
  expectArgError("0 2048 mirror core", "mirror: Insufficient mirror log arguments", "");
  expectArgError("0 2048 mirror core x 1024 2 /dev/sda 0 /dev/sdb 0", "mirror: Invalid mirror log argument count", "x");
  expectArgError("0 2048 mirror core 3 1024 sync", "mirror: Insufficient mirror log arguments", "3");
  expectArgError("0 2048 mirror Core 1 1024 2 /dev/sda 0 /dev/sdb 0", kLog, "Core");
  expectArgError("0 2048 mirror clustered-core 1 1024 2 /dev/sda 0 /dev/sdb 0", kLog, "clustered-core");
}

TEST_CASE("mirror core and disk log arguments", "[target][mirror]") {
  expectArgError("0 2048 mirror core 0 2 /dev/sda 0 /dev/sdb 0", kLog, "0", 2);
  expectArgError("0 2048 mirror core 3 1024 sync x 2 /dev/sda 0 /dev/sdb 0", kLog, "3");
  expectArgError("0 2048 mirror disk 1 /dev/log 2 /dev/sda 0 /dev/sdb 0", kLog, "1");
  expectArgError("0 2048 mirror core 2 1024 SYNC 2 /dev/sda 0 /dev/sdb 0", "sync or nosync", "SYNC");
  expectArgError("0 2048 mirror disk 3 /dev/log 1024 async 2 /dev/sda 0 /dev/sdb 0", kLog, "async");
  expectArgError("0 2048 mirror userspace 2 uuid clustered-disk 2 /dev/sda 0 /dev/sdb 0", kLog, "2");
  expectArgError("0 2048 mirror userspace 3 " + std::string(129, 'u') + " clustered-core 1024 2 /dev/sda 0 /dev/sdb 0",
                 kLog, std::string(129, 'u'));
}

TEST_CASE("mirror region size: %u, a power of two, 2..target length", "[target][mirror]") {
  expectArgError("0 2048 mirror core 1 1 2 /dev/sda 0 /dev/sdb 0", "region size must be a power of two", "1", 2);
  expectArgError("0 2048 mirror core 1 1000 2 /dev/sda 0 /dev/sdb 0", kLog, "1000");
  expectArgError("0 2048 mirror core 1 4096 2 /dev/sda 0 /dev/sdb 0", kLog, "4096");
  expectArgError("0 2048 mirror core 1 +1024 2 /dev/sda 0 /dev/sdb 0", kLog, "+1024");
  expectArgError("0 2048 mirror disk 2 /dev/log 512K 2 /dev/sda 0 /dev/sdb 0", kLog, "512K");
  // More regions than a 32-bit count: an 8 TiB leg (2^34 sectors) in 2-sector regions.
  expectArgError("0 17179869184 mirror core 1 2 2 /dev/sda 0 /dev/sdb 0", "exceed the log's limit", "2");
  // The sync word is checked before the region size.
  expectArgError("0 2048 mirror core 2 3 bad 2 /dev/sda 0 /dev/sdb 0", kLog, "bad");
}

TEST_CASE("mirror count is 2..9 and its legs must follow", "[target][mirror]") {
  constexpr const char* kText = "mirror: Invalid number of mirrors";
  expectArgError("0 2048 mirror core 1 1024", kText, "");
  expectArgError("0 2048 mirror core 1 1024 1 /dev/sda 0", kText, "1", 2);
  expectArgError("0 2048 mirror core 1 1024 10 /dev/sda 0", kText, "10");
  expectArgError("0 2048 mirror core 1 1024 two /dev/sda 0 /dev/sdb 0", kText, "two");
  expectArgError("0 2048 mirror core 1 1024 3 /dev/sda 0 /dev/sdb 0", "mirror: Too few mirror arguments", "");
  // The log is created first.
  expectArgError("0 2048 mirror core 1 3 1 /dev/sda 0", kLog, "3");
}

TEST_CASE("mirror offsets are %llu sectors", "[target][mirror]") {
  expectArgError("0 2048 mirror core 1 1024 2 /dev/sda x /dev/sdb 0", "mirror: Invalid offset", "x");
  expectArgError("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb -8", "mirror: Invalid offset", "-8");
}

TEST_CASE("mirror features", "[target][mirror]") {
  expectArgError("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0 x", "mirror: Invalid number of features", "x");
  expectArgError("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0 2 handle_errors",
                 "mirror: Not enough arguments to support feature count", "2", 2);
  expectArgError("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0 1 Handle_Errors",
                 "mirror: Unrecognised feature requested", "Handle_Errors");  // strcmp
  expectArgError("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0 1 keep_log",
                 "mirror: keep_log feature requires the handle_errors feature", "keep_log");
  expectArgError("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 0 1 handle_errors extra",
                 "mirror: Too many mirror arguments", "extra");
}

TEST_CASE("mirror uses (offset, length) of every leg", "[target][mirror]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 4096}, {"/dev/sdb", 4096}};
  auto ok = compileText("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 2048\n", options);
  INFO(ok.describe());
  CHECK(ok.ok());
  auto r = compileText("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 2049\n", options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(r.first(DiagnosticCode::DeviceTooSmall).location.column ==
        dmc::test::columnOf("0 2048 mirror core 1 1024 2 /dev/sda 0 /dev/sdb 2049", "2049"));
  // A line the kernel refuses records no areas.
  auto failed = compileText("0 2048 mirror core 1 1024 2 /dev/sda 9999 /dev/sdb 0 1 x\n", options);
  CHECK(failed.count(DiagnosticCode::DeviceTooSmall) == 0);
}

TEST_CASE("mirror's disk log device must be a declared device", "[target][mirror]") {
  std::string line = "0 1024 mirror disk 2 /dev/nolog 64 2 /dev/sda 0 /dev/sdb 0";
  dmc::test::expectUndeclaredDevice(line, {{"/dev/sda", 2048}, {"/dev/sdb", 2048}}, "/dev/nolog",
                                    dmc::test::columnOf(line, "/dev/nolog"));
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 2048}, {"/dev/sdb", 2048}};
  CHECK(compileText("0 1024 mirror core 1 64 2 /dev/sda 0 /dev/sdb 0\n", options).ok());
}
