// writecache (dm-writecache.c): <p|s> <origin> <cache> <block_size> <#opt> [<opt>...].
#include <string>

#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

namespace {

std::string wc(const std::string& args) { return "0 128 writecache " + args; }

}  // namespace

TEST_CASE("writecache accepts its usual forms", "[target][writecache]") {
  expectClean(wc("s /dev/sda /dev/sdb 4096 0"));
  expectClean(wc("S /dev/sda /dev/sdb 512 0"));
  expectClean(wc("p /dev/sda /dev/pmem0 4096 2 fua cleaner"));
  expectClean(wc("s /dev/sda /dev/sdb 4096 18 start_sector 2048 high_watermark 60 low_watermark 50 "
                 "writeback_jobs 1024 autocommit_blocks 64 autocommit_time 3600000 max_age 86400000 "
                 "pause_writeback 60000 cleaner metadata_only"));
  expectClean(wc("s /dev/sda /dev/sdb 4096 4 HIGH_WATERMARK 100 Low_Watermark -0"));
  expectClean(wc("s /dev/sda /dev/sdb 4096 0 extra"));  // arguments past the option count are ignored
}

TEST_CASE("writecache mode and devices: Bad arguments", "[target][writecache]") {
  expectArgError("0 100 writecache", "writecache: Bad arguments", "");
  expectArgError(wc("x /dev/sda /dev/sdb 4096 0"), "writecache: Bad arguments", "x");
  expectArgError(wc("s /dev/sda"), "writecache: Bad arguments", "");
  expectArgError(wc("s /dev/sda /dev/sdb"), "writecache: Bad arguments", "");
}

TEST_CASE("writecache block size is 512..4096, a power of two", "[target][writecache]") {
  for (const char* bad : {"256", "8192", "3000", "x", "+512"})
    expectArgError(wc(std::string("s /dev/sda /dev/sdb ") + bad + " 0"), "writecache: Invalid block size", bad);
}

TEST_CASE("writecache option count is required, 0..18", "[target][writecache]") {
  expectArgError(wc("s /dev/sda /dev/sdb 4096"), "writecache: Invalid number of feature args", "");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 19"), "writecache: Invalid number of feature args", "19");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 cleaner"), "writecache: Invalid number of feature args", "2");
}

TEST_CASE("writecache option values", "[target][writecache]") {
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 start_sector x"), "writecache: Invalid optional argument", "x");
  for (const char* bad : {"101", "-1", "x", "+5"})
    expectArgError(wc(std::string("s /dev/sda /dev/sdb 4096 2 high_watermark ") + bad),
                   "writecache: Invalid optional argument", bad);
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 writeback_jobs -1"), "writecache: Invalid optional argument", "-1");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 autocommit_time 3600001"), "writecache: Invalid optional argument",
                 "3600001");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 max_age 86400001"), "writecache: Invalid optional argument",
                 "86400001");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 pause_writeback 60001"), "writecache: Invalid optional argument",
                 "60001");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 autocommit_blocks 4294967296"), "does not fit in 32 bits",
                 "4294967296");
}

TEST_CASE("writecache options by mode, and values counted in the option count", "[target][writecache]") {
  expectArgError(wc("p /dev/sda /dev/pmem0 4096 2 pause_writeback 100"), "writecache: Invalid optional argument",
                 "pause_writeback");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 1 fua"), "writecache: Invalid optional argument", "fua");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 1 nofua"), "writecache: Invalid optional argument", "nofua");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 1 start_sector 8"), "writecache: Invalid optional argument",
                 "start_sector");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 1 bogus"), "writecache: Invalid optional argument", "bogus");
}

TEST_CASE("writecache high watermark must not be below the low one", "[target][writecache]") {
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 high_watermark 40"),
                 "writecache: High watermark must be greater than or equal to low watermark: the high watermark is "
                 "40% and the low watermark 45% (the default)",
                 "40");
  expectArgError(wc("s /dev/sda /dev/sdb 4096 2 low_watermark 60"),
                 "writecache: High watermark must be greater than or equal to low watermark", "60");
  expectClean(wc("s /dev/sda /dev/sdb 4096 4 high_watermark 40 low_watermark 40"));
}

