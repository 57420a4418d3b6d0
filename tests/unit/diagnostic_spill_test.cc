// Spilling (verify --max-errors 0 on a huge table): diagnostics moved to a temporary file in
// sorted runs and merged back must come out exactly as if they had stayed in memory, and no
// secret may reach the file.
#include <catch2/catch.hpp>

#include <dirent.h>
#include <unistd.h>

#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "compiler/compile_source.h"
#include "diagnostics/json_consumer.h"
#include "diagnostics/sarif_consumer.h"
#include "diagnostics/text_consumer.h"

namespace {

const std::string kKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

// Gaps on every other line (errors in line order, while reading) and every linear target on
// sector 0 of one disk (shared-sector warnings at the end of the file, in the sweep's order).
std::string manyProblems() {
  std::string text;
  uint64_t start = 0;
  for (int i = 0; i < 60; ++i) {
    text += fmt::format("{} 8 linear /dev/sd{} 0\n", start, static_cast<char>('a' + i % 3));
    start += i % 2 == 0 ? 8 : 16;
  }
  return text;
}

dmc::DiagnosticEngine compiled(const std::string& text, size_t spillBatch) {
  dmc::DiagnosticEngine engine;
  if (spillBatch > 0) engine.enableSpilling(spillBatch);
  const uint32_t file = engine.addFile(dmc::SourceFile("t.table", text));
  dmc::compileSource(engine, file, {});
  const uint32_t second = engine.addFile(dmc::SourceFile("u.table", "0 8 zero\n16 8 zero\n"));
  dmc::compileSource(engine, second, {});
  return engine;
}

// The temporary files this process holds open (O_TMPFILE: "/tmp/#123 (deleted)"), read whole.
std::string openTemporaryFiles() {
  std::string all;
  DIR* dir = ::opendir("/proc/self/fd");
  REQUIRE(dir != nullptr);
  while (dirent* entry = ::readdir(dir)) {
    char target[4096] = {};
    const std::string link = std::string("/proc/self/fd/") + entry->d_name;
    if (::readlink(link.c_str(), target, sizeof target - 1) <= 0) continue;
    if (std::string(target).find("(deleted)") == std::string::npos) continue;
    const int fd = std::stoi(entry->d_name);
    char buffer[65536];
    for (off_t at = 0;;) {
      const ssize_t n = ::pread(fd, buffer, sizeof buffer, at);
      if (n <= 0) break;
      all.append(buffer, static_cast<size_t>(n));
      at += n;
    }
  }
  ::closedir(dir);
  return all;
}

}  // namespace

TEST_CASE("spilled diagnostics come out in the order and bytes of diagnostics kept in memory") {
  auto kept = compiled(manyProblems(), 0);
  for (size_t batch : {1, 3, 7, 64}) {
    INFO("batch " << batch);
    auto spilled = compiled(manyProblems(), batch);
    CHECK(spilled.storedCount() == kept.diagnostics().size());
    if (batch < 64) CHECK(spilled.diagnostics().size() < spilled.storedCount());  // it did spill
    CHECK(dmc::renderText(spilled, {false}) == dmc::renderText(kept, {false}));
    CHECK(dmc::renderJson(spilled) == dmc::renderJson(kept));
    CHECK(dmc::renderSarif(spilled, {"", "/w"}) == dmc::renderSarif(kept, {"", "/w"}));
  }
  CHECK(kept.warningCount() > 20);
  CHECK(kept.errorCount() > 20);
}

TEST_CASE("the cap counts spilled diagnostics") {
  dmc::DiagnosticEngine engine;
  engine.enableSpilling(2);
  engine.setLimit(5);
  const uint32_t file = engine.addFile(dmc::SourceFile("t.table", manyProblems()));
  dmc::compileSource(engine, file, {});
  CHECK(engine.storedCount() == 5);
  CHECK(engine.droppedCount() > 0);
  size_t shown = 0;
  engine.forEachSorted([&](const dmc::Diagnostic&) { ++shown; });
  CHECK(shown == 5);
}

