#pragma once
// dmc diff: every device of a file against the kernel's live table, through KernelInterface.

#include <string>

#include "compiler/table_model.h"
#include "kernel/kernel_interface.h"
#include "kernel/table_diff.h"

namespace dmc {

struct LiveDiff {
  bool equal = true;
  std::string text;   // the differences, device after device in load order
  std::string error;  // a query the kernel refused; nothing else is set then
};

LiveDiff diffWithKernel(KernelInterface& kernel, const TableModel& model, const std::string& fileName,
                        const DiffOptions& options);

}  // namespace dmc
