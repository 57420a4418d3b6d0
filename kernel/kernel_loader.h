#pragma once
// Loading checked tables into the kernel: the emitter whose output is the kernel itself.
//
// A command becomes a plan (a list of kernel operations), which --dry-run prints and a real run
// executes over a KernelInterface. If any step fails, the loader undoes what this command did:
// devices it created are removed again (upper devices first), new tables that never went live
// are dropped, devices it suspended are resumed, and devices whose new table already went live
// get their previous table back. It reports each step it undid, and why the kernel refused,
// from the kernel log, mapped back to the failing target. Pure C++ over the interface: the unit
// tests drive it with a recording fake.

#include <optional>
#include <string>
#include <vector>

#include "compiler/table_model.h"
#include "kernel/kernel_interface.h"
#include "kernel/kmsg_reader.h"

namespace dmc {

enum class OperationKind { Create, Load, Suspend, Resume, Clear, Remove };

std::string_view operationName(OperationKind kind);

struct Operation {
  OperationKind kind = OperationKind::Create;
  std::string name;
  std::optional<uint32_t> device;  // index into the model's devices, when the plan came from a file
  CreateRequest create;            // Create
  std::vector<KernelTarget> table; // Load
  bool readOnly = false;           // Load
};

struct Plan {
  std::vector<Operation> operations;
};

// dmc load: for each device after the devices it uses, create it, load its table, resume it.
Plan planLoad(const TableModel& model);
// dmc reload: load every new table into the inactive slot (lower devices first), then suspend
// the devices upper first and resume them lower first, so a stack switches over as one.
Plan planReload(const TableModel& model);
// dmc remove: the names in the order given (the caller orders them: holders first).
Plan planRemove(const std::vector<std::string>& names);
// dmc remove --file: the file's devices, upper devices first.
Plan planRemove(const TableModel& model);

struct PlanTextOptions {
  bool showKeys = false;
  bool showTables = true;
};

// The plan as --dry-run prints it: one numbered operation a line, each table under its load.
std::string describePlan(const Plan& plan, const PlanTextOptions& options);

// The targets of a device, as the ioctl carries them.
std::vector<KernelTarget> kernelTable(const TableModel& model, const DeviceEntry& device);

struct LoaderOptions {
  // When the kernel's message names a target type that several lines share (or names none),
  // find the line by loading shorter prefixes of the refused table into the inactive slot.
  bool locateByPrefixes = true;
};

// Why a step failed.
struct Failure {
  size_t operation = 0;  // index into the plan
  KernelResult result;
  KernelReason reason;
  bool located = false;  // reason.target was found by loading prefixes
  std::string logProblem;
};

struct ExecutionReport {
  bool ok = true;
  std::vector<std::string> done;     // what was done, in order ("created vroot (254:0)")
  std::optional<Failure> failure;
  std::vector<std::string> undone;   // what the rollback did, in order
  std::vector<std::string> undoFailures;  // rollback steps that failed: the system needs a look
  std::vector<std::string> warnings;
};

class KernelLoader {
 public:
  KernelLoader(KernelInterface& kernel, LoaderOptions options = {}) : kernel_(kernel), options_(options) {}

  ExecutionReport execute(const Plan& plan);

 private:
  struct DeviceState {
    std::string name;
    bool created = false;
    bool inactiveLoaded = false;
    bool suspended = false;
    bool swapped = false;  // a new table went live on a device this command did not create
    std::optional<std::vector<KernelTarget>> previous;
    bool previousReadOnly = false;
    std::optional<DeviceNumber> number;
  };

  DeviceState& state(const std::string& name);
  KernelResult run(const Operation& op, DeviceState& device, ExecutionReport& report);
  void explain(const Plan& plan, size_t index, DeviceState& device, Failure& failure);
  void locateByPrefixes(const Operation& op, Failure& failure);
  void rollback(ExecutionReport& report);

  KernelInterface& kernel_;
  LoaderOptions options_;
  std::vector<DeviceState> devices_;  // in the order the plan first touched them
};

}  // namespace dmc
