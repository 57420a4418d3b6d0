// vdo (dm-vdo-target.c, upstream since 6.9): [V<n>] <storage_dev> [<storage_4k_blocks>]
// <minimum_io_bytes> ... <block_map_cache_4k_blocks> <block_map_era_length> [<key> <value>...].
// Where each failure points, per table version, and what the target asks of its device.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileFor;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

namespace {

const dmc::KernelVersion k69 = {6, 9};
const std::string kV4 = "0 2048 vdo V4 /dev/sda 1024 4096 32768 16380";

void expectVdoError(const std::string& line, std::string_view message, std::string_view at, int nth = 1) {
  expectArgError(line, message, at, nth, k69);
}

}  // namespace

TEST_CASE("vdo: in 6.9 and later", "[target][vdo]") {
  CHECK(compileFor(kV4 + "\n", dmc::kKernel6_6).count(DiagnosticCode::TargetTooNew) == 1);
  expectClean(kV4, k69);
  expectClean(kV4, dmc::kKernel7_2);
}

TEST_CASE("vdo reads each table version's own fields", "[target][vdo]") {
  expectClean("0 2048 vdo /dev/sda 4096 disabled 0 32768 16380 on sync vdo0 .", k69);
  expectClean("0 2048 vdo V1 /dev/sda 1024 512 disabled 0 32768 16380 on sync vdo0 cpu=2,logical=1,physical=1,hash=1",
              k69);
  expectClean("0 2048 vdo V2 /dev/sda 1024 4096 32768 16380 on sync vdo0 maxDiscard 8", k69);
  expectClean("0 2048 vdo V3 /dev/sda 1024 4096 32768 16380 sync compression on", k69);
  expectClean(kV4 + " unknownKey 7", k69);  // only logged by the kernel
  // The same field is at a different place in each version: V1's cache follows the read cache.
  expectVdoError("0 2048 vdo V1 /dev/sda 1024 4096 disabled 0 lots 16380 on sync vdo0 .",
                 "vdo: Invalid block map page cache size", "lots");
  expectVdoError("0 2048 vdo V3 /dev/sda 1024 4096 32768 16380 sync cpu", "vdo: Odd number of optional arguments",
                 "cpu");
  expectVdoError("0 2048 vdo V0 /dev/sda 1024 4096 32768 16380", "vdo: Unknown version number detected", "V0");
  expectVdoError("0 2048 vdo /dev/sda 4096 disabled 0 32768 16380 on sync vdo0 . extra",
                 "vdo: Incorrect number of arguments for version", "extra");
}

TEST_CASE("vdo's optional values and zone counts", "[target][vdo]") {
  expectVdoError(kV4 + " ack 1 bio 0", "vdo: Invalid optional argument configuration", "0", 2);
  expectVdoError(kV4 + " maxDiscard 1048576", "optional parameter error: at most 1048575 max discard blocks",
                 "1048576");
  expectClean(kV4 + " maxDiscard 1048575", k69);
  expectVdoError(kV4 + " hash 1", "vdo: Logical, physical, and hash zones counts must all be zero or all non-zero",
                 "1");
  expectVdoError("0 2048 vdo V4 /dev/sda 1024 4096 8191 16380 logical 2 physical 2 hash 2",
                 "vdo: Insufficient block map cache for logical zones", "8191");
  expectClean("0 2048 vdo V4 /dev/sda 1024 4096 8192 16380 logical 2 physical 2 hash 2", k69);
  expectVdoError("0 2048 vdo V1 /dev/sda 1024 4096 disabled 0 32768 16380 on sync vdo0 cpu=x",
                 "integer value needed, found \"x\"", "cpu=x");
}

TEST_CASE("vdo's storage area and logical block size", "[target][vdo]") {
  // The first <storage_4k_blocks> blocks of the storage must exist.
  dmc::CompileOptions options;
  options.kernel = dmc::KernelChoice::of(k69);
  options.deviceSizes = {{"/dev/sda", 8192}};
  CHECK(compileText(kV4 + "\n", options).ok());
  options.deviceSizes = {{"/dev/sda", 8191}};
  CHECK(compileText(kV4 + "\n", options).count(DiagnosticCode::DeviceTooSmall) == 1);
  // minimum_io_bytes is the device's logical block size: 4096 makes the table's end a whole block.
  auto unaligned = compileFor("0 2048 vdo V4 /dev/sda 1024 4096 32768 16380\n2048 1 zero\n", k69);
  CHECK(unaligned.count(DiagnosticCode::BlockAlignment) == 1);
  auto emulated = compileFor("0 2048 vdo V4 /dev/sda 1024 512 32768 16380\n2048 1 zero\n", k69);
  CHECK(emulated.count(DiagnosticCode::BlockAlignment) == 0);
}
