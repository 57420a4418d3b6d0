#pragma once
// Turns a compiled TableModel into a dmc binary image (emitters/image_format.h): every
// device's targets, strings and kernel-layout lookup btree, checksummed.

#include <optional>
#include <string>

#include "compiler/table_model.h"

namespace dmc {

// The image bytes, or nullopt with *error set: a device without targets, targets that do not
// follow each other, an unsupported keysPerNode, an invalid load order.
std::optional<std::string> buildImage(const TableModel& model, unsigned keysPerNode, std::string* error);

// buildImage, then written atomically to path ("-" = standard output). Returns an empty
// string on success, else the message to show.
std::string writeImageFile(const TableModel& model, unsigned keysPerNode, const std::string& path);

}  // namespace dmc
