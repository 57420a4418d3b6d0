// cache (dm-cache-target.c parse_cache_args / cache_create, dm-cache-policy-smq.c).
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

namespace {
constexpr const char* kHead = "0 2048 cache /dev/meta /dev/fast /dev/slow ";
std::string line(const std::string& rest) { return kHead + rest; }
}  // namespace

TEST_CASE("cache accepts features, policies and policy settings", "[target][cache]") {
  expectClean(line("64 0 smq 0"));
  expectClean(line("2097152 0 default 0"));
  expectClean(line("+512 1 writethrough smq 0"));
  expectClean(line("128 3 passthrough metadata2 no_discard_passdown cleaner 0"));
  expectClean(line("128 2 WriteBack METADATA2 smq 2 migration_threshold 2048"));
  expectClean(line("128 0 smq 2 MIGRATION_THRESHOLD +0"));
  expectClean(line("128 0 mq 4 sequential_threshold 1024 random_threshold 4"));  // old tunables, no effect
  expectClean(line("128 0 smq 0 anything after the policy arguments"));          // ignored by the kernel
  expectClean(line("128 0 smq 0"), dmc::kKernel7_2);
}

TEST_CASE("cache needs its three devices and the block size", "[target][cache]") {
  expectArgError("0 2048 cache /dev/meta /dev/fast /dev/slow", "cache: Insufficient args", "");
  expectArgError("0 2048 cache /dev/meta", "<cache_dev> is missing", "");
}

TEST_CASE("cache block size is kstrtoul, 64..2097152 and a multiple of 64", "[target][cache]") {
  constexpr const char* kText = "cache: Invalid data block size";
  expectArgError(line("32 0 smq 0"), kText, "32");
  expectArgError(line("4194304 0 smq 0"), kText, "4194304");
  expectArgError(line("96 0 smq 0"), "a multiple of 64", "96");
  expectArgError(line("1M 0 smq 0"), kText, "1M");
}

TEST_CASE("cache feature count is 0..3, present and within the arguments", "[target][cache]") {
  constexpr const char* kText = "cache: Invalid number of cache feature arguments";
  expectArgError("0 2048 cache /dev/meta /dev/fast /dev/slow 64", kText, "");  // dm_read_arg_group on nothing
  expectArgError(line("64 4 writeback metadata2 no_discard_passdown writethrough smq 0"), kText, "4");
  expectArgError(line("64 2 writeback"), kText, "2");
  expectArgError(line("64 smq 0"), kText, "smq");
}

TEST_CASE("cache feature names and io modes", "[target][cache]") {
  expectArgError(line("64 1 write-back smq 0"), "cache: Unrecognised cache feature requested", "write-back");
  expectArgError(line("64 2 writeback writethrough smq 0"), "cache: Duplicate cache io_mode features requested",
                 "writethrough");
  expectArgError(line("64 2 writeback writeback smq 0"), "Duplicate cache io_mode features requested", "writeback", 2);
  // An unknown feature anywhere is reported before the duplicate mode.
  expectArgError(line("64 3 writeback writethrough bogus smq 0"), "Unrecognised cache feature requested", "bogus");
}

TEST_CASE("cache policy name and argument count", "[target][cache]") {
  expectArgError(line("64 0"), "cache: Insufficient args", "");
  expectArgError(line("64 0 smq"), "cache: Invalid number of policy arguments", "");
  expectArgError(line("64 0 smq 1025"), "cache: Invalid number of policy arguments", "1025");
  expectArgError(line("64 0 smq 2 migration_threshold"), "cache: Invalid number of policy arguments", "2");
}

TEST_CASE("cache policy must exist", "[target][cache]") {
  expectArgError(line("64 0 smqq 0"), "cache: Error creating cache's policy", "smqq");
  expectArgError(line("64 0 SMQ 0"), "cache: Error creating cache's policy", "SMQ");  // strcmp
}

TEST_CASE("cache policy settings are key/value pairs the policy knows", "[target][cache]") {
  constexpr const char* kText = "cache: Error setting cache policy's config values";
  expectArgError(line("64 0 smq 1 migration_threshold"), kText, "1");
  expectArgError(line("64 0 smq 2 migration_threshold lots"), kText, "lots");
  expectArgError(line("64 0 smq 2 sequential_threshold 8"), kText, "sequential_threshold");  // only mq has these
  expectArgError(line("64 0 cleaner 2 random_threshold 8"), kText, "random_threshold");
  expectArgError(line("64 0 mq 2 write_promote_adjustment -1"), kText, "-1");
  // The policy is created before its settings are read.
  expectArgError(line("64 0 nosuch 1 x"), "Error creating cache's policy", "nosuch");
}

TEST_CASE("cache uses (0, length) of the origin device", "[target][cache]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/meta", 8}, {"/dev/fast", 64}, {"/dev/slow", 2048}};
  auto ok = compileText(line("64 0 smq 0") + "\n", options);
  INFO(ok.describe());
  CHECK(ok.ok());
  auto r = compileText("0 4096 cache /dev/meta /dev/fast /dev/slow 64 0 smq 0\n", options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(r.first(DiagnosticCode::DeviceTooSmall).location.column ==
        dmc::test::columnOf("0 4096 cache /dev/meta /dev/fast /dev/slow 64 0 smq 0", "/dev/slow"));
}

TEST_CASE("cache's data block must fit on the cache device", "[target][cache]") {
  std::string line = "0 2048 cache /dev/meta /dev/fast /dev/slow 4096 0 smq 0";
  std::vector<dmc::DeclaredDeviceSize> sizes = {{"/dev/meta", 8192}, {"/dev/fast", 4095}, {"/dev/slow", 2048}};
  dmc::test::expectDeviceTooSmall(line, sizes, "cache: Data block size is larger than the cache device",
                                  dmc::test::columnOf(line, "4096"));
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/meta", 8192}, {"/dev/fast", 4096}, {"/dev/slow", 2048}};
  CHECK(compileText(line + "\n", options).ok());
}
