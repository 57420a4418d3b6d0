#include "emitters/source_formatter.h"

#include <algorithm>
#include <vector>

#include "grammar/table_reader.h"

namespace dmc {

namespace {

// One line as it will be written: a target's fields, or text kept as it is.
struct FormattedLine {
  bool isTarget = false;
  bool isHeader = false;
  std::string start, length, type, args, comment;
  std::string verbatim;
};

std::string trimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return std::string(text);
}

class FormatCollector final : public LineSink {
 public:
  void onLine(const LineSyntax& line) override {
    FormattedLine out;
    switch (line.kind) {
      case LineKind::Blank: break;
      case LineKind::Comment: out.verbatim = trimRight(line.comment.text); break;
      case LineKind::DeviceHeader:
        out.verbatim = header(line);
        out.isHeader = true;
        break;
      case LineKind::Target: out = target(line); break;
      case LineKind::DiskDeclaration: out.verbatim = declaration(line); break;
    }
    lines_.push_back(std::move(out));
  }
  void onBadLine(uint32_t) override { bad_ = true; }

  // Every line ends in a newline, the last one too (POSIX text files do).
  std::optional<std::string> render() const {
    if (bad_) return std::nullopt;
    std::string out;
    size_t blockBegin = 0;
    for (size_t i = 0; i <= lines_.size(); ++i) {
      // A block is the run of lines between device headers: alignment is per device.
      bool boundary = i == lines_.size() || lines_[i].isHeader;
      if (!boundary) continue;
      renderBlock(blockBegin, i, out);
      if (i < lines_.size()) out += lines_[i].verbatim + "\n";
      blockBegin = i + 1;
    }
    return out;
  }

 private:
  static std::string header(const LineSyntax& line) {
    std::string out = "device " + std::string(line.header.name.text);
    for (const Token& attribute : line.header.attributes) out += " " + std::string(attribute.text);
    if (!line.comment.text.empty()) out += " " + trimRight(line.comment.text);
    return out;
  }

  // "disk PATH key=value...": single spaces, the words as written.
  static std::string declaration(const LineSyntax& line) {
    std::string out = "disk " + std::string(line.header.name.text);
    for (const Token& attribute : line.header.attributes) out += " " + std::string(attribute.text);
    if (!line.comment.text.empty()) out += " " + trimRight(line.comment.text);
    return out;
  }

  static FormattedLine target(const LineSyntax& line) {
    FormattedLine out;
    out.isTarget = true;
    out.start = std::string(line.target.start.text);
    out.length = std::string(line.target.length.text);
    out.type = std::string(line.target.type.text);
    for (const Token& arg : line.target.args) {
      if (!out.args.empty()) out.args += ' ';
      out.args += arg.text;
    }
    out.comment = trimRight(line.comment.text);
    return out;
  }

  void renderBlock(size_t begin, size_t end, std::string& out) const {
    size_t startWidth = 0, lengthWidth = 0, typeWidth = 0;
    for (size_t i = begin; i < end; ++i) {
      if (!lines_[i].isTarget) continue;
      startWidth = std::max(startWidth, lines_[i].start.size());
      lengthWidth = std::max(lengthWidth, lines_[i].length.size());
      typeWidth = std::max(typeWidth, lines_[i].type.size());
    }
    for (size_t i = begin; i < end; ++i) {
      const FormattedLine& line = lines_[i];
      if (!line.isTarget) {
        out += line.verbatim + "\n";
        continue;
      }
      std::string text = std::string(startWidth - line.start.size(), ' ') + line.start + ' ' +
                         std::string(lengthWidth - line.length.size(), ' ') + line.length + ' ' + line.type;
      if (!line.args.empty()) text += std::string(typeWidth - line.type.size(), ' ') + ' ' + line.args;
      if (!line.comment.empty()) text += ' ' + line.comment;
      out += trimRight(text) + "\n";
    }
  }

  std::vector<FormattedLine> lines_;
  bool bad_ = false;
};

}  // namespace

std::optional<std::string> formatSource(DiagnosticEngine& engine, uint32_t fileId) {
  FormatCollector collector;
  if (!readTable(engine, fileId, collector)) return std::nullopt;
  return collector.render();
}

}  // namespace dmc
