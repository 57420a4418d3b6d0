#pragma once
// `dmc compile --emit btree-json`: the kernel lookup btree of every device, one JSON object
// per line (JSON Lines), devices in file order:
//   {"device": NAME, "keys_per_node": K, "depth": D, "counts": [nodes per level, root first],
//    "levels": [[keys of level 0], [keys of level 1], ...], "targets": N, "size": SECTORS}
// Each level lists its keys node after node, padding included, as decimal numbers (all-ones
// padding is 18446744073709551615), so the output can be compared with the kernel's memory.

#include <string>

#include "compiler/table_model.h"

namespace dmc {

// keysPerNode must be 8, 16 or 32 (isSupportedKeysPerNode). Throws std::invalid_argument for
// a device whose targets do not follow each other (a model that failed to compile).
std::string emitBtreeJson(const TableModel& model, unsigned keysPerNode);

}  // namespace dmc
