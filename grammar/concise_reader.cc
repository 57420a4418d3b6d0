#include "grammar/concise_reader.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "support/display_escape.h"
#include "validator/dm_init_rules.h"

namespace dmc {

namespace {

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

struct Number {
  bool ok = false;
  uint64_t value = 0;
  bool octal = false;  // leading zero: the kernel reads it in base 8
};

// kstrtoull(text, 0): "0x" hex, a leading "0" octal, else decimal; overflow is an error.
Number readBase0(std::string_view text) {
  Number n;
  unsigned base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  } else if (text.size() > 1 && text[0] == '0') {
    base = 8;
    n.octal = true;
    text.remove_prefix(1);
  }
  if (text.empty()) return n;
  uint64_t value = 0;
  for (char c : text) {
    unsigned digit;
    if (c >= '0' && c <= '9') digit = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') digit = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') digit = static_cast<unsigned>(c - 'A' + 10);
    else return n;
    if (digit >= base) return n;
    if (value > (UINT64_MAX - digit) / base) return n;
    value = value * base + digit;
  }
  n.ok = true;
  n.value = value;
  return n;
}

bool plainDecimal(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// A stretch of the string: [begin, end) offsets into the whole text.
struct BootStringReader::Piece {
  size_t begin = 0;
  size_t end = 0;
};

uint32_t BootStringReader::lineOf(size_t offset) const {
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  return static_cast<uint32_t>(it - lineStarts_.begin());
}

Location BootStringReader::at(size_t offset, size_t length) const {
  uint32_t line = lineOf(offset);
  return Location{file_, line, static_cast<uint32_t>(offset - lineStarts_[line - 1] + 1), static_cast<uint32_t>(length)};
}

Token BootStringReader::token(size_t begin, size_t end) {
  Token t;
  t.text = text_.substr(begin, end - begin);
  t.column = at(begin, 0).column;
  return t;
}

Token BootStringReader::synthetic(std::string text, size_t offset, size_t /*length*/) {
  storage_.push_back(std::move(text));
  Token t;
  t.text = storage_.back();
  t.column = at(offset, 0).column;
  return t;
}

std::string BootStringReader::unescape(std::string_view raw) const {
  if (format_ != InputFormat::Concise) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size()) ++i;
    out += raw[i];
  }
  return out;
}

