// log-writes (dm-log-writes.c): <dev> <log_dev>.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileText;
using dmc::test::expectArgError;
using dmc::test::expectClean;

TEST_CASE("log-writes accepts a device and a log device", "[target][log-writes]") {
  expectClean("0 1000 log-writes /dev/sda /dev/sdb");
  expectClean("0 1000 log-writes 8:0 8:16 ignored", dmc::kKernel7_2);  // the kernel ignores extras
}

TEST_CASE("log-writes needs two arguments", "[target][log-writes]") {
  expectArgError("0 1000 log-writes", "log-writes: Invalid argument count", "");
  expectArgError("0 1000 log-writes /dev/sda", "log-writes: Invalid argument count", "");
}

TEST_CASE("log-writes uses (0, length) of the data device only", "[target][log-writes]") {
  dmc::CompileOptions options;
  options.deviceSizes = {{"/dev/sda", 1000}, {"/dev/sdb", 10}};
  CHECK(compileText("0 1000 log-writes /dev/sda /dev/sdb\n", options).ok());
  auto r = compileText("0 1001 log-writes /dev/sda /dev/sdb\n", options);
  CHECK(r.count(DiagnosticCode::DeviceTooSmall) == 1);
}
