#pragma once
// The checked model as JSON (dmc compile --emit json): every device with its attributes, its
// size, the devices it uses, its targets with their source lines, and the load order. Stable
// keys, for scripts (docs/loading.md shows the shape).

#include <string>

#include "compiler/table_model.h"

namespace dmc {

// Crypt keys are replaced by <key:N-hex-digits> unless showKeys: the model is for inspection, not loading.
std::string emitJsonModel(const TableModel& model, bool showKeys = false);

}  // namespace dmc