bool BootStringReader::read(LineSink& sink) {
  const SourceFile& source = engine_.file(file_);
  text_ = source.text();
  if (text_.find('\0') != std::string_view::npos) {
    engine_.report(DiagnosticCode::BinaryFile, Location{file_, 0, 0, 0}, "the file contains NUL bytes: it is not a boot string");
    return false;
  }
  lineStarts_.clear();
  lineStarts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') lineStarts_.push_back(i + 1);

  const bool dmInit = format_ == InputFormat::DmModCreate;
  const bool escapes = format_ == InputFormat::Concise;
  size_t begin = 0, end = text_.size();
  while (begin < end && isSpace(text_[begin])) ++begin;
  // Leading comment lines (a file may explain itself).
  while (begin < end && text_[begin] == '#') {
    while (begin < end && text_[begin] != '\n') ++begin;
    while (begin < end && isSpace(text_[begin])) ++begin;
  }
  if (commandLine_) {
    std::optional<size_t> parameter = findDmModCreateParameter(text_);
    if (!parameter) {
      engine_.report(DiagnosticCode::BootStringSyntax, at(begin < text_.size() ? begin : 0, 0),
                     "this kernel command line has no dm-mod.create= parameter");
      return true;
    }
    begin = *parameter;
  }
  if (dmInit) {
    bool parameter = text_.substr(begin, kDmModCreateParameter.size()) == kDmModCreateParameter;
    if (parameter) begin += kDmModCreateParameter.size();
    // Inside GRUB_CMDLINE_LINUX="..." the value's quotes are written \".
    std::string_view quote = text_.substr(begin, 2) == "\\\"" ? "\\\"" : "\"";
    if (begin < end && text_.substr(begin, quote.size()) == quote) {
      begin += quote.size();
      size_t close = text_.find(quote, begin);
      if (close == std::string_view::npos) {
        engine_.report(DiagnosticCode::BootStringSyntax, at(begin - 1, 1),
                       "the opening '\"' has no closing '\"': the kernel command line would run on");
      } else {
        end = close;
      }
    } else if (parameter) {
      // Unquoted on a command line, the value ends at the first white space (the next parameter).
      size_t stop = begin;
      while (stop < end && !isSpace(text_[stop])) ++stop;
      if (stop < end) {
        size_t next = stop;
        while (next < end && isSpace(text_[next])) ++next;
        if (next < end && text_[next] != '\n' && std::isdigit(static_cast<unsigned char>(text_[next])))
          engine_.report(DiagnosticCode::BootStringSyntax, at(stop, 1),
                         "the value ends at this space: on the kernel command line a dm-mod.create value with "
                         "spaces must be in double quotes (dm-mod.create=\"...\")");
      }
      end = stop;
    }
  }
  while (end > begin && isSpace(text_[end - 1])) --end;
  if (begin >= end) {
    engine_.report(DiagnosticCode::BootStringSyntax, at(begin < text_.size() ? begin : 0, 0),
                   fmt::format("the {} string is empty", inputFormatName(format_)));
    return true;
  }
  if (dmInit && end - begin > kDmInitMaxLength) {
    engine_.report(DiagnosticCode::BootStringLimit, at(begin + kDmInitMaxLength, end - begin - kDmInitMaxLength),
                   fmt::format("the dm-mod.create value is {} characters; the kernel refuses {} or more "
                               "(\"Argument is too big. Limit is 4096\")",
                               end - begin, kDmInitMaxLength + 1));
  }

  // Devices are separated by ';' (escaped ones do not count in the concise form).
  size_t deviceIndex = 0;
  size_t deviceBegin = begin;
  for (size_t i = begin; i <= end; ++i) {
    if (i < end && escapes && text_[i] == '\\') {
      if (i + 1 >= end)
        engine_.report(DiagnosticCode::BootStringSyntax, at(i, 1),
                       "Backslash must be followed by another character at end of string.");
      ++i;
      continue;
    }
    if (i == end || text_[i] == ';') {
      size_t first = deviceBegin;
      while (first < i && isSpace(text_[first])) ++first;
      if (first == i) {
        if (i == end && escapes && deviceIndex > 0) break;  // dmsetup tolerates a trailing ';'
        engine_.report(DiagnosticCode::BootStringSyntax, at(std::min(i, end > 0 ? end - 1 : 0), 1),
                       dmInit ? "an empty device (a trailing or doubled ';'): dm-init refuses it"
                              : "an empty device between two ';'");
      } else {
        if (dmInit && deviceIndex == kDmInitMaxDevices)
          engine_.report(DiagnosticCode::BootStringLimit, at(first, 0),
                         fmt::format("more than {} devices: dm-init refuses the value (\"too many devices\")",
                                     kDmInitMaxDevices));
        readDevice(first, i, sink, deviceIndex);
        ++deviceIndex;
      }
      deviceBegin = i + 1;
    }
  }
  return true;
}

