#pragma once
// The disks a dmc file declares: "disk PATH [size=SIZE] [logical-block=BYTES]
// [zoned=none|host-aware|host-managed] [integrity=TAG_BYTES[:BLOCK_BYTES]]", before its first
// device or target line. A declared disk is known whole: a zone model or integrity profile
// it does not state is none, a logical block size it does not state is 512 bytes.
//
// The facts of the command line (--device-size, --logical-block-size) and of this machine
// (--host-devices) describe the disks the table will really meet, so they win over the file's:
// a declaration that disagrees with them gets a warning at its key, and the other value is
// used. A file that declares disks declares all of them: an undeclared device is unknown.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "grammar/line_syntax.h"
#include "validator/device_areas.h"

namespace dmc {

class DiskDeclarations final : public DeviceSizeSource {
 public:
  // `outside`: the command line's or the machine's facts; `outsideName` says which, for warnings.
  DiskDeclarations(DiagnosticEngine& engine, uint32_t fileId, const DeviceSizeSource& outside,
                   std::string_view outsideName)
      : engine_(engine), file_(fileId), outside_(outside), outsideName_(outsideName) {}

  // A "disk" line; `tooLate`: the file's first device or target line came before it.
  void read(const LineSyntax& line, bool tooLate);

  std::optional<uint64_t> sizeOf(std::string_view device) const override;
  std::optional<DiskFacts> factsOf(std::string_view device) const override;
  bool anyDeclared() const override { return !declared_.empty() || outside_.anyDeclared(); }
  std::string unknownDeviceMessage(std::string_view device) const override {
    return outside_.unknownDeviceMessage(device);
  }
  bool isThisMachine() const override { return outside_.isThisMachine(); }
  // A declaration says nothing of a disk's contents: the outside source reads them, if any.
  std::optional<std::array<uint8_t, 512>> readSector(std::string_view device, uint64_t sector) const override {
    return outside_.readSector(device, sector);
  }

 private:
  struct Declared {
    std::string path;
    DiskFacts facts;
    uint32_t line = 0;
  };
  struct Keys;  // which keys a line gave, and where

  Location at(uint32_t line, const Token& token) const { return Location{file_, line, token.column, token.length()}; }
  bool readPath(const LineSyntax& line);
  bool readKey(uint32_t line, const Token& word, Keys& keys, DiskFacts& facts);
  bool readLogicalBlock(Location where, std::string_view value, DiskFacts& facts);
  bool readIntegrity(Location where, std::string_view value, DiskFacts& facts);
  void reportBadValue(Location where, std::string_view key, std::string_view value, std::string_view expected);
  void compareWithOutside(const LineSyntax& line, const Keys& keys, const DiskFacts& facts);
  const Declared* find(std::string_view path) const;

  DiagnosticEngine& engine_;
  uint32_t file_;
  const DeviceSizeSource& outside_;
  std::string_view outsideName_;
  std::vector<Declared> declared_;
};

}  // namespace dmc
