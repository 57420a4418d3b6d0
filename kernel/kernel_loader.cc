#include "kernel/kernel_loader.h"

#include <algorithm>
#include <cerrno>

#include <fmt/format.h>

#include "emitters/secret_redaction.h"
#include "support/display_escape.h"

namespace dmc {

std::string_view operationName(OperationKind kind) {
  switch (kind) {
    case OperationKind::Create: return "create";
    case OperationKind::Load: return "load";
    case OperationKind::Suspend: return "suspend";
    case OperationKind::Resume: return "resume";
    case OperationKind::Clear: return "clear";
    case OperationKind::Remove: return "remove";
  }
  return "?";
}

std::vector<KernelTarget> kernelTable(const TableModel& model, const DeviceEntry& device) {
  std::vector<KernelTarget> table;
  table.reserve(device.targets.size());
  for (const TargetEntry& t : device.targets)
    table.push_back(KernelTarget{t.start, t.length, std::string(model.typeName(t)), std::string(model.params(t))});
  return table;
}

namespace {

Operation simple(OperationKind kind, const std::string& name, std::optional<uint32_t> device) {
  Operation op;
  op.kind = kind;
  op.name = name;
  op.device = device;
  return op;
}

Operation loadOperation(const TableModel& model, uint32_t index) {
  const DeviceEntry& device = model.devices[index];
  Operation op = simple(OperationKind::Load, device.name, index);
  op.table = kernelTable(model, device);
  op.readOnly = device.readOnly;
  return op;
}

}  // namespace

Plan planLoad(const TableModel& model) {
  Plan plan;
  for (uint32_t index : model.loadOrder) {
    const DeviceEntry& device = model.devices[index];
    Operation create = simple(OperationKind::Create, device.name, index);
    create.create = CreateRequest{device.name, device.uuid, device.minor};
    plan.operations.push_back(std::move(create));
    plan.operations.push_back(loadOperation(model, index));
    plan.operations.push_back(simple(OperationKind::Resume, device.name, index));
  }
  return plan;
}

Plan planReload(const TableModel& model) {
  Plan plan;
  for (uint32_t index : model.loadOrder) plan.operations.push_back(loadOperation(model, index));
  for (auto it = model.loadOrder.rbegin(); it != model.loadOrder.rend(); ++it)
    plan.operations.push_back(simple(OperationKind::Suspend, model.devices[*it].name, *it));
  for (uint32_t index : model.loadOrder)
    plan.operations.push_back(simple(OperationKind::Resume, model.devices[index].name, index));
  return plan;
}

Plan planRemove(const std::vector<std::string>& names) {
  Plan plan;
  for (const std::string& name : names) plan.operations.push_back(simple(OperationKind::Remove, name, std::nullopt));
  return plan;
}

Plan planRemove(const TableModel& model) {
  Plan plan;
  for (auto it = model.loadOrder.rbegin(); it != model.loadOrder.rend(); ++it)
    plan.operations.push_back(simple(OperationKind::Remove, model.devices[*it].name, *it));
  return plan;
}

std::string describePlan(const Plan& plan, const PlanTextOptions& options) {
  std::string out;
  size_t width = std::to_string(plan.operations.size()).size();
  for (size_t i = 0; i < plan.operations.size(); ++i) {
    const Operation& op = plan.operations[i];
    out += fmt::format("{:>{}}. {:<7} {}", i + 1, width, operationName(op.kind), escapeForDisplay(op.name));
    switch (op.kind) {
      case OperationKind::Create:
        if (!op.create.uuid.empty()) out += " uuid=" + escapeForDisplay(op.create.uuid);
        if (op.create.minor) out += fmt::format(" minor={}", *op.create.minor);
        break;
      case OperationKind::Load:
        out += fmt::format(" ({}, {} target{}, inactive slot)", op.readOnly ? "read-only" : "read-write",
                           op.table.size(), op.table.size() == 1 ? "" : "s");
        break;
      default: break;
    }
    out += "\n";
    if (op.kind == OperationKind::Load && options.showTables) {
      for (const KernelTarget& t : op.table) {
        std::string params = options.showKeys ? t.params : redactSecrets(t.type, t.params);
        out += fmt::format("{:{}}    {} {} {}{}{}\n", "", width, t.start, t.length, t.type, params.empty() ? "" : " ",
                           escapeForDisplay(params));
      }
    }
  }
  return out;
}

KernelLoader::DeviceState& KernelLoader::state(const std::string& name) {
  for (DeviceState& d : devices_)
    if (d.name == name) return d;
  devices_.push_back(DeviceState{});
  devices_.back().name = name;
  return devices_.back();
}

KernelResult KernelLoader::run(const Operation& op, DeviceState& device, ExecutionReport& report) {
  const std::string& name = op.name;
  std::string shown = escapeForDisplay(name);
  switch (op.kind) {
    case OperationKind::Create: {
      DeviceNumber number;
      KernelResult r = kernel_.create(op.create, number);
      if (r.ok) {
        device.created = true;
        device.number = number;
        report.done.push_back(fmt::format("created {} ({})", shown, number.str()));
      }
      return r;
    }
    case OperationKind::Load: {
      if (!device.created && !device.previous) {
        // A live device: keep its table, so a failure later can put it back.
        std::optional<KernelDeviceInfo> info = kernel_.info(name);
        if (!info) return KernelResult::failure(ENXIO, fmt::format("device {} does not exist", shown));
        device.number = info->number;
        device.previousReadOnly = info->readOnly;
        if (info->inactiveTable)
          report.warnings.push_back(fmt::format("{} already had an inactive table, loaded by someone else; it is replaced", shown));
        std::vector<KernelTarget> previous;
        if (info->liveTable) {
          KernelResult r = kernel_.table(name, false, previous);
          if (!r.ok) return r;
          device.previous = std::move(previous);
        }
      }
      KernelResult r = kernel_.loadTable(name, op.table, op.readOnly);
      if (r.ok) {
        device.inactiveLoaded = true;
        report.done.push_back(fmt::format("loaded the table of {} ({} target{})", shown, op.table.size(),
                                          op.table.size() == 1 ? "" : "s"));
      }
      return r;
    }
    case OperationKind::Suspend: {
      KernelResult r = kernel_.suspend(name);
      if (r.ok) {
        device.suspended = true;
        report.done.push_back(fmt::format("suspended {}", shown));
      }
      return r;
    }
    case OperationKind::Resume: {
      KernelResult r = kernel_.resume(name);
      bool hadNewTable = device.inactiveLoaded;
      // Whatever the outcome, the inactive table is gone: swapped in, or dropped by a failed
      // resume (which leaves the device suspended with its old table).
      device.inactiveLoaded = false;
      if (r.ok) {
        device.suspended = false;
        if (hadNewTable && !device.created) device.swapped = true;
        report.done.push_back(fmt::format("resumed {}", shown));
      } else {
        device.suspended = true;
      }
      return r;
    }
    case OperationKind::Clear: {
      KernelResult r = kernel_.clearInactive(name);
      if (r.ok) device.inactiveLoaded = false;
      return r;
    }
    case OperationKind::Remove: {
      KernelResult r = kernel_.remove(name);
      if (r.ok) report.done.push_back(fmt::format("removed {}", shown));
      return r;
    }
  }
  return KernelResult::failure(0, "unknown operation");
}

void KernelLoader::explain(const Plan& plan, size_t index, DeviceState& device, Failure& failure) {
  const Operation& op = plan.operations[index];
  std::vector<KernelLogLine> log = kernel_.logSinceMark();
  if (log.empty()) failure.logProblem = kernel_.logProblem();
  if (!device.number && op.kind != OperationKind::Create) {
    if (std::optional<KernelDeviceInfo> info = kernel_.info(op.name)) device.number = info->number;
  }
  // The table the failure is about: this load's, or for a resume the one loaded before it.
  const std::vector<KernelTarget>* table = nullptr;
  for (size_t i = index + 1; i-- > 0;) {
    const Operation& earlier = plan.operations[i];
    if (earlier.kind == OperationKind::Load && earlier.name == op.name) {
      table = &earlier.table;
      break;
    }
  }
  if (op.kind == OperationKind::Load) {
    if (std::optional<TargetRefusal> refusal = kernel_.lastRefusal(op.name)) {
      failure.reason.message = refusal->message;
      failure.reason.target = refusal->target;
      failure.reason.found = true;
      return;
    }
  }
  static const std::vector<KernelTarget> kNone;
  failure.reason = explainFailure(log, device.number, table ? *table : kNone);
  if (op.kind == OperationKind::Load && !failure.reason.target && op.table.size() > 1 && options_.locateByPrefixes)
    locateByPrefixes(op, failure);
}

// The kernel adds a table's targets in order and stops at the first it refuses; its device
// checks also go target by target. So a prefix of the table fails the same way exactly when it
// contains the failing target: the shortest such prefix ends with it. Prefix loads go into the
// inactive slot of a device this plan is loading anyway, and are cleared again.
void KernelLoader::locateByPrefixes(const Operation& op, Failure& failure) {
  const std::string signature = failure.reason.signature();
  const int error = failure.result.error;
  std::optional<DeviceNumber> number = state(op.name).number;
  auto failsAlike = [&](size_t count) {
    std::vector<KernelTarget> prefix(op.table.begin(), op.table.begin() + static_cast<std::ptrdiff_t>(count));
    kernel_.markLog();
    KernelResult r = kernel_.loadTable(op.name, prefix, op.readOnly);
    if (r.ok) {
      kernel_.clearInactive(op.name);
      return false;
    }
    KernelReason reason = explainFailure(kernel_.logSinceMark(), number, prefix);
    return r.error == error && reason.signature() == signature;
  };
  size_t low = 1, high = op.table.size();
  while (low < high) {
    size_t middle = low + (high - low) / 2;
    if (failsAlike(middle)) high = middle;
    else low = middle + 1;
  }
  failure.reason.target = high - 1;
  failure.located = true;
}

void KernelLoader::rollback(ExecutionReport& report) {
  auto attempt = [&](KernelResult r, std::string what) {
    if (r.ok) report.undone.push_back(std::move(what));
    else report.undoFailures.push_back(fmt::format("could not {}: {}", what, r.message));
    return r.ok;
  };
  // 1. New tables that never went live: drop them, so a later resume cannot activate them.
  for (auto it = devices_.rbegin(); it != devices_.rend(); ++it) {
    if (it->inactiveLoaded && !it->created) {
      if (attempt(kernel_.clearInactive(it->name), fmt::format("drop the new table of {} (it never went live)", escapeForDisplay(it->name))))
        it->inactiveLoaded = false;
    }
  }
  // 2. Devices whose new table is already live: put the previous table back.
  std::vector<DeviceState*> restore;
  for (auto it = devices_.rbegin(); it != devices_.rend(); ++it)
    if (it->swapped && it->previous) restore.push_back(&*it);
  for (DeviceState* d : restore)
    attempt(kernel_.loadTable(d->name, *d->previous, d->previousReadOnly),
            fmt::format("load the previous table of {}", escapeForDisplay(d->name)));
  for (DeviceState* d : restore)  // upper devices first
    if (!d->suspended && attempt(kernel_.suspend(d->name), fmt::format("suspend {}", escapeForDisplay(d->name))))
      d->suspended = true;
  // 3. Resume everything this command left suspended, lower devices first.
  for (DeviceState& d : devices_) {
    if (!d.suspended || d.created) continue;
    bool restored = std::find(restore.begin(), restore.end(), &d) != restore.end();
    if (attempt(kernel_.resume(d.name), restored ? fmt::format("resume {} with its previous table", escapeForDisplay(d.name))
                                                 : fmt::format("resume {} (its old table is live)", escapeForDisplay(d.name))))
      d.suspended = false;
  }
  // 4. Remove the devices this command created, upper devices first.
  for (auto it = devices_.rbegin(); it != devices_.rend(); ++it)
    if (it->created)
      attempt(kernel_.remove(it->name), fmt::format("remove {} (created by this command)", escapeForDisplay(it->name)));
}

ExecutionReport KernelLoader::execute(const Plan& plan) {
  ExecutionReport report;
  devices_.clear();
  devices_.reserve(plan.operations.size());  // DeviceState references stay valid
  for (size_t i = 0; i < plan.operations.size(); ++i) {
    const Operation& op = plan.operations[i];
    DeviceState& device = state(op.name);
    kernel_.markLog();
    KernelResult result = run(op, device, report);
    if (result.ok) continue;
    Failure failure;
    failure.operation = i;
    failure.result = result;
    explain(plan, i, device, failure);
    report.ok = false;
    report.failure = std::move(failure);
    rollback(report);
    return report;
  }
  return report;
}

}  // namespace dmc
