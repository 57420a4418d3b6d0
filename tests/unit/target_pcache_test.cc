// pcache (dm-pcache/dm_pcache.c, upstream since 6.18): <cache_dev> <backing_dev>
// [<#opt> [cache_mode writeback] [data_crc true|false]]. The tests use 7.2.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileFor;
using dmc::test::expectArgError72;
using dmc::test::expectClean;

TEST_CASE("pcache: from 6.18", "[target][pcache]") {
  CHECK(compileFor("0 2048 pcache /dev/pmem0 /dev/sdb\n", dmc::kKernel6_12).count(DiagnosticCode::TargetTooNew) == 1);
  expectClean("0 2048 pcache /dev/pmem0 /dev/sdb", {6, 18});
}

TEST_CASE("pcache accepts its forms", "[target][pcache]") {
  expectClean("0 2048 pcache /dev/pmem0 /dev/sdb", dmc::kKernel7_2);
  expectClean("0 2048 pcache /dev/pmem0 /dev/sdb 0", dmc::kKernel7_2);
  expectClean("0 2048 pcache /dev/pmem0 /dev/sdb 4 cache_mode writeback data_crc true", dmc::kKernel7_2);
  expectClean("0 2048 pcache /dev/pmem0 /dev/sdb 2 data_crc false ignored", dmc::kKernel7_2);
}

TEST_CASE("pcache devices and options", "[target][pcache]") {
  expectArgError72("0 2048 pcache", "pcache: Insufficient args", "");
  expectArgError72("0 2048 pcache /dev/pmem0", "pcache: Insufficient args", "");
  expectArgError72("0 2048 pcache /dev/pmem0 /dev/sdb 5 a b c d e", "pcache: Invalid number of cache option arguments",
                   "5");
  expectArgError72("0 2048 pcache /dev/pmem0 /dev/sdb 2 data_crc", "pcache: Invalid number of cache option arguments",
                   "2");
  expectArgError72("0 2048 pcache /dev/pmem0 /dev/sdb 1 cache_mode", "pcache: Missing value for cache_mode",
                   "cache_mode");
  expectArgError72("0 2048 pcache /dev/pmem0 /dev/sdb 2 cache_mode writethrough",
                   "pcache: Invalid cache mode parameter", "writethrough");
  expectArgError72("0 2048 pcache /dev/pmem0 /dev/sdb 2 data_crc yes", "pcache: Invalid data crc parameter", "yes");
  expectArgError72("0 2048 pcache /dev/pmem0 /dev/sdb 2 Data_Crc true", "pcache: Unrecognised cache option requested",
                   "Data_Crc");
}
