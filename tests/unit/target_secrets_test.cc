// Which arguments are keys is the target type's own declaration (TargetType::secrets); masking,
// dm_task_secure_data and the image placeholder all ask it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "diagnostics/text_consumer.h"
#include "emitters/secret_redaction.h"
#include "validator/target_registry.h"
#include "validator/target_secrets.h"

namespace {

const std::string kKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

}  // namespace

TEST_CASE("crypt, inlinecrypt and integrity declare their keys; no other target takes any") {
  for (const dmc::TargetType* type : dmc::allTargetTypes()) {
    INFO(type->name);
    const bool keyed = type->name == "crypt" || type->name == "inlinecrypt" || type->name == "integrity";
    CHECK(type->takesKeys() == keyed);
    CHECK(dmc::targetTakesKeys(type->name) == keyed);
  }
}

TEST_CASE("inlinecrypt's key is masked as crypt's is") {
  std::vector<std::string_view> args = {"aes-xts-plain64", kKey, "0", "/dev/sda", "0"};
  auto spans = dmc::secretSpans(dmc::findTargetType("inlinecrypt"), args);
  REQUIRE(spans.size() == 1);
  CHECK(spans[0].arg == 1);
  CHECK(spans[0].length == kKey.size());
  std::vector<std::string_view> keyring = {"aes-xts-plain64", ":64:logon:fde", "0", "/dev/sda", "0"};
  CHECK(dmc::secretSpans(dmc::findTargetType("inlinecrypt"), keyring).empty());  // a keyring name is no key
}

TEST_CASE("a table with integrity keys is loaded with dm_task_secure_data") {
  // The libdevmapper back end asks hasSecrets for every target of a table it loads.
  CHECK(dmc::hasSecrets("crypt"));
  CHECK(dmc::hasSecrets("integrity"));
  CHECK_FALSE(dmc::hasSecrets("linear"));
  // Nothing says where an unknown (out-of-tree, misspelled) target keeps its keys: it may have some.
  CHECK(dmc::hasSecrets("no-such-target"));
}

TEST_CASE("an unknown target's key-looking text is masked, its other arguments are not") {
  CHECK(dmc::maskSecretParams("cryptx", "aes-xts-plain64 " + kKey + " 0 /dev/sda 0") ==
        "aes-xts-plain64 <key:64-hex-digits> 0 /dev/sda 0");
  CHECK(dmc::maskSecretParams("vendor", "opt:" + kKey + " 8") == "opt:<key:64-hex-digits> 8");
  CHECK(dmc::paramsHoldKeys("vendor", "x " + kKey));
  CHECK_FALSE(dmc::paramsHoldKeys("vendor", "/dev/sda 0 18446744073709551615"));
}

TEST_CASE("on a line no type vouches for, every key-looking run is hidden wherever it stands") {
  dmc::DiagnosticEngine engine;
  const std::string line = "zero " + kKey + " crypt aes-xts-plain64 x" + kKey + " 0 /dev/sda 0";
  const uint32_t file = engine.addFile(dmc::SourceFile("t.table", line + "\n"));
  dmc::markUntypedLineSecrets(engine, file, 1);
  engine.report(dmc::DiagnosticCode::InvalidNumber, dmc::Location{file, 1, 1, 4}, "found '" + kKey + "'");
  const std::string text = dmc::renderText(engine, dmc::TextStyle{false});
  CHECK(text.find(kKey.substr(0, 16)) == std::string::npos);
  CHECK(text.find("zero **") != std::string::npos);
  CHECK(text.find(" crypt aes-xts-plain64 x*") != std::string::npos);  // the rest is shown
}

TEST_CASE("integrity's keyed options are masked after the algorithm, every one of them") {
  for (std::string option : {"internal_hash:hmac(sha256):", "journal_crypt:ctr(aes):", "journal_mac:hmac(sha256):"}) {
    INFO(option);
    const std::string params = "/dev/sdb 0 - J 1 " + option + kKey;
    const std::string masked = dmc::maskSecretParams("integrity", params);
    CHECK(masked == "/dev/sdb 0 - J 1 " + option + "<key:64-hex-digits>");
    CHECK(dmc::paramsHoldKeys("integrity", params));
  }
  // An unkeyed algorithm has nothing to hide.
  CHECK(dmc::maskSecretParams("integrity", "/dev/sdb 0 - J 1 internal_hash:crc32c") ==
        "/dev/sdb 0 - J 1 internal_hash:crc32c");
  CHECK_FALSE(dmc::paramsHoldKeys("integrity", "/dev/sdb 0 - J 1 internal_hash:crc32c"));
}

