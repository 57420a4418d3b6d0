// Normalising the kernel's table output and the file's table before comparing them.
#include <catch2/catch.hpp>

#include "emitters/secret_redaction.h"
#include "kernel/table_diff.h"
#include "tests/unit/test_support.h"

namespace {

std::optional<std::string> resolve(std::string_view path) {
  if (path == "/dev/loop0") return std::string("7:0");
  if (path == "/dev/mapper/base") return std::string("254:0");
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) out += (out.empty() ? "" : " ") + t;
  return out;
}

}  // namespace

TEST_CASE("device paths become major:minor, numbers lose leading zeros") {
  CHECK(joined(dmc::normalizeParams("linear", "/dev/loop0 0100", resolve)) == "7:0 100");
  CHECK(joined(dmc::normalizeParams("linear", "007:000 +5", resolve)) == "7:0 5");
  CHECK(joined(dmc::normalizeParams("linear", "/dev/nonexistent 0", resolve)) == "/dev/nonexistent 0");
}

TEST_CASE("the kernel's own ways of printing are matched") {
  // crypt: key in lower case; an empty feature group is not printed; features in any order.
  CHECK(joined(dmc::normalizeParams("crypt", "aes-xts-plain64 ABCD 0 /dev/loop0 0 0", resolve)) ==
        "aes-xts-plain64 abcd 0 7:0 0");
  CHECK(joined(dmc::normalizeParams("crypt", "aes-xts-plain64 ab 0 /dev/loop0 0 2 Same_CPU_Crypt allow_discards",
                                    resolve)) == "aes-xts-plain64 ab 0 7:0 0 2 allow_discards same_cpu_crypt");
  // 6.1's flakey always prints its feature count; error and zero print no arguments.
  CHECK(joined(dmc::normalizeParams("flakey", "/dev/loop0 0 1 1", resolve)) == "7:0 0 1 1 0");
  CHECK(dmc::normalizeParams("error", "ignored args", resolve).empty());
}

TEST_CASE("each target's printing rules come from its own type (TargetType::echo)") {
  // verity: digest and salt in lower case, an empty feature group left out.
  CHECK(joined(dmc::normalizeParams("verity", "1 /dev/loop0 /dev/loop0 4096 4096 8 1 sha256 ABCD EF01 0", resolve)) ==
        "1 7:0 7:0 4096 4096 8 1 sha256 abcd ef01");
  // snapshot and snapshot-merge: an empty feature group left out, features kept in order.
  CHECK(joined(dmc::normalizeParams("snapshot", "/dev/loop0 /dev/mapper/base P 8 0", resolve)) == "7:0 254:0 P 8");
  CHECK(joined(dmc::normalizeParams("snapshot-merge", "/dev/loop0 /dev/mapper/base P 8 1 discard_zeroes_cow",
                                    resolve)) == "7:0 254:0 P 8 1 discard_zeroes_cow");
  // crypt: a keyring reference is printed as given, case and all.
  CHECK(joined(dmc::normalizeParams("crypt", "aes-xts-plain64 :32:logon:MyKey 0 /dev/loop0 0", resolve)) ==
        "aes-xts-plain64 :32:logon:MyKey 0 7:0 0");
  // A type dmc does not know is compared as written, numbers and devices aside.
  CHECK(joined(dmc::normalizeParams("unknown-type", "ABC /dev/loop0 0", resolve)) == "ABC 7:0 0");
  CHECK(joined(dmc::normalizeParams("zero", "", resolve)).empty());
}

TEST_CASE("secrets are redacted, keyring references are not") {
  CHECK(dmc::redactSecrets("crypt", "aes-xts-plain64 00112233 0 /dev/loop0 0") ==
        "aes-xts-plain64 <key:8-hex-digits> 0 /dev/loop0 0");
  CHECK(dmc::redactSecrets("crypt", "aes-xts-plain64 :32:logon:my 0 /dev/loop0 0") ==
        "aes-xts-plain64 :32:logon:my 0 /dev/loop0 0");
  CHECK(dmc::redactSecrets("linear", "/dev/loop0 0") == "/dev/loop0 0");
}

TEST_CASE("a table equal after normalising is equal; a change shows as a readable diff") {
  auto r = dmc::test::compileText("device d\n0 100 linear /dev/loop0 0\n100 50 linear @base 8\n"
                                  "device base\n0 100 zero\n");
  REQUIRE(r.ok());
  const auto& model = r.outcome.model;
  const auto& d = model.devices[0];
  dmc::KernelDeviceInfo info;
  info.name = "d";
  info.liveTable = true;
  std::vector<dmc::KernelTarget> live = {{0, 100, "linear", "7:0 0"}, {100, 50, "linear", "254:0 8"}};
  auto same = dmc::diffDevice(model, d, "f.dm", info, live, resolve, {});
  CHECK(same.equal);
  CHECK(same.text.empty());

  live[1].params = "254:0 16";
  auto changed = dmc::diffDevice(model, d, "f.dm", info, live, resolve, {});
  CHECK_FALSE(changed.equal);
  CHECK(changed.text ==
        "--- kernel: d\n+++ f.dm: d\n@@ line 3, sector 100 @@\n-100 50 linear 254:0 16\n+100 50 linear 254:0 8\n");

  info.readOnly = true;
  live.pop_back();
  auto shorter = dmc::diffDevice(model, d, "f.dm", info, live, resolve, {});
  CHECK_THAT(shorter.text, Catch::Contains("-ro\n+rw\n") && Catch::Contains("(not in the kernel)"));

  auto missing = dmc::diffDevice(model, d, "f.dm", std::nullopt, {}, resolve, {});
  CHECK(missing.missing);
  CHECK_THAT(missing.text, Catch::Contains("-(not loaded)"));
}

TEST_CASE("a hidden key is not compared, and keys never show in a diff") {
  auto r = dmc::test::compileText(
      "0 8 crypt aes-xts-plain64 1111111111111111111111111111111111111111111111111111111111111111 0 /dev/loop0 0\n");
  REQUIRE(r.ok());
  const auto& model = r.outcome.model;
  dmc::KernelDeviceInfo info;
  info.liveTable = true;
  std::string zeros(64, '0');
  std::vector<dmc::KernelTarget> live = {{0, 8, "crypt", "aes-xts-plain64 " + zeros + " 0 7:0 0"}};
  CHECK(dmc::diffDevice(model, model.devices[0], "f", info, live, resolve, {}).equal);
  live[0].params = "aes-xts-plain64 " + std::string(64, '2') + " 8 7:0 0";
  auto diff = dmc::diffDevice(model, model.devices[0], "f", info, live, resolve, {});
  CHECK_FALSE(diff.equal);
  CHECK(diff.text.find("1111") == std::string::npos);
  CHECK(diff.text.find("2222") == std::string::npos);
  // Another difference on a line whose key one side hides: the diff says the key was not
  // compared. The IV offset of 0 is all zeros too, but only the key may be hidden.
  live[0].params = "aes-xts-plain64 " + zeros + " 8 7:0 0";
  auto hidden = dmc::diffDevice(model, model.devices[0], "f", info, live, resolve, {});
  CHECK_FALSE(hidden.equal);
  CHECK_THAT(hidden.text, Catch::EndsWith("(a crypt key is hidden on one side and was not compared)\n"));
}
