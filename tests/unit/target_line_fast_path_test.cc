// The fast path for plain target lines must yield exactly what the grammar yields, on every
// line of every test table and example and on the edge cases of the grammar's byte classes;
// whatever it does not recognise is left to the grammar.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "grammar/line_parser.h"
#include "grammar/target_line_fast_path.h"

using dmc::LineKind;
using dmc::LineSyntax;
using dmc::Token;

namespace {

// Every field with its place in the line (the view's offset, not only its text).
std::string describe(const LineSyntax& line) {
  auto token = [&](const Token& t) {
    if (t.text.data() == nullptr) return fmt::format("<none>@{}", t.column);
    return fmt::format("'{}'@{}+{}", t.text, t.column, t.text.data() - line.text.data());
  };
  std::string out = fmt::format("kind {} line {}:", static_cast<int>(line.kind), line.line);
  for (const Token* t : {&line.target.start, &line.target.length, &line.target.type}) out += " " + token(*t);
  for (const Token& t : line.target.args) out += " " + token(t);
  out += " | header " + token(line.header.keyword) + " " + token(line.header.name);
  for (const Token& t : line.header.attributes) out += " " + token(t);
  return out + " | comment " + token(line.comment);
}

struct Verdict {
  bool fast = false;     // the fast path took the line
  std::string fastSyntax;
  bool grammar = false;  // the grammar accepted it
  std::string grammarSyntax;
};

Verdict judge(std::string_view text) {
  Verdict verdict;
  LineSyntax line;
  line.reset(7, text);
  verdict.fast = dmc::parseTargetLineFast(line);
  verdict.fastSyntax = describe(line);
  if (!verdict.fast) {  // what it leaves must be a freshly reset line
    LineSyntax fresh;
    fresh.reset(7, text);
    CHECK(verdict.fastSyntax == describe(fresh));
  }
  LineSyntax parsed;
  parsed.reset(7, text);
  dmc::LineSyntaxError error;
  verdict.grammar = dmc::parseLine(parsed, error);
  verdict.grammarSyntax = describe(parsed);
  return verdict;
}

// Returns whether the fast path took the line; fails the test if it disagrees with the grammar.
bool checkAgrees(std::string_view text) {
  Verdict verdict = judge(text);
  INFO("line: " << text);
  if (verdict.fast) {
    CHECK(verdict.grammar);
    CHECK(verdict.fastSyntax == verdict.grammarSyntax);
  }
  return verdict.fast;
}

// Lines as the table reader cuts them: at '\n', one trailing '\r' dropped.
std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("the fast path agrees with the grammar on every line of every test table and example") {
  size_t files = 0, lines = 0, fast = 0;
  for (const char* folder : {"tests/golden", "examples"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(DMC_SOURCE_DIR) + "/" + folder)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream content;
      content << in.rdbuf();
      INFO("file: " << entry.path().string());
      ++files;
      for (const std::string& line : linesOf(content.str())) {
        ++lines;
        fast += checkAgrees(line);
      }
    }
  }
  INFO(files << " files, " << lines << " lines, " << fast << " taken by the fast path");
  CHECK(files > 30);
  CHECK(fast >= 100);  // the test tables mostly carry expectation comments; the rest is fast
}

TEST_CASE("the fast path takes plain target lines with the grammar's columns") {
  for (std::string_view text : {"0 8 linear /dev/sda 0", "  0\t8 zero", "0 8 error  ", "\v0\f8\rlinear\t/dev/sda 0 ",
                                "devicex 1 linear /dev/sda 0", "0 8 device", "0 8 linear \x80\xff é /dev/sda",
                                "0 8 linear\x01 a\x7f b"}) {
    INFO("line: " << text);
    CHECK(checkAgrees(text));
  }
}

TEST_CASE("the fast path leaves every other line to the grammar") {
  for (std::string_view text : {"", "   ", "# comment", "0 8 linear /dev/sda 0 # tail", "0 8 linear#x", "0 8 #",
                                "device vg", "device", "  device vg ro", "device#x 1 2", "0", "0 8", "0 8  \t",
                                "#0 8 linear"}) {
    INFO("line: " << text);
    CHECK_FALSE(checkAgrees(text));
  }
}

TEST_CASE("a line the fast path takes keeps its argument capacity from line to line") {
  LineSyntax line;
  line.reset(1, "0 8 striped 2 8 /dev/a 0 /dev/b 0");
  REQUIRE(dmc::parseTargetLineFast(line));
  const Token* storage = line.target.args.data();
  line.reset(2, "8 8 linear /dev/a 8");
  REQUIRE(dmc::parseTargetLineFast(line));
  CHECK(line.target.args.data() == storage);  // no allocation for the second line
  CHECK(line.target.args.size() == 2);
}
