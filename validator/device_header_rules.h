#pragma once
// device NAME [uuid=UUID] [minor=N] [ro|rw]: the kernel's rules for a device's name, uuid and
// minor (dm-ioctl.c), the header's own (each attribute once, known ones only), and names and
// uuids unique in a file.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "grammar/line_syntax.h"
#include "validator/kernel_choice.h"

namespace dmc {

struct DeviceHeader {
  std::string name;
  std::string uuid;
  std::optional<uint32_t> minor;
  bool readOnly = false;
};

class DeviceHeaderRules {
 public:
  DeviceHeaderRules(DiagnosticEngine& engine, uint32_t fileId, const KernelChoice& kernel)
      : engine_(engine), file_(fileId), kernel_(kernel) {}

  // Reads one header line, reporting each problem at its token, and checks it against the
  // devices remembered so far.
  DeviceHeader read(const LineSyntax& line);
  // A device of the file, for the uniqueness checks of later headers (headerLine 0: a plain
  // table's implicit device).
  void remember(const DeviceHeader& device, uint32_t headerLine);
  // The kernel's rules for the name of a plain table's device, which comes from `source`
  // (--name, the file name) rather than a header; reported at `where`.
  void checkPlainTableName(const std::string& name, Location where, std::string_view source);

 private:
  struct Seen {
    std::string name;
    std::string uuid;
    uint32_t headerLine;
  };

  Location at(uint32_t line, const Token& token) const { return Location{file_, line, token.column, token.length()}; }
  // `which` follows "device name" in the messages (empty for a header's name).
  void checkName(const std::string& name, Location where, const std::string& which);
  void readAttributes(const LineSyntax& line, DeviceHeader& device);
  void readMinor(std::string_view value, Location where, DeviceHeader& device);
  void reportUnknownAttribute(std::string_view text, Location where);
  void checkDuplicates(const LineSyntax& line, const DeviceHeader& device);

  DiagnosticEngine& engine_;
  uint32_t file_;
  const KernelChoice& kernel_;
  std::vector<Seen> seen_;
};

}  // namespace dmc
