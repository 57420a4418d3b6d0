// multipath (dm-mpath.c and the path selectors): features, hardware handler, priority groups,
// selector arguments and per-path arguments, every count and range.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::KernelVersion;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectArgError72;
using dmc::test::expectClean;

namespace {
const std::string kHead = "0 100 multipath ";
}

TEST_CASE("multipath accepts the usual tables", "[target][multipath]") {
  expectClean(kHead + "0 0 0 0");  // no paths at all
  expectClean(kHead + "0 0 1 1 round-robin 0 2 1 /dev/sda 1 /dev/sdb 1");
  expectClean(kHead + "1 queue_if_no_path 0 2 2 round-robin 0 1 0 /dev/sda service-time 0 1 2 /dev/sdb 1 100");
  expectClean(kHead + "2 pg_init_retries 50 1 alua 1 1 queue-length 0 1 1 /dev/sda 128");
  expectClean(kHead + "6 retain_attached_hw_handler pg_init_delay_msecs 60000 queue_mode mq QUEUE_IF_NO_PATH "
                      "3 emc 1 0 1 1 round-robin 0 1 0 8:16");
  expectClean(kHead + "2 queue_mode bio 2 alua x 1 1 round-robin 0 1 0 /dev/sda");
  expectClean(kHead + "2 Queue_Mode RQ 0 1 1 service-time 0 1 1 /dev/sda 4294967295");
  expectClean(kHead + "0 0 1 2 round-robin 0 1 0 /dev/sda");  // the kernel never checks initial <= count
}

TEST_CASE("multipath feature count and features", "[target][multipath]") {
  expectArgError("0 100 multipath", "multipath: invalid number of feature args", "");
  expectArgError(kHead + "9 a b c d e f g h i 0 0 0", "multipath: invalid number of feature args", "9");
  expectArgError(kHead + "2 queue_if_no_path", "multipath: invalid number of feature args", "2");
  expectArgError(kHead + "1 queue_if_nopath 0 0 0", "multipath: Unrecognised multipath feature request",
                 "queue_if_nopath");
  // A feature's value must be counted too, else the name alone is not recognised.
  expectArgError(kHead + "1 pg_init_retries 5 0 0 0", "multipath: Unrecognised multipath feature request",
                 "pg_init_retries");
  expectArgError(kHead + "2 pg_init_retries 0 0 0 0", "multipath: pg_init_retries must be between 1 and 50", "0",
                 2);
  expectArgError(kHead + "2 pg_init_retries 51 0 0 0", "pg_init_retries must be between 1 and 50", "51");
  expectArgError(kHead + "2 pg_init_delay_msecs 60001 0 0 0",
                 "multipath: pg_init_delay_msecs must be between 0 and 60000", "60001");
  expectArgError(kHead + "2 queue_mode fast 0 0 0", "multipath: Unknown 'queue_mode' requested", "fast");
}

TEST_CASE("multipath hardware handler count", "[target][multipath]") {
  expectArgError(kHead + "0", "multipath: invalid number of hardware handler args", "");
  expectArgError(kHead + "0 3 alua 1", "multipath: invalid number of hardware handler args", "3");
  expectArgError(kHead + "0 1025", "invalid number of hardware handler args", "1025");
}

TEST_CASE("multipath priority group count and initial group", "[target][multipath]") {
  expectArgError(kHead + "0 0", "multipath: invalid number of priority groups", "");
  expectArgError(kHead + "0 0 1025 1", "multipath: invalid number of priority groups", "1025");
  expectArgError(kHead + "0 0 1", "multipath: invalid initial priority group number", "");
  expectArgError(kHead + "0 0 1 1025", "multipath: invalid initial priority group number", "1025");
  expectArgError(kHead + "0 0 1 0 round-robin 0 1 0 /dev/sda", "multipath: invalid initial priority group", "0", 4);
  expectArgError(kHead + "0 0 0 1", "multipath: invalid initial priority group", "1");
  expectArgError(kHead + "0 0 2 1 round-robin 0 1 0 /dev/sda", "multipath: priority group count mismatch", "2");
  expectArgError(kHead + "0 0 1 1 round-robin 0 1 0 /dev/sda round-robin 0 1 0 /dev/sdb",
                 "multipath: priority group count mismatch", "1");
}

TEST_CASE("multipath priority group head", "[target][multipath]") {
  expectArgError(kHead + "0 0 1 1 round-robin", "multipath: not enough priority group arguments", "round-robin");
  expectArgError(kHead + "0 0 1 1 random 0 1 0 /dev/sda", "multipath: unknown path selector type", "random");
  expectArgError(kHead + "0 0 1 1 Round-Robin 0 1 0 /dev/sda", "unknown path selector type", "Round-Robin");
  expectArgError(kHead + "0 0 1 1 round-robin 5 1 0 /dev/sda", "multipath: invalid number of path selector args",
                 "5");
  expectArgError(kHead + "0 0 1 1 round-robin 0 0 0", "multipath: invalid number of paths", "0", 5);
  expectArgError(kHead + "0 0 1 1 round-robin 0 1025 0", "multipath: invalid number of paths", "1025");
  expectArgError(kHead + "0 0 1 1 round-robin 0 1", "multipath: invalid number of selector args", "");
  expectArgError(kHead + "0 0 1 1 round-robin 0 1 1025 /dev/sda", "multipath: invalid number of selector args",
                 "1025");
  expectArgError(kHead + "0 0 1 1 round-robin 0 2 0 /dev/sda", "multipath: not enough path parameters", "");
  expectArgError(kHead + "0 0 1 1 round-robin 0 1 1 /dev/sda", "multipath: not enough path parameters", "/dev/sda");
}

