// Sizes: bare sectors as dmsetup reads them, units as dmc adds them, exact or refused.
#include <catch2/catch.hpp>

#include "grammar/size_literal.h"

using dmc::parseSizeLiteral;
using dmc::SizeStatus;

TEST_CASE("bare numbers are sectors") {
  CHECK(parseSizeLiteral("0").sectors == 0);
  CHECK(parseSizeLiteral("2048").sectors == 2048);
  CHECK(parseSizeLiteral("18446744073709551615").sectors == UINT64_MAX);
  CHECK(parseSizeLiteral("0010").sectors == 10);  // dmsetup's %llu is decimal
  CHECK_FALSE(parseSizeLiteral("2048").hasUnit);
}

TEST_CASE("units are binary and exact") {
  CHECK(parseSizeLiteral("8s").sectors == 8);
  CHECK(parseSizeLiteral("4096B").sectors == 8);
  CHECK(parseSizeLiteral("1K").sectors == 2);
  CHECK(parseSizeLiteral("1KiB").sectors == 2);
  CHECK(parseSizeLiteral("1M").sectors == 2048);
  CHECK(parseSizeLiteral("1G").sectors == 2097152);
  CHECK(parseSizeLiteral("1GiB").sectors == 2097152);
  CHECK(parseSizeLiteral("2T").sectors == 4294967296ull);
  CHECK(parseSizeLiteral("1P").sectors == 2199023255552ull);
  CHECK(parseSizeLiteral("1.5G").sectors == 3145728);
  CHECK(parseSizeLiteral("0.5K").sectors == 1);
  CHECK(parseSizeLiteral("1G").hasUnit);
}

TEST_CASE("a size that is not whole sectors is refused") {
  CHECK(parseSizeLiteral("1000B").status == SizeStatus::PartialSector);
  CHECK(parseSizeLiteral("0.3K").status == SizeStatus::PartialSector);
  CHECK(parseSizeLiteral("1.00000000000000000000001K").status == SizeStatus::PartialSector);
  CHECK(parseSizeLiteral("1.50000000000000000000000G").sectors == 3145728);
}

TEST_CASE("too large, negative and malformed") {
  CHECK(parseSizeLiteral("18446744073709551616").status == SizeStatus::TooLarge);
  CHECK(parseSizeLiteral("17179869184T").status == SizeStatus::TooLarge);  // 2^64 sectors
  CHECK(parseSizeLiteral(std::string(10000, '9')).status == SizeStatus::TooLarge);
  CHECK(parseSizeLiteral("-5").status == SizeStatus::Negative);
  for (const char* bad : {"", "+", "x", "1x", "0x10", "1.5", "1.G", ".5G", "1 G", "1g", "1KB"}) {
    INFO(bad);
    CHECK(parseSizeLiteral(bad).status == SizeStatus::Invalid);
  }
}

TEST_CASE("a leading plus is read, and flagged") {
  auto size = parseSizeLiteral("+100");
  CHECK(size.status == SizeStatus::Ok);
  CHECK(size.sectors == 100);
  CHECK(size.hasPlus);
}
