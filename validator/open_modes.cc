#include "validator/open_modes.h"

#include <map>
#include <set>

#include <fmt/format.h>

namespace dmc {

void checkOpenModes(DiagnosticEngine& engine, std::span<const DeviceArea> tableAreas, bool readOnlyTable) {
  if (readOnlyTable) return;  // every target then opens its devices read-only
  std::map<std::string_view, const DeviceArea*> openedReadOnly;
  std::set<std::string_view> reported;
  for (const DeviceArea& area : tableAreas) {
    if (area.device().empty()) continue;
    if (area.use.access == AreaAccess::OpensReadOnly) {
      openedReadOnly.try_emplace(area.device(), &area);
      continue;
    }
    auto first = openedReadOnly.find(area.device());
    if (first == openedReadOnly.end() || !reported.insert(area.device()).second) continue;
    const DeviceArea& reader = *first->second;
    engine
        .report(DiagnosticCode::MixedOpenModes, Severity::Warning, area.deviceLocation(),
                fmt::format("{}: this target opens {} read-write, after the {} target on line {} of the same table "
                            "opened it read-only: the kernel reopens it and frees the handle that target holds "
                            "(kernel 6.1 oopses loading this table)",
                            area.targetType(), area.device(), reader.targetType(), reader.deviceLocation().line))
        .note(reader.deviceLocation(), fmt::format("the {} target opens {} read-only here", reader.targetType(),
                                                 reader.device()));
  }
}

}  // namespace dmc