void BootStringReader::readDevice(size_t begin, size_t end, LineSink& sink, size_t /*deviceIndex*/) {
  const bool dmInit = format_ == InputFormat::DmModCreate;
  const bool escapes = format_ == InputFormat::Concise;
  // Cut at ',' into fields.
  std::vector<Piece> pieces;
  size_t fieldBegin = begin;
  for (size_t i = begin; i <= end; ++i) {
    if (i < end && escapes && text_[i] == '\\') {
      ++i;
      continue;
    }
    if (i == end || text_[i] == ',') {
      Piece p{fieldBegin, i};
      while (p.begin < p.end && isSpace(text_[p.begin])) ++p.begin;
      if (dmInit || pieces.size() >= 4)
        while (p.end > p.begin && isSpace(text_[p.end - 1])) --p.end;
      pieces.push_back(p);
      fieldBegin = i + 1;
    }
  }
  uint32_t headerLine = lineOf(begin);
  if (pieces.size() < 5) {
    engine_.report(DiagnosticCode::BootStringSyntax, at(begin, end - begin),
                   fmt::format("{} field{} here; each device needs five comma-separated fields: "
                               "name,uuid,minor,flags,table",
                               pieces.size(), pieces.size() == 1 ? "" : "s"));
    sink.onBadLine(headerLine);
    return;
  }

  LineSyntax header;
  header.reset(headerLine, engine_.file(file_).lineText(headerLine));
  header.kind = LineKind::DeviceHeader;
  header.header.origin = HeaderOrigin::BootString;
  const Piece& name = pieces[0];
  header.header.keyword = synthetic("device", name.begin, 0);
  if (name.begin == name.end) {
    engine_.report(DiagnosticCode::BootStringSyntax, at(name.begin, 0), "the device name (the first field) is empty");
    sink.onBadLine(headerLine);
    return;
  }
  std::string nameText = unescape(text_.substr(name.begin, name.end - name.begin));
  header.header.name = nameText == text_.substr(name.begin, name.end - name.begin)
                           ? token(name.begin, name.end)
                           : synthetic(std::move(nameText), name.begin, name.end - name.begin);

  const Piece& uuid = pieces[1];
  if (uuid.end > uuid.begin)
    header.header.attributes.push_back(
        synthetic("uuid=" + unescape(text_.substr(uuid.begin, uuid.end - uuid.begin)), uuid.begin, uuid.end - uuid.begin));

  const Piece& minor = pieces[2];
  if (minor.end > minor.begin) {
    std::string_view raw = text_.substr(minor.begin, minor.end - minor.begin);
    std::string value(raw);
    if (dmInit) {
      Number n = readBase0(raw);
      if (n.ok) {
        if (n.octal)
          engine_.report(DiagnosticCode::OctalNumber, at(minor.begin, raw.size()),
                         fmt::format("dm-init reads {} in base 8: this is minor {}", quoteToken(raw), n.value));
        value = std::to_string(n.value);
      }
    }
    header.header.attributes.push_back(synthetic("minor=" + value, minor.begin, raw.size()));
  }

  const Piece& flags = pieces[3];
  std::string_view flagText = text_.substr(flags.begin, flags.end - flags.begin);
  if (flagText == "ro" || flagText == "rw") {
    header.header.attributes.push_back(token(flags.begin, flags.end));
  } else if (flagText.empty() && !dmInit) {
    // dmsetup: empty means read-write
  } else {
    engine_.report(DiagnosticCode::BootStringSyntax, at(flags.begin, flagText.size()),
                   dmInit ? fmt::format("the flags field is {}; dm-init accepts exactly 'ro' or 'rw'",
                                        flagText.empty() ? "empty" : quoteToken(flagText))
                          : fmt::format("Invalid flags parameter {} must be 'ro' or 'rw' or empty.", quoteToken(flagText)));
  }
  sink.onLine(header);

  size_t targets = 0;
  for (size_t p = 4; p < pieces.size(); ++p) {
    const Piece& entry = pieces[p];
    if (entry.begin == entry.end) {
      if (dmInit) {
        engine_.report(DiagnosticCode::BootStringSyntax, at(entry.begin > 0 ? entry.begin - 1 : 0, 1),
                       "an empty table entry (a trailing or doubled ','): dm-init refuses it");
        sink.onBadLine(lineOf(entry.begin));
      }
      continue;  // dmsetup skips blank table lines
    }
    if (dmInit && targets == kDmInitMaxTargets)
      engine_.report(DiagnosticCode::BootStringLimit, at(entry.begin, 0),
                     fmt::format("more than {} targets in one device: dm-init refuses it (\"too many targets\")",
                                 kDmInitMaxTargets));
    ++targets;
    LineSyntax line;
    uint32_t lineNumber = lineOf(entry.begin);
    line.reset(lineNumber, engine_.file(file_).lineText(lineNumber));
    if (readEntry(entry, line)) sink.onLine(line);
    else sink.onBadLine(lineNumber);
  }
}

