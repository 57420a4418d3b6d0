// The PEGTL line grammar: what each kind of line yields, with exact columns.
#include <catch2/catch.hpp>

#include "grammar/line_parser.h"

using dmc::LineKind;
using dmc::LineSyntax;
using dmc::LineSyntaxError;

namespace {

LineSyntax parse(std::string_view text, bool expectOk = true) {
  LineSyntax line;
  line.reset(1, text);
  LineSyntaxError error;
  bool ok = dmc::parseLine(line, error);
  INFO(text);
  REQUIRE(ok == expectOk);
  return line;
}

LineSyntaxError failure(std::string_view text) {
  LineSyntax line;
  line.reset(1, text);
  LineSyntaxError error;
  REQUIRE_FALSE(dmc::parseLine(line, error));
  return error;
}

}  // namespace

TEST_CASE("a target line yields start, length, type and arguments with columns") {
  LineSyntax line = parse("  0 2048\tlinear /dev/sda  8 # tail");
  CHECK(line.kind == LineKind::Target);
  CHECK(line.target.start.text == "0");
  CHECK(line.target.start.column == 3);
  CHECK(line.target.length.text == "2048");
  CHECK(line.target.length.column == 5);
  CHECK(line.target.type.text == "linear");
  REQUIRE(line.target.args.size() == 2);
  CHECK(line.target.args[0].text == "/dev/sda");
  CHECK(line.target.args[1].column == 27);
  CHECK(line.comment.text == "# tail");
}

TEST_CASE("blank and comment lines") {
  CHECK(parse("").kind == LineKind::Blank);
  CHECK(parse(" \t ").kind == LineKind::Blank);
  CHECK(parse("# x").kind == LineKind::Comment);
  CHECK(parse("   # x").kind == LineKind::Comment);
}

TEST_CASE("a # ends the word it touches and the line, as dmsetup cuts params at #") {
  LineSyntax line = parse("0 8 zero#c");
  CHECK(line.target.type.text == "zero");
  CHECK(line.target.args.empty());
  CHECK(line.comment.text == "#c");
}

TEST_CASE("a device header yields the name and attributes") {
  LineSyntax line = parse("device root uuid=abc ro");
  CHECK(line.kind == LineKind::DeviceHeader);
  CHECK(line.header.name.text == "root");
  CHECK(line.header.name.column == 8);
  REQUIRE(line.header.attributes.size() == 2);
  CHECK(line.header.attributes[1].text == "ro");
}

TEST_CASE("'devices' is not the device keyword") {
  CHECK(parse("devices 8 zero").kind == LineKind::Target);
}

TEST_CASE("missing parts are syntax errors where the part was expected") {
  CHECK(std::string(failure("100").message).find("length") != std::string::npos);
  CHECK(std::string(failure("100 8").message).find("target type") != std::string::npos);
  CHECK(failure("100 8").column == 6);
  CHECK(std::string(failure("device").message).find("device name") != std::string::npos);
  CHECK(std::string(failure("device   # no name").message).find("device name") != std::string::npos);
}
