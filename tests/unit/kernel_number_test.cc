// The kernel's two ways of reading numbers.
#include <catch2/catch.hpp>

#include "validator/ctr/kernel_number.h"

using dmc::kstrtoUnsigned;
using dmc::NumberStatus;
using dmc::scanUnsigned;

TEST_CASE("sscanf %llu / %u: digits only") {
  CHECK(scanUnsigned("123").value == 123);
  CHECK(scanUnsigned("+1").status == NumberStatus::Invalid);
  CHECK(scanUnsigned("-1").status == NumberStatus::Invalid);
  CHECK(scanUnsigned("1a").status == NumberStatus::Invalid);
  CHECK(scanUnsigned("").status == NumberStatus::Invalid);
  CHECK(scanUnsigned("18446744073709551615").value == UINT64_MAX);
  CHECK(scanUnsigned("18446744073709551616").status == NumberStatus::Overflow);
  CHECK(scanUnsigned("4294967295", 32).value == 4294967295u);
  CHECK(scanUnsigned("4294967296", 32).status == NumberStatus::Overflow);
}

TEST_CASE("kstrtou*: an optional plus, then digits") {
  CHECK(kstrtoUnsigned("+7").value == 7);
  CHECK(kstrtoUnsigned("7").value == 7);
  CHECK(kstrtoUnsigned("++7").status == NumberStatus::Invalid);
  CHECK(kstrtoUnsigned("-7").status == NumberStatus::Invalid);
  CHECK(kstrtoUnsigned("4294967296", 32).status == NumberStatus::Overflow);
}
