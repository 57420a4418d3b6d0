#pragma once
// The boot-string front doors: `dmsetup create --concise` strings and the kernel's
// dm-mod.create= parameter. Each device of the string becomes a device-header line and each
// table entry a target line, so the compile driver checks them like any table file. Tokens keep
// their character positions inside the string, so problems are shown where they are.
//
//   concise:        name,uuid,minor,flags,table[,table]...[;device...]   (backslash escapes)
//   dm-mod.create:  the same five fields; no escapes at all, numbers read with base 0, only six
//                   target types, at most 256 devices of 256 targets, under 4096 characters
//                   (drivers/md/dm-init.c).
//   kernel command line: the dm-mod.create= parameter in it is read as above, where it is.

#include <deque>
#include <string>
#include <string_view>

#include "diagnostics/diagnostic_engine.h"
#include "grammar/input_format.h"
#include "grammar/line_syntax.h"
#include "grammar/table_reader.h"

namespace dmc {

// Reads a concise or dm-mod.create string held in the engine's file `fileId`. The reader owns
// the text of tokens it had to rewrite (unescaped, numbers in decimal), so it must outlive the
// compilation it feeds.
class BootStringReader {
 public:
  BootStringReader(DiagnosticEngine& engine, uint32_t fileId, InputFormat format)
      : engine_(engine),
        file_(fileId),
        format_(format == InputFormat::KernelCommandLine ? InputFormat::DmModCreate : format),
        commandLine_(format == InputFormat::KernelCommandLine) {}

  // Returns false if the text is not readable at all (NUL bytes).
  bool read(LineSink& sink);

 private:
  struct Piece;
  void readDevice(size_t begin, size_t end, LineSink& sink, size_t deviceIndex);
  bool readEntry(const Piece& entry, LineSyntax& out);
  Token token(size_t begin, size_t end);
  Token synthetic(std::string text, size_t at, size_t length);
  Location at(size_t offset, size_t length) const;
  uint32_t lineOf(size_t offset) const;
  std::string unescape(std::string_view raw) const;

  DiagnosticEngine& engine_;
  uint32_t file_;
  InputFormat format_;
  bool commandLine_;
  std::string_view text_;
  std::vector<size_t> lineStarts_;
  std::deque<std::string> storage_;
};

}  // namespace dmc
