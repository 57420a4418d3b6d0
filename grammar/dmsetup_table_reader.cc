#include "grammar/dmsetup_table_reader.h"

#include <cstring>

#include "grammar/line_parser.h"

namespace dmc {

namespace {

// The name ends at the first ':' followed by a blank or the line's end (names may hold ':'),
// before any comment.
size_t nameEnd(std::string_view line) {
  line = line.substr(0, line.find('#'));
  for (size_t colon = line.find(':'); colon != std::string_view::npos; colon = line.find(':', colon + 1))
    if (colon + 1 == line.size() || line[colon + 1] == ' ' || line[colon + 1] == '\t') return colon;
  return std::string_view::npos;
}

void shift(Token& token, uint32_t by) {
  if (!token.text.empty() || token.column) token.column += by;
}

// Columns of the parsed rest of the line, made columns of the whole line.
void shiftColumns(LineSyntax& syntax, uint32_t by) {
  shift(syntax.target.start, by);
  shift(syntax.target.length, by);
  shift(syntax.target.type, by);
  for (Token& arg : syntax.target.args) shift(arg, by);
  shift(syntax.comment, by);
}

class DmsetupTableReader {
 public:
  DmsetupTableReader(DiagnosticEngine& engine, uint32_t fileId, LineSink& sink)
      : engine_(engine), file_(fileId), sink_(sink) {}

  void readLine(uint32_t number, std::string_view line) {
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') return passThrough(number, line);
    size_t colon = nameEnd(line);
    if (colon == std::string_view::npos || colon == first) {
      engine_.report(DiagnosticCode::Syntax, Location{file_, number, static_cast<uint32_t>(first + 1), 1},
                     "expected 'NAME: <start> <length> <target> [<arguments>]', as dmsetup table prints it");
      sink_.onBadLine(number);
      return;
    }
    std::string_view name = line.substr(first, colon - first);
    if (name != device_) startDevice(number, line, name, static_cast<uint32_t>(first + 1));
    std::string_view rest = line.substr(colon + 1);
    if (rest.find_first_not_of(" \t\r") == std::string_view::npos) return;  // a device without a table
    syntax_.reset(number, rest);
    if (!parseLine(syntax_, error_)) {
      engine_.report(DiagnosticCode::Syntax,
                     Location{file_, number, error_.column + static_cast<uint32_t>(colon + 1), 1}, error_.message);
      sink_.onBadLine(number);
      return;
    }
    shiftColumns(syntax_, static_cast<uint32_t>(colon + 1));
    syntax_.text = line;
    sink_.onLine(syntax_);
  }

 private:
  void passThrough(uint32_t number, std::string_view line) {
    syntax_.reset(number, line);
    if (parseLine(syntax_, error_)) sink_.onLine(syntax_);
  }

  void startDevice(uint32_t number, std::string_view line, std::string_view name, uint32_t column) {
    device_ = name;
    LineSyntax header;
    header.reset(number, line);
    header.kind = LineKind::DeviceHeader;
    header.header.origin = HeaderOrigin::DmsetupOutput;
    header.header.keyword = Token{"device", column};
    header.header.name = Token{name, column};
    sink_.onLine(header);
  }

  DiagnosticEngine& engine_;
  uint32_t file_;
  LineSink& sink_;
  std::string_view device_;
  LineSyntax syntax_;
  LineSyntaxError error_;
};

}  // namespace

bool readDmsetupTable(DiagnosticEngine& engine, uint32_t fileId, LineSink& sink) {
  std::string_view text = engine.file(fileId).text();
  if (std::memchr(text.data(), '\0', text.size())) {
    engine.report(DiagnosticCode::BinaryFile, Location{fileId, 0, 0, 0},
                  "the file contains NUL bytes: it is not dmsetup table output");
    return false;
  }
  DmsetupTableReader reader(engine, fileId, sink);
  uint32_t number = 0;
  size_t begin = 0;
  while (begin < text.size()) {
    size_t newline = text.find('\n', begin);
    size_t end = newline == std::string_view::npos ? text.size() : newline;
    std::string_view line = text.substr(begin, end - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    reader.readLine(++number, line);
    begin = end + 1;
  }
  return true;
}

}  // namespace dmc
