// inlinecrypt (dm-inlinecrypt.c, applied from 7.2): crypt's syntax through blk-crypto. Where
// each failure points, and that its key never shows.
#include <catch2/catch.hpp>

#include "tests/unit/target_error_expect.h"

using dmc::DiagnosticCode;
using dmc::test::compileFor;
using dmc::test::expectArgError72;
using dmc::test::expectClean;

namespace {

const std::string kKey(128, '7');
std::string line(const std::string& key, const std::string& rest = "0 /dev/sda 0") {
  return "0 2048 inlinecrypt aes-xts-plain64 " + key + " " + rest;
}

}  // namespace

TEST_CASE("inlinecrypt: from 7.2", "[target][inlinecrypt]") {
  CHECK(compileFor(line(kKey) + "\n", dmc::kKernel6_12).count(DiagnosticCode::TargetTooNew) == 1);
  expectClean(line(kKey), dmc::kKernel7_2);
  expectClean(line(kKey, "0 /dev/sda 0 3 sector_size:4096 iv_large_sectors allow_discards"), dmc::kKernel7_2);
  expectClean(line(":64:logon:fde:root"), dmc::kKernel7_2);
  expectClean(line(kKey, "0 /dev/sda 0 0 ignored"), dmc::kKernel7_2);  // past the group: not read
}

TEST_CASE("inlinecrypt's key", "[target][inlinecrypt]") {
  expectArgError72(line(std::string(258, '7')), "inlinecrypt: Cannot parse key size", std::string(258, '7'));
  expectArgError72(line(":64x:logon:fde"), "inlinecrypt: Cannot parse key size", ":64x:logon:fde");
  expectArgError72(line(":129:logon:fde"), "inlinecrypt: Malformed key string: the key is 129 bytes", ":129:logon:fde");
  expectArgError72(line(":64:logon:"), "inlinecrypt: Malformed key string", ":64:logon:");
  expectArgError72(line(std::string(64, '7')), "inlinecrypt: Error initializing blk-crypto key", std::string(64, '7'));
  expectClean(line(std::string(64, '7'), "0 /dev/sda 0 1 keytype:hw-wrapped"), dmc::kKernel7_2);
  // The key is masked wherever the line is shown.
  auto r = compileFor(line("77zz" + std::string(124, '7')) + "\n", dmc::kKernel7_2);
  INFO(r.describe());
  CHECK(r.describe().find("77zz") == std::string::npos);
}

TEST_CASE("inlinecrypt's options and sizes", "[target][inlinecrypt]") {
  expectArgError72(line(kKey, "0 /dev/sda 0 1 Allow_Discards"), "inlinecrypt: Invalid feature arguments",
                   "Allow_Discards");
  expectArgError72(line(kKey, "0 /dev/sda 0 1 sector_size:4096"), "inlinecrypt: iv_large_sectors must be specified",
                   "sector_size:4096");
  expectArgError72(line(kKey, "0 /dev/sda 0 2 sector_size:1000 iv_large_sectors"), "inlinecrypt: Invalid sector_size",
                   "sector_size:1000");
  expectArgError72("0 2047 inlinecrypt aes-xts-plain64 " + kKey + " 0 /dev/sda 0 2 sector_size:1024 iv_large_sectors",
                   "inlinecrypt: Device size is not a multiple of sector_size", "sector_size:1024");
  expectArgError72(line(kKey, "0 /dev/sda +0"), "inlinecrypt: Invalid start sector", "+0");
}
