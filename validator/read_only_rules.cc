#include "validator/read_only_rules.h"

#include <fmt/format.h>

namespace dmc {

void ReadOnlyRules::beginDevice(LoadModeSource source, bool readOnly, Location modeField) {
  source_ = source;
  modeField_ = modeField;
  readOnly_ = readOnly;
  forTargets_ = false;
  refused_ = false;
}

void ReadOnlyRules::addTarget(const TargetType& type, Location at) {
  if (!type.needsReadOnlyTable() || readOnly_ || refused_) return;
  if (source_ == LoadModeSource::Unstated) {
    readOnly_ = forTargets_ = true;
    engine_
        .report(DiagnosticCode::NeedsReadOnly, Severity::Warning, at,
                fmt::format("{}: the kernel loads this table only read-only (\"{}\"), and this input does not say "
                            "how it is loaded",
                            type.name, type.readOnlyKernelText))
        .note("load it read-only: dmsetup create --readonly, dmc load --readonly (dmc load and compile make it "
              "read-only by themselves), or a 'device NAME ro' header; --readonly silences this warning");
    return;
  }
  const char* where = source_ == LoadModeSource::DeviceHeader
                          ? "this device's header loads it read-write: add ro to it ('device NAME ro')"
                          : "this device's flags field says rw, so it is loaded read-write: write ro there";
  refused_ = true;  // once a device: one mistake, one error
  // The mistake is where the input says rw (a boot string's flags field), when it says it.
  const bool atField = source_ == LoadModeSource::BootStringFlags && modeField_.line != 0;
  auto d = engine_.report(DiagnosticCode::TargetArgument, atField ? modeField_ : at,
                          fmt::format("{}: {}: {} only works in a read-only table; {}", type.name,
                                      type.readOnlyKernelText, type.name, where));
  if (atField) d.note(at, fmt::format("the {} target is here", type.name));
}

}  // namespace dmc
