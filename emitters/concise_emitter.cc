#include "emitters/concise_emitter.h"

#include <fmt/format.h>

#include <cctype>

namespace dmc {

bool BootStringOutput::ok() const {
  for (const BootStringProblem& p : problems)
    if (p.severity == Severity::Error) return false;
  return true;
}

std::string escapeConcise(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  // dmsetup skips blanks before a field; an escaped one is kept.
  if (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) out += '\\';
  for (char c : text) {
    if (c == ',' || c == ';' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

BootStringOutput emitConcise(const TableModel& model) {
  BootStringOutput out;
  std::string text;
  for (size_t i = 0; i < model.loadOrder.size(); ++i) {
    const DeviceEntry& device = model.devices[model.loadOrder[i]];
    if (i > 0) text += ';';
    text += escapeConcise(device.name) + ',' + escapeConcise(device.uuid) + ',';
    if (device.minor) text += std::to_string(*device.minor);
    text += device.readOnly ? ",ro" : ",rw";
    for (const TargetEntry& t : device.targets) {
      std::string_view params = model.params(t);
      if (params.find('#') != std::string_view::npos)
        out.problems.push_back({DiagnosticCode::BootStringUnsafe, Severity::Error, device.file, t.line,
                                "dmsetup reads '#' in a concise table line as the start of a comment, and no escape "
                                "helps: this line cannot be written in the concise form"});
      fmt::format_to(std::back_inserter(text), ",{} {} {}", t.start, t.length, model.typeName(t));
      if (!params.empty()) text += ' ' + escapeConcise(params);
    }
  }
  if (out.ok()) out.text = text + "\n";
  return out;
}

}  // namespace dmc