TEST_CASE("key-looking tokens in wrong slots of a keyed target are masked; numbers are not") {
  CHECK(dmc::looksLikeKeyMaterial(kKey));
  CHECK(dmc::looksLikeKeyMaterial("0123456789abcdef"));
  CHECK(dmc::looksLikeKeyMaterial(":32:logon:desc"));
  CHECK_FALSE(dmc::looksLikeKeyMaterial("18446744073709551615"));  // a 64-bit sector count
  CHECK_FALSE(dmc::looksLikeKeyMaterial("/dev/sda"));
  CHECK_FALSE(dmc::looksLikeKeyMaterial("aes-xts-plain64"));
  // The swapped cipher and key: both are hidden (the cipher slot holds the key).
  CHECK(dmc::maskSecretParams("crypt", kKey + " aes-xts-plain64 0 /dev/sda 0") ==
        "<key:64-hex-digits> <key:15-bytes> 0 /dev/sda 0");
  CHECK(dmc::maskSecretParams("crypt", "aes-xts-plain64 - 0 /dev/sda 0 1 " + kKey) ==
        "aes-xts-plain64 - 0 /dev/sda 0 1 <key:64-hex-digits>");
  // A keyring reference where the key belongs names a key: it stays. In a wrong slot it is hidden.
  CHECK(dmc::maskSecretParams("crypt", "aes-xts-plain64 :64:logon:a:b 0 /dev/sda 0") ==
        "aes-xts-plain64 :64:logon:a:b 0 /dev/sda 0");
  CHECK(dmc::maskSecretParams("crypt", "aes-xts-plain64 :64:logon:a:b 0 /dev/sda 0 1 :32:user:x") ==
        "aes-xts-plain64 :64:logon:a:b 0 /dev/sda 0 1 <key:10-bytes>");
  // Targets without keys are left alone, hex or not.
  CHECK(dmc::maskSecretParams("verity", "1 /dev/a /dev/b 4096 4096 1 1 sha256 " + kKey + " -") ==
        "1 /dev/a /dev/b 4096 4096 1 1 sha256 " + kKey + " -");
}

TEST_CASE("the image placeholder replaces every key and hides its length") {
  CHECK(dmc::replaceSecretParams("crypt", "aes-xts-plain64 " + kKey + " 0 /dev/sda 0", "<k>") ==
        "aes-xts-plain64 <k> 0 /dev/sda 0");
  CHECK(dmc::replaceSecretParams("crypt", "aes-xts-plain64 0011 0 /dev/sda 0", "<k>") == "aes-xts-plain64 <k> 0 /dev/sda 0");
  CHECK(dmc::firstKeyBytes("crypt", "aes-xts-plain64 " + kKey + " 0 /dev/sda 0") == 32);
  CHECK(dmc::firstKeyBytes("crypt", "aes-xts-plain64 :32:logon:a:b 0 /dev/sda 0") == 0);
}

TEST_CASE("messages and notes never quote a secret of their line") {
  dmc::DiagnosticEngine engine;
  const std::string line = "0 8 crypt aes-xts-plain64 " + kKey + " 0 /dev/sda 0";
  const uint32_t file = engine.addFile(dmc::SourceFile("t.table", line + "\n"));
  engine.markSecret(dmc::Location{file, 1, 27, static_cast<uint32_t>(kKey.size())});
  engine.report(dmc::DiagnosticCode::TargetArgument, dmc::Location{file, 1, 27, 4}, "quoting " + kKey + " whole")
      .note(dmc::Location{file, 1, 1, 1}, "and a piece: cbc(" + kKey.substr(8, 20) + ")");
  const std::string text = dmc::renderText(engine, dmc::TextStyle{false});
  CHECK(text.find(kKey.substr(0, 8)) == std::string::npos);
  CHECK(text.find(kKey.substr(8, 20)) == std::string::npos);
  CHECK(text.find("quoting ****") != std::string::npos);

  dmc::DiagnosticEngine shown;
  const uint32_t again = shown.addFile(dmc::SourceFile("t.table", line + "\n"));
  shown.markSecret(dmc::Location{again, 1, 27, static_cast<uint32_t>(kKey.size())});
  shown.setShowSecrets(true);
  shown.report(dmc::DiagnosticCode::TargetArgument, dmc::Location{again, 1, 27, 4}, "quoting " + kKey);
  CHECK(dmc::renderText(shown, dmc::TextStyle{false}).find(kKey) != std::string::npos);
}
