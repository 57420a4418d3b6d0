#pragma once
// Reads a whole table file line by line with the grammar and hands each line to a sink.
// A syntax error is reported and the reader carries on with the next line, so one run
// reports every problem in the file.

#include "diagnostics/diagnostic_engine.h"
#include "grammar/line_syntax.h"

namespace dmc {

class LineSink {
 public:
  virtual ~LineSink() = default;
  virtual void onLine(const LineSyntax& line) = 0;
  // A line the grammar refused: later stages must not trust their position after it.
  virtual void onBadLine(uint32_t line) = 0;
};

// Returns false when the file is not a text table at all (NUL bytes); nothing is parsed then.
bool readTable(DiagnosticEngine& engine, uint32_t fileId, LineSink& sink);

}  // namespace dmc
