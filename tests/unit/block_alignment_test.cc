// The logical block size rules (validator/block_alignment.h): device areas of a target with
// large logical blocks, and the end of the table.
#include <catch2/catch.hpp>

#include "tests/unit/test_support.h"

using dmc::DiagnosticCode;
using dmc::KernelVersion;
using dmc::test::compileText;

namespace {

dmc::test::Compiled compile72(const std::string& text) {
  dmc::CompileOptions options;
  options.kernel = dmc::KernelChoice::of(dmc::kKernel7_2);
  return compileText(text, options);
}

}  // namespace

TEST_CASE("512-byte targets need no alignment", "[block-alignment]") {
  CHECK(compileText("0 7 linear /dev/sda 3\n7 1 zero\n").ok());
}

TEST_CASE("a target's device area must start and end on its logical block", "[block-alignment]") {
  // writecache raises the logical block size to its block size: 4096 bytes, 8 sectors.
  CHECK(compileText("0 128 writecache s /dev/sda /dev/sdb 4096 0\n").ok());
  auto badLength = compileText("0 100 writecache s /dev/sda /dev/sdb 4096 0\n");
  REQUIRE(badLength.count(DiagnosticCode::BlockAlignment) >= 1);
  const auto& d = badLength.first(DiagnosticCode::BlockAlignment);
  CHECK_THAT(d.message, Catch::Contains("len=100 not aligned to h/w logical block size 4096 of /dev/sda"));
  CHECK(d.location.column == 3);  // the length

  // ebs with 4-sector emulated blocks: the offset must be a multiple of 4 sectors.
  auto badStart = compile72("0 8 ebs /dev/sda 6 4\n");
  REQUIRE(badStart.count(DiagnosticCode::BlockAlignment) == 1);
  const auto& s = badStart.first(DiagnosticCode::BlockAlignment);
  CHECK_THAT(s.message, Catch::Contains("start=6 not aligned to h/w logical block size 2048 of /dev/sda"));
  CHECK(s.location.column == 18);  // the offset
  CHECK(compile72("0 8 ebs /dev/sda 4 4\n").ok());
}

TEST_CASE("the table must end on the largest logical block of its targets", "[block-alignment]") {
  // 8 + 2 sectors: the writecache line is aligned, the table's end (10) is not on 8.
  auto r = compileText("0 8 writecache s /dev/sda /dev/sdb 4096 0\n8 2 zero\n");
  REQUIRE(r.count(DiagnosticCode::BlockAlignment) == 1);
  const auto& d = r.first(DiagnosticCode::BlockAlignment);
  CHECK(d.location.line == 2);
  // The kernel numbers the table's lines from 0, as dmesg shows them; the file's line follows.
  CHECK_THAT(d.message, Catch::StartsWith("table line 1 (start sect 8 len 2) not aligned to h/w logical block size 4096"));
  CHECK_THAT(d.message, Catch::EndsWith("(the kernel counts the table's lines from 0: this is line 2 of the file)"));
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].location.line == 1);
  // Small targets may fill the block between them: 8 + 2 + 6 ends on 16.
  CHECK(compileText("0 8 writecache s /dev/sda /dev/sdb 4096 0\n8 2 zero\n10 6 zero\n").ok());
}

TEST_CASE("each device of a file has its own logical block size", "[block-alignment]") {
  CHECK(compileText("device a\n0 8 writecache s /dev/sda /dev/sdb 4096 0\ndevice b\n0 3 zero\n").ok());
}

// The kernel's own refusals, seen in the differential test (tests/kernel/differential).
TEST_CASE("crypt's sector_size and verity's data blocks are logical blocks", "[block-alignment]") {
  const std::string key(64, '6');
  const std::string crypt = "crypt aes-xts-plain64 " + key + " 0 /dev/sda ";
  // sector_size:1024 is 2 sectors: the device offset must be even.
  auto odd = compileText("0 136 " + crypt + "4723 1 sector_size:1024\n");
  REQUIRE(odd.count(DiagnosticCode::BlockAlignment) == 1);
  CHECK_THAT(odd.first(DiagnosticCode::BlockAlignment).message,
             Catch::Contains("crypt: start=4723 not aligned to h/w logical block size 1024 of /dev/sda"));
  CHECK(compileText("0 136 " + crypt + "4722 1 sector_size:1024\n").ok());
  // ... and the table must end on 2 sectors: a 9-sector zero target after it does not.
  auto end = compileText("0 136 " + crypt + "0 1 sector_size:1024\n136 9 zero\n");
  REQUIRE(end.count(DiagnosticCode::BlockAlignment) == 1);
  CHECK_THAT(end.first(DiagnosticCode::BlockAlignment).message,
             Catch::Contains("table line 1 (start sect 136 len 9) not aligned to h/w logical block size 1024"));

  // verity with 4096-byte data blocks: its length must be a multiple of 8 sectors.
  const std::string digest(64, 'c');
  auto verity = compileText("device v ro\n0 498 verity 1 /dev/sda /dev/sdb 4096 512 64 544 sha256 " + digest +
                            " -\n");
  REQUIRE(verity.count(DiagnosticCode::BlockAlignment) >= 1);
  CHECK_THAT(verity.first(DiagnosticCode::BlockAlignment).message,
             Catch::Contains("len=498 not aligned to h/w logical block size 4096 of /dev/sda"));
}
