#pragma once
// A hand-written reader for the commonest line, a target line with no comment
// ("0 2048 linear /dev/sda 0"), which yields exactly what the grammar yields for it (checked
// by tests/unit/target_line_fast_path_test.cc over every test table and by the fuzzers).
// Any other line (blank, comment, device header, a line with '#' or fewer than three words)
// is left to the grammar, which stays the one definition of a line and of its errors.

#include "grammar/line_syntax.h"

namespace dmc {

// `out` is freshly reset for this line. Returns true and fills `out` as parseLine() would for
// a plain target line; returns false, with `out` still as reset, for anything else.
bool parseTargetLineFast(LineSyntax& out);

}  // namespace dmc
