#include "compiler/table_model.h"

namespace dmc {

uint32_t TableModel::internType(std::string_view name) {
  // Tables use a handful of types: a linear scan beats hashing.
  for (size_t i = 0; i < typeNames_.size(); ++i)
    if (typeNames_[i] == name) return static_cast<uint32_t>(i);
  typeNames_.emplace_back(name);
  return static_cast<uint32_t>(typeNames_.size() - 1);
}

void TableModel::storeParams(TargetEntry& target, std::string_view text) {
  target.paramsOffset = params_.size();
  target.paramsSize = static_cast<uint32_t>(text.size());
  params_.append(text);
}

}  // namespace dmc
