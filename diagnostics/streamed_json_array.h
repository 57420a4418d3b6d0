#pragma once
// Writes a JSON document in nlohmann's dump(2) layout, byte for byte, with one of its arrays
// filled item by item as the items come: the document is dumped with that array empty, and
// the items are spliced in, each indented to its depth. Memory holds one item, not the array.

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "diagnostics/diagnostic_engine.h"

namespace dmc {

// `document` holds `key` once, with an empty array; `items` calls `add` for each item in order.
void writeWithStreamedArray(const nlohmann::json& document, std::string_view key,
                            const std::function<void(const std::function<void(const nlohmann::json&)>& add)>& items,
                            const OutputSink& out);

}  // namespace dmc
