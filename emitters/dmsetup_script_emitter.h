#pragma once
// A shell script of `dmsetup create` commands that loads a checked model, for people who load
// with dmsetup: one command a device, in load order (lower devices first), each with what a
// table file cannot say: --readonly, --uuid and --minor. The table goes in through a
// here-document, which the shell passes untouched (a table line starts with a digit, so it is
// never the end marker).
//
// Keys are masked as in every other channel unless `showKeys`: a masked script says so at the
// top, and cannot load those devices. With keys, the caller writes the file with mode 0600.

#include <string>

#include "compiler/table_model.h"

namespace dmc {

std::string emitDmsetupScript(const TableModel& model, bool showKeys);

// `text` as one shell word, in single quotes.
std::string shellQuote(std::string_view text);

}  // namespace dmc
