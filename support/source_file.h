#pragma once
// A table file held in memory, with the line index that diagnostics need.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dmc {

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  // Takes a buffer made by makeTextBuffer(); `size` bytes of it are the text.
  SourceFile(std::string name, std::shared_ptr<char> buffer, size_t size);

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }

  // Text of a 1-based line, without its line break. Empty for a line past the end.
  std::string_view lineText(uint32_t line) const;
  uint32_t lineCount() const;

 private:
  void buildLineIndex() const;

  std::string name_;
  std::shared_ptr<char> storage_;
  std::string_view text_;
  mutable std::vector<uint64_t> lineStarts_;  // built on first use: only files with diagnostics need it
};

struct ReadError {
  std::string message;
};

// Reads a whole file (or standard input for "-"). Returns the error a user should see otherwise:
// missing file, a directory, no permission, or a file too large to address.
std::optional<SourceFile> readSourceFile(const std::string& path, ReadError& error);

}  // namespace dmc
