#include "emitters/source_formatter.h"

#include <algorithm>
#include <vector>

#include "grammar/table_reader.h"

namespace dmc {

namespace {

// The columns a block of target lines is aligned to. A block is the run of lines between
// device headers: alignment is per device.
struct ColumnWidths {
  size_t start = 0, length = 0, type = 0;
};

std::string_view trimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// First reading: each block's widths, and whether any line is unreadable.
class WidthCollector final : public LineSink {
 public:
  void onLine(const LineSyntax& line) override {
    if (line.kind == LineKind::DeviceHeader) blocks_.emplace_back();
    if (line.kind != LineKind::Target) return;
    ColumnWidths& widths = blocks_.back();
    widths.start = std::max(widths.start, line.target.start.text.size());
    widths.length = std::max(widths.length, line.target.length.text.size());
    widths.type = std::max(widths.type, line.target.type.text.size());
  }
  void onBadLine(uint32_t) override { bad_ = true; }

  bool bad() const { return bad_; }
  std::vector<ColumnWidths> take() { return std::move(blocks_); }

 private:
  std::vector<ColumnWidths> blocks_{1};  // the lines before the first header are a block too
  bool bad_ = false;
};

// Second reading: each line written as it comes, to the widths of its block. Every line ends
// in a newline, the last one too (POSIX text files do).
class LineWriter final : public LineSink {
 public:
  LineWriter(std::vector<ColumnWidths> blocks, const OutputSink& out) : blocks_(std::move(blocks)), out_(out) {}
  ~LineWriter() override { flush(); }

  void onLine(const LineSyntax& line) override {
    switch (line.kind) {
      case LineKind::Blank: break;
      case LineKind::Comment: text_ += trimRight(line.comment.text); break;
      case LineKind::DeviceHeader:
        ++block_;
        header(line);
        break;
      case LineKind::Target: target(line); break;
      case LineKind::DiskDeclaration: declaration(line); break;
    }
    text_ += '\n';
    if (text_.size() >= (64 << 10)) flush();
  }
  void onBadLine(uint32_t) override {}

  void flush() {
    if (!text_.empty()) out_(text_);
    text_.clear();
  }

 private:
  void header(const LineSyntax& line) {
    text_ += "device ";
    text_ += line.header.name.text;
    for (const Token& attribute : line.header.attributes) (text_ += ' ') += attribute.text;
    if (!line.comment.text.empty()) (text_ += ' ') += trimRight(line.comment.text);
  }

  // "disk PATH key=value...": single spaces, the words as written.
  void declaration(const LineSyntax& line) {
    text_ += "disk ";
    text_ += line.header.name.text;
    for (const Token& attribute : line.header.attributes) (text_ += ' ') += attribute.text;
    if (!line.comment.text.empty()) (text_ += ' ') += trimRight(line.comment.text);
  }

  void target(const LineSyntax& line) {
    const ColumnWidths& widths = blocks_[block_];
    const TargetSyntax& t = line.target;
    const size_t lineBegin = text_.size();
    text_.append(widths.start - t.start.text.size(), ' ') += t.start.text;
    text_ += ' ';
    text_.append(widths.length - t.length.text.size(), ' ') += t.length.text;
    (text_ += ' ') += t.type.text;
    // The arguments joined by single spaces, after the type's column, unless that join is empty.
    bool anyArgument = false;
    for (const Token& arg : t.args) {
      if (!anyArgument) {
        if (arg.text.empty()) continue;
        anyArgument = true;
        text_.append(widths.type - t.type.text.size(), ' ');
      }
      (text_ += ' ') += arg.text;
    }
    const std::string_view comment = trimRight(line.comment.text);
    if (!comment.empty()) (text_ += ' ') += comment;
    // As a whole line is trimmed: an empty last field leaves no trailing blank.
    while (text_.size() > lineBegin && (text_.back() == ' ' || text_.back() == '\t' || text_.back() == '\r'))
      text_.pop_back();
  }

  std::vector<ColumnWidths> blocks_;
  size_t block_ = 0;
  const OutputSink& out_;
  std::string text_;
};

}  // namespace

bool writeFormattedSource(DiagnosticEngine& engine, uint32_t fileId, const OutputSink& out) {
  WidthCollector widths;
  if (!readTable(engine, fileId, widths) || widths.bad()) return false;
  // The second reading finds nothing new: its diagnostics (the first reported them) go nowhere.
  DiagnosticEngine quiet;
  const uint32_t again = quiet.addFile(engine.file(fileId));
  LineWriter writer(widths.take(), out);
  readTable(quiet, again, writer);
  return true;
}

std::optional<std::string> formatSource(DiagnosticEngine& engine, uint32_t fileId) {
  std::string text;
  if (!writeFormattedSource(engine, fileId, [&](std::string_view piece) { text += piece; })) return std::nullopt;
  return text;
}

}  // namespace dmc
