#pragma once
// A target line's start and length: sectors as dmsetup reads them (%llu), or a size with a
// unit (a dmc convenience), with a message for each way the field can be wrong.

#include <cstdint>
#include <optional>
#include <string_view>

#include "diagnostics/diagnostic_engine.h"
#include "grammar/size_literal.h"

namespace dmc {

// The field's sectors, or nullopt after reporting why not. `size` is parseSizeLiteral(text);
// `what` names the field in messages: "start", "length".
std::optional<uint64_t> checkSizeField(DiagnosticEngine& engine, Location where, std::string_view text,
                                       std::string_view what, const SizeLiteral& size);

}  // namespace dmc
