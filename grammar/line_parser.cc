#include "grammar/line_parser.h"

#include "grammar/table_grammar.h"

namespace dmc {

namespace {

namespace peg = tao::pegtl;
namespace g = grammar;

struct ParseState {
  LineSyntax& out;
  const char* lineBegin;

  Token token(std::string_view text) const {
    return Token{text, static_cast<uint32_t>(text.data() - lineBegin) + 1};
  }
};

template <typename Rule> struct action : peg::nothing<Rule> {};

template <typename Input> std::string_view viewOf(const Input& in) { return {in.begin(), in.size()}; }

template <> struct action<g::start_field> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.kind = LineKind::Target;
    s.out.target.start = s.token(viewOf(in));
  }
};
template <> struct action<g::length_field> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.target.length = s.token(viewOf(in));
  }
};
template <> struct action<g::type_field> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.target.type = s.token(viewOf(in));
  }
};
template <> struct action<g::argument> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.target.args.push_back(s.token(viewOf(in)));
  }
};
template <> struct action<g::device_keyword> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.kind = LineKind::DeviceHeader;
    s.out.header.keyword = s.token(viewOf(in));
  }
};
template <> struct action<g::device_name> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.header.name = s.token(viewOf(in));
  }
};
template <> struct action<g::attribute> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.header.attributes.push_back(s.token(viewOf(in)));
  }
};
template <> struct action<g::disk_keyword> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.kind = LineKind::DiskDeclaration;
    s.out.header.keyword = s.token(viewOf(in));
  }
};
template <> struct action<g::disk_path> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    s.out.header.name = s.token(viewOf(in));
  }
};
template <> struct action<g::comment> {
  template <typename Input> static void apply(const Input& in, ParseState& s) {
    if (s.out.kind == LineKind::Blank) s.out.kind = LineKind::Comment;
    s.out.comment = s.token(viewOf(in));
  }
};

// On a failed must<>, report the grammar's message for the missing part at the place the
// part was expected. Cheaper than PEGTL's parse_error, which computes positions we know.
template <typename Rule> struct control : peg::normal<Rule> {
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, ParseState& s) {
    const char* message = g::missing_part_message<Rule>;
    throw LineSyntaxError{message ? message : "syntax error",
                          static_cast<uint32_t>(in.current() - s.lineBegin) + 1};
  }
};

}  // namespace

bool parseLine(LineSyntax& out, LineSyntaxError& error) {
  // A plain const char* source: a std::string per line would cost an allocation check a line.
  peg::memory_input<peg::tracking_mode::lazy, peg::eol::lf_crlf, const char*> in(
      out.text.data(), out.text.data() + out.text.size(), "line");
  ParseState state{out, out.text.data()};
  try {
    if (peg::parse<g::line, action, control>(in, state)) return true;
    error = LineSyntaxError{"syntax error", 1};
  } catch (const LineSyntaxError& e) {
    error = e;
  }
  return false;
}

}  // namespace dmc
