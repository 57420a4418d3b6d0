#include "grammar/input_format.h"

#include <cctype>

namespace dmc {

namespace {

bool isBlank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// The text after leading blank and comment lines.
std::string_view skipComments(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && isBlank(text[i])) ++i;
    if (i < text.size() && text[i] == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    break;
  }
  return text.substr(i);
}

std::string_view firstWord(std::string_view text) {
  size_t end = 0;
  while (end < text.size() && !isBlank(text[end])) ++end;
  return text.substr(0, end);
}

// "vg-root: 0 2048 linear ...": a name ending in ':' and then a number.
bool looksLikeDmsetupTable(std::string_view rest, std::string_view first) {
  if (first.size() < 2 || first.back() != ':') return false;
  size_t i = first.size();
  while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
  return i > first.size() && i < rest.size() && isDigit(rest[i]);
}

}  // namespace

std::string_view inputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::Table: return "table";
    case InputFormat::Concise: return "concise";
    case InputFormat::DmModCreate: return "dm-mod.create";
    case InputFormat::KernelCommandLine: return "kernel command line";
    case InputFormat::DmsetupTable: return "dmsetup table";
  }
  return "table";
}

std::optional<size_t> findDmModCreateParameter(std::string_view text) {
  std::optional<size_t> found;
  for (size_t at = text.find(kDmModCreateParameter); at != std::string_view::npos;
       at = text.find(kDmModCreateParameter, at + 1)) {
    char before = at == 0 ? ' ' : text[at - 1];
    if (isBlank(before) || before == '"' || before == '\'') found = at;
  }
  return found;
}

InputFormat detectInputFormat(std::string_view text) {
  std::string_view rest = skipComments(text);
  if (rest.starts_with(kDmModCreateParameter)) return InputFormat::DmModCreate;
  std::string_view first = firstWord(rest);
  bool comma = first.find(',') != std::string_view::npos;
  if (first == "device" || first == "disk") return InputFormat::Table;
  if (looksLikeDmsetupTable(rest, first)) return InputFormat::DmsetupTable;
  // A table line starts with its start sector; a concise device may be named "0".
  if (!first.empty() && (isDigit(first[0]) || first[0] == '*' || first[0] == '+'))
    return comma ? InputFormat::Concise : InputFormat::Table;
  if (findDmModCreateParameter(rest)) return InputFormat::KernelCommandLine;
  return comma ? InputFormat::Concise : InputFormat::Table;
}

}  // namespace dmc
