#pragma once
// A file without device headers is a plain table: dmsetup reads it as it is, so dmc's
// conveniences (units, '*', @name) would reach the kernel unresolved. Refused once a file: one
// 'device' header fixes them all.

#include <string_view>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

class PlainTablePolicy {
 public:
  explicit PlainTablePolicy(DiagnosticEngine& engine) : engine_(engine) {}

  // A convenience (`what` is "the size", "the start", ...) written `text` at `where`.
  void refuse(Location where, std::string_view text, std::string_view what);

 private:
  DiagnosticEngine& engine_;
  bool reported_ = false;
};

}  // namespace dmc
