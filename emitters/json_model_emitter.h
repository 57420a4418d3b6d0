#pragma once
// The checked model as JSON (dmc compile --emit json): every device with its attributes, its
// size, the devices it uses, its targets with their source lines, and the load order. Stable
// keys, for scripts (docs/loading.md shows the shape).

#include <string>

#include "compiler/table_model.h"

namespace dmc {

std::string emitJsonModel(const TableModel& model);

}  // namespace dmc