TEST_CASE("multipath selectors of 6.1 and 7.2", "[target][multipath]") {
  const std::string hst = kHead + "0 0 1 1 historical-service-time 0 1 0 /dev/sda";
  const std::string ioa = kHead + "0 0 1 1 io-affinity 0 1 1 /dev/sda 1";
  expectArgError(hst, "multipath: unknown path selector type", "historical-service-time");
  expectArgError(ioa, "multipath: unknown path selector type", "io-affinity");
  expectClean(hst, dmc::kKernel7_2);
  expectClean(ioa, dmc::kKernel7_2);
}

TEST_CASE("multipath round-robin and queue-length path arguments", "[target][multipath]") {
  expectArgError(kHead + "0 0 1 1 round-robin 0 1 2 /dev/sda 1 2",
                 "multipath: round-robin ps: incorrect number of arguments", "2", 2);
  expectArgError(kHead + "0 0 1 1 round-robin 0 1 1 /dev/sda x", "multipath: round-robin ps: invalid repeat count",
                 "x");
  expectArgError(kHead + "0 0 1 1 queue-length 0 1 2 /dev/sda 1 2", "queue-length ps: incorrect number of arguments",
                 "2", 2);
  expectArgError(kHead + "0 0 1 1 queue-length 0 2 1 /dev/sda 1 /dev/sdb +1",
                 "queue-length ps: invalid repeat count", "+1");
}

TEST_CASE("multipath service-time path arguments", "[target][multipath]") {
  expectClean(kHead + "0 0 1 1 service-time 0 2 2 /dev/sda 1 0 /dev/sdb 1 100");
  expectArgError(kHead + "0 0 1 1 service-time 0 1 3 /dev/sda 1 1 1", "service-time ps: incorrect number of arguments",
                 "1", 6);
  expectArgError(kHead + "0 0 1 1 service-time 0 1 2 /dev/sda x 1", "service-time ps: invalid repeat count", "x");
  expectArgError(kHead + "0 0 1 1 service-time 0 1 2 /dev/sda 1 101",
                 "multipath: service-time ps: invalid relative_throughput value", "101");
}

TEST_CASE("multipath 7.2 historical-service-time arguments", "[target][multipath]") {
  expectClean(kHead + "0 0 1 1 historical-service-time 2 1023 4 1 1 /dev/sda 8", dmc::kKernel7_2);
  expectArgError72(kHead + "0 0 1 1 historical-service-time 3 1 1 1 1 0 /dev/sda",
                   "multipath: path selector constructor failed", "1", 5);
  expectArgError72(kHead + "0 0 1 1 historical-service-time 1 1024 1 0 /dev/sda", "path selector constructor failed",
                   "1024");
  expectArgError72(kHead + "0 0 1 1 historical-service-time 2 0 x 1 0 /dev/sda", "path selector constructor failed",
                   "x");
  expectArgError72(kHead + "0 0 1 1 historical-service-time 0 1 2 /dev/sda 1 1",
                   "historical-service-time ps: incorrect number of arguments", "1", 5);
}

TEST_CASE("multipath 7.2 io-affinity CPU masks", "[target][multipath]") {
  const std::string head = kHead + "0 0 1 1 io-affinity 0 ";
  expectClean(head + "2 1 /dev/sda 3 /dev/sdb c", dmc::kKernel7_2);
  expectClean(head + "2 1 /dev/sda ff,00000000 /dev/sdb FF", dmc::kKernel7_2);
  expectArgError72(head + "1 0 /dev/sda", "multipath: io-affinity ps: invalid number of arguments", "");
  expectArgError72(head + "1 2 /dev/sda 1 2", "io-affinity ps: invalid number of arguments", "2", 2);
  expectArgError72(head + "1 1 /dev/sda 0x3", "multipath: io-affinity ps: invalid cpumask", "0x3");
  expectArgError72(head + "1 1 /dev/sda 123456789", "io-affinity ps: invalid cpumask", "123456789");
  expectArgError72(head + "1 1 /dev/sda 0", "multipath: io-affinity ps: No new/valid CPU mapping found", "0", 5);
  // Each CPU goes to the first path that names it: a path left with none is refused.
  expectArgError72(head + "2 1 /dev/sda 7 /dev/sdb 3", "io-affinity ps: No new/valid CPU mapping found", "3");
}

TEST_CASE("multipath uses (0, length) of every path", "[target][multipath]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 100}, {"/dev/sdb", 99}};
  auto r = compileText(kHead + "0 0 1 1 round-robin 0 2 0 /dev/sda /dev/sdb\n", options);
  INFO(r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK_THAT(r.first(DiagnosticCode::DeviceTooSmall).message, Catch::Contains("/dev/sdb"));
}