TEST_CASE("streamed JSON and SARIF are nlohmann's layout byte for byte") {
  for (const std::string& text : {std::string("0 8 zero\n"), std::string("0 8 zero\n16 8 zero\n"), manyProblems()}) {
    auto engine = compiled(text, 0);
    CHECK(dmc::renderJson(engine) == dmc::diagnosticsToJson(engine).dump(2) + "\n");
    const std::string sarif = dmc::renderSarif(engine, {"", "/w"});
    CHECK(sarif == nlohmann::json::parse(sarif).dump(2) + "\n");  // keys sorted, indented by 2
  }
}

TEST_CASE("no secret reaches the spill file, and the output masks it as without spilling") {
  const std::string keyed = "0 8 crypt aes-xts-plain64 " + kKey + " 0 /dev/sda 0\n";
  auto make = [&](size_t batch) {
    dmc::DiagnosticEngine engine;
    if (batch > 0) engine.enableSpilling(batch);
    const uint32_t file = engine.addFile(dmc::SourceFile("t.table", keyed + keyed + keyed + "100 8 zero\n"));
    engine.markSecret(dmc::Location{file, 1, 27, static_cast<uint32_t>(kKey.size())});
    engine.markSecret(dmc::Location{file, 2, 27, static_cast<uint32_t>(kKey.size())});
    for (uint32_t line : {2u, 1u, 2u, 1u}) {
      engine.settleSecrets(file, 2);
      engine.report(dmc::DiagnosticCode::TargetArgument, dmc::Location{file, line, 27, 4}, "quoting " + kKey + " whole")
          .note(dmc::Location{file, line, 1, 1}, "and a piece: cbc(" + kKey.substr(8, 20) + ")");
    }
    return engine;
  };
  auto spilled = make(1);
  REQUIRE(spilled.diagnostics().size() < spilled.storedCount());
  const std::string file = openTemporaryFiles();
  CHECK(file.find("quoting ****") != std::string::npos);  // the spill file was found and read
  CHECK(file.find(kKey.substr(0, 8)) == std::string::npos);
  CHECK(file.find(kKey.substr(8, 20)) == std::string::npos);
  auto kept = make(0);
  const std::string text = dmc::renderText(spilled, {false});
  CHECK(text == dmc::renderText(kept, {false}));
  CHECK(text.find(kKey.substr(0, 8)) == std::string::npos);
}

TEST_CASE("diagnostics on lines whose secrets are not settled stay in memory") {
  dmc::DiagnosticEngine engine;
  engine.enableSpilling(1);
  const uint32_t file = engine.addFile(dmc::SourceFile("t.table", "0 8 zero\n8 8 zero\n"));
  engine.settleSecrets(file, 1);
  engine.report(dmc::DiagnosticCode::TargetArgument, dmc::Location{file, 2, 1, 1}, "later line");
  engine.report(dmc::DiagnosticCode::TargetArgument, dmc::Location{file, 2, 1, 1}, "again");
  engine.report(dmc::DiagnosticCode::TargetArgument, dmc::Location{file, 1, 1, 1}, "settled line");
  CHECK(engine.diagnostics().size() == 3);  // nothing was settled when each spill was tried
  engine.holdSecrets(file);
  engine.settleSecrets(file, 2);  // ignored while the file is held
  engine.report(dmc::DiagnosticCode::TargetArgument, dmc::Location{file, 1, 1, 1}, "held");
  CHECK(engine.diagnostics().size() == 3);  // the settled one went out, nothing held did
  engine.releaseSecrets(file);
  engine.report(dmc::DiagnosticCode::TargetArgument, dmc::Location{file, 1, 1, 1}, "after");
  CHECK(engine.diagnostics().size() == 1);
  std::vector<std::string> order;
  engine.forEachSorted([&](const dmc::Diagnostic& d) { order.push_back(d.message); });
  CHECK(order == std::vector<std::string>{"settled line", "held", "after", "later line", "again"});
}