// "<start> <length> <type> [<args>]". dm-init cuts the first three fields at single spaces and
// reads the numbers with base 0; dmsetup reads the entry like a table line.
bool BootStringReader::readEntry(const Piece& entry, LineSyntax& out) {
  const bool dmInit = format_ == InputFormat::DmModCreate;
  const bool escapes = format_ == InputFormat::Concise;
  std::vector<Piece> words;
  size_t i = entry.begin;
  size_t stop = entry.end;
  if (!dmInit) {
    // dmsetup: '#' starts a comment anywhere in a table line.
    for (size_t k = entry.begin; k < entry.end; ++k) {
      if (escapes && text_[k] == '\\') {
        ++k;
        continue;
      }
      if (text_[k] == '#') {
        engine_.report(DiagnosticCode::BootStringSyntax, Severity::Warning, at(k, entry.end - k),
                       "dmsetup reads '#' as the start of a comment: the rest of this table entry is ignored");
        stop = k;
        break;
      }
    }
  }
  while (i < stop) {
    if (dmInit && words.size() < 3) {
      // Single spaces separate start, length and type; a tab does not.
      while (i < stop && isSpace(text_[i])) ++i;
      size_t e = i;
      while (e < stop && text_[e] != ' ') ++e;
      words.push_back(Piece{i, e});
      i = e < stop ? e + 1 : e;
      continue;
    }
    while (i < stop && isSpace(text_[i])) ++i;
    if (i >= stop) break;
    size_t e = i;
    while (e < stop && !isSpace(text_[e])) {
      if (escapes && text_[e] == '\\' && e + 1 < stop) ++e;
      ++e;
    }
    words.push_back(Piece{i, e});
    i = e;
  }
  if (words.size() < 3 || words[0].begin == words[0].end || words[1].begin == words[1].end ||
      words[2].begin == words[2].end) {
    engine_.report(DiagnosticCode::BootStringSyntax, at(entry.begin, entry.end - entry.begin),
                   dmInit ? "expected '<start> <length> <type> <args>' with single spaces between the first three "
                            "fields"
                          : "expected '<start> <length> <type> [<args>]'");
    return false;
  }
  out.kind = LineKind::Target;
  bool ok = true;
  auto number = [&](const Piece& w, std::string_view what) {
    std::string_view raw = text_.substr(w.begin, w.end - w.begin);
    if (dmInit) {
      Number n = readBase0(raw);
      if (!n.ok) {
        engine_.report(DiagnosticCode::InvalidNumber, at(w.begin, raw.size()),
                       fmt::format("the {} {} is not a number to dm-init (kstrtoull, base 0: decimal, 0x hex or "
                                   "0-prefixed octal; no units)",
                                   what, quoteToken(raw)));
        ok = false;
        return token(w.begin, w.end);
      }
      if (n.octal)
        engine_.report(DiagnosticCode::OctalNumber, at(w.begin, raw.size()),
                       fmt::format("dm-init reads {} in base 8: this {} is {} sectors", quoteToken(raw), what, n.value));
      return std::to_string(n.value) == raw ? token(w.begin, w.end) : synthetic(std::to_string(n.value), w.begin, raw.size());
    }
    if (!plainDecimal(raw)) {
      engine_.report(DiagnosticCode::InvalidNumber, at(w.begin, raw.size()),
                     fmt::format("the {} {} is not a decimal number of sectors, which dmsetup needs here", what,
                                 quoteToken(raw)));
      ok = false;
    }
    return token(w.begin, w.end);
  };
  out.target.start = number(words[0], "start");
  out.target.length = number(words[1], "length");
  out.target.type = token(words[2].begin, words[2].end);
  std::string_view type = out.target.type.text;
  if (std::optional<std::string> refused = dmInit ? dmInitRefusesTarget(type) : std::nullopt)
    engine_.report(DiagnosticCode::BootStringTarget, at(words[2].begin, type.size()), *refused);
  for (size_t w = 3; w < words.size(); ++w) {
    std::string_view raw = text_.substr(words[w].begin, words[w].end - words[w].begin);
    if (dmInit && raw.find('\\') != std::string_view::npos)
      engine_.report(DiagnosticCode::BootStringBackslash, at(words[w].begin + raw.find('\\'), 1),
                     "the kernel splits dm-init arguments with backslash escapes (dm_split_args), unlike dmsetup "
                     "and dmc tables: this argument does not mean what it says");
    std::string text = unescape(raw);
    out.target.args.push_back(text == raw ? token(words[w].begin, words[w].end)
                                          : synthetic(std::move(text), words[w].begin, raw.size()));
  }
  return ok;
}

}  // namespace dmc