TEST_CASE("writecache uses (0, length) of its origin", "[target][writecache]") {
  dmc::CompileOptions options;
  // The cache holds its superblock block and one data block (two 4 KiB blocks, 16 sectors).
  options.deviceSizes = {{"/dev/sda", 128}, {"/dev/sdb", 16}};
  CHECK(compileText(wc("s /dev/sda /dev/sdb 4096 0") + "\n", options).ok());
  CHECK(compileText("0 136 writecache s /dev/sda /dev/sdb 4096 0\n", options).count(DiagnosticCode::DeviceTooSmall) ==
        1);
}

// start_sector at or past the cache's end is refused while the options are read, with the
// option's words; only the device's size tells it from a cache too small after it.
TEST_CASE("writecache's start_sector must be inside the cache device", "[target][writecache]") {
  std::string line = "0 128 writecache s /dev/sda /dev/sdb 4096 2 start_sector 8192";
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 128}, {"/dev/sdb", 8192}};
  auto r = compileText(line + "\n", options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::TargetArgument) == 1);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 0);
  const dmc::Diagnostic& d = r.first(DiagnosticCode::TargetArgument);
  CHECK_THAT(d.message, Catch::Contains("writecache: Invalid optional argument: start_sector is 8192; the cache "
                                        "device /dev/sdb has 8192 sectors"));
  CHECK(d.location.column == dmc::test::columnOf(line, "8192"));
  options.deviceSizes = {{"/dev/sda", 128}, {"/dev/sdb", 8192 + 16}};
  CHECK(compileText(line + "\n", options).ok());
  // A cache device of the same file defined before: its table gives its size, as a disk's.
  options.deviceSizes = {{"/dev/sda", 128}, {"/dev/sdb", 8192}};
  auto earlier = compileText("device cache\n0 8192 linear /dev/sdb 0\ndevice wc\n"
                             "0 128 writecache s /dev/sda @cache 4096 2 start_sector 8192\n",
                             options);
  INFO(earlier.describe());
  REQUIRE(earlier.count(DiagnosticCode::TargetArgument) == 1);
  CHECK_THAT(earlier.first(DiagnosticCode::TargetArgument).message,
             Catch::Contains("start_sector is 8192; the cache device @cache has 8192 sectors"));
  // Defined after: its size is known only once the file is read, and one area stands for
  // both refusals, in the option's words.
  auto later = compileText("device wc\n0 128 writecache s /dev/sda @cache 4096 2 start_sector 8192\n"
                           "device cache\n0 8192 linear /dev/sdb 0\n",
                           options);
  INFO(later.describe());
  REQUIRE(later.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK_THAT(later.first(DiagnosticCode::DeviceTooSmall).message,
             Catch::Contains("writecache: Invalid optional argument"));
}

// The cache must hold a superblock block and one data block after start_sector.
TEST_CASE("writecache's cache device holds at least two blocks", "[target][writecache]") {
  // start_sector inside the cache, too little left after it: calculate_memory_size() fails.
  std::string line = "0 128 writecache s /dev/sda /dev/sdb 4096 2 start_sector 8184";
  dmc::test::expectDeviceTooSmall(line, {{"/dev/sda", 128}, {"/dev/sdb", 8192}}, "writecache: Invalid device size",
                                  dmc::test::columnOf(line, "8184"));
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 128}, {"/dev/sdb", 8200}};
  CHECK(compileText(line + "\n", options).ok());
  std::string small = "0 128 writecache s /dev/sda /dev/sdb 512 0";
  dmc::test::expectDeviceTooSmall(small, {{"/dev/sda", 128}, {"/dev/sdb", 1}}, "writecache: Invalid device size",
                                  dmc::test::columnOf(small, "/dev/sdb"));
  options.deviceSizes = {{"/dev/sda", 128}, {"/dev/sdb", 2}};
  CHECK(compileText(small + "\n", options).ok());
}
