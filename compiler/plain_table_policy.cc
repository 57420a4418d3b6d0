#include "compiler/plain_table_policy.h"

#include <fmt/format.h>

#include "support/display_escape.h"

namespace dmc {

void PlainTablePolicy::refuse(Location where, std::string_view text, std::string_view what) {
  if (reported_) return;
  reported_ = true;
  engine_.report(DiagnosticCode::ConvenienceInPlainTable, where,
                 fmt::format("{} {} is a dmc convenience, but this file has no 'device' header, so it is a plain "
                             "table that dmsetup would read as it is; start the file with 'device NAME' (or write "
                             "plain sectors everywhere)",
                             what, quoteToken(text)));
}

}  // namespace dmc
