#pragma once
// What a target's check function sees of one table line, and how it reports at the exact
// argument. Arguments are read with validator/ctr/arg_cursor.h.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostic_engine.h"
#include "grammar/line_syntax.h"
#include "validator/device_areas.h"
#include "validator/kernel_choice.h"

namespace dmc {

struct TargetType;

struct TargetCheckEnvironment {
  const KernelChoice* kernel = &defaultKernelChoice();
  bool readOnly = false;
  const TargetType* type = nullptr;  // the line's type, for the facts of its areas (deviceUse)
  const DeviceSizeSource* disks = nullptr;  // facts of underlying disks; nullptr: none known
};

// A target that needs an integrity profile on the device below it (crypt with integrity:
// or the random IV), judged when the whole file is read: the device may be a dm-integrity
// device of the same file, defined further down.
struct IntegrityProfileNeed {
  std::string_view device;
  Location deviceLocation;
  std::string_view targetType;
  uint32_t tagBytes = 0;     // on-disk tag bytes a sector the target needs
  uint32_t sectorBytes = 512;
  // What the constructor refuses once the profile matches (crypt: an AEAD tag size the
  // algorithm does not take, an IV that does not fill the tag); empty: nothing. The table
  // fails whatever the device offers, so it is reported even when nothing is known of it.
  std::string_view tagProblemKernelText;
  std::string tagProblem;
  Location tagProblemLocation;
  // The kernel takes a profile with larger tags than tagBytes (KernelFeature::CryptIntegrityLargerTags);
  // then only what the tag must hold has to fit: the random IV alone with integrity:<bytes>:none.
  bool largerTagsFit = false;
  uint32_t ivOnlyBytes = 0;
  Location ivOnlyLocation;
};

class TargetCheckContext {
 public:
  TargetCheckContext(DiagnosticEngine& engine, uint32_t file, uint32_t line, const TargetSyntax& syntax,
                     uint64_t length, const TargetCheckEnvironment& environment, std::vector<DeviceArea>& areas);

  std::string_view type() const { return syntax_.type.text; }
  size_t argCount() const { return syntax_.args.size(); }
  std::string_view arg(size_t index) const { return syntax_.args[index].text; }
  uint64_t length() const { return length_; }
  bool readOnly() const { return environment_.readOnly; }
  const KernelChoice& kernel() const { return *environment_.kernel; }
  // Does the chosen kernel (version and build) have this rule? See validator/kernel_features.h.
  bool has(KernelFeature feature) const { return environment_.kernel->has(feature); }

  // "<type>: <kernel text>: <explanation>" at the argument (or at the type, or at the end of
  // the line for a missing argument). Only the first failure of a line is reported, as the
  // kernel stops at the first.
  void failAt(size_t argIndex, std::string_view kernelText, const std::string& explanation);
  void failAtType(std::string_view kernelText, const std::string& explanation);
  void failAtEnd(std::string_view kernelText, const std::string& explanation);
  bool failed() const { return failed_; }
  // A warning at an argument (the line still loads); notes may be added to what it returns.
  DiagnosticBuilder warnAt(DiagnosticCode code, size_t argIndex, const std::string& message);
  // A note the line's failure carries, whichever check fails (such as "cipher and key look
  // swapped", known before the check that fails).
  void setFailureNote(std::string note) { failureNote_ = std::move(note); }

  // Argument `index` is a size with a unit that the compiled table writes as this many
  // sectors (read by ArgCursor::sector, validator/ctr/arg_cursor.h).
  void resolveArg(size_t index, uint64_t sectors) { resolved_.emplace_back(static_cast<uint32_t>(index), sectors); }

  // Records that the target uses [start, start+length) of the device named by argument index;
  // past the device's end the constructor's own text if it has one (raid: "Component device(s)
  // too small"), else dm-table's.
  void useDevice(size_t deviceIndex, uint64_t start, uint64_t length, std::optional<size_t> startIndex,
                 const char* pastEndKernelText = nullptr);

  // An area the constructor needs but does not map (verity's hash tree): checked against the
  // device's end, reported with the constructor's own text; not a mapped area.
  void needDeviceArea(size_t deviceIndex, uint64_t start, uint64_t length, size_t startIndex,
                      const char* pastEndKernelText);

  // Records that the target opens the device named by argument index (a COW store, a pool's
  // metadata) without mapping a range of it: with declared devices, an undeclared one is
  // still caught, as the kernel fails to open it.
  void referToDevice(size_t deviceIndex);
  // referToDevice for a device named inside an argument, from byte `offset` of it to its end
  // (integrity's meta_device:<dev>).
  void referToDeviceInArg(size_t argIndex, size_t offset);
  // needDeviceArea for a device named inside an argument (integrity's metadata area on its
  // meta_device:<dev>).
  void needDeviceAreaInArg(size_t argIndex, size_t offset, uint64_t start, uint64_t length,
                           const char* pastEndKernelText);
  // referToDevice, and the target takes object `claim` of that device for itself alone (thin:
  // its device id in the pool), so another line taking the same one is reported.
  void claimOnDevice(size_t deviceIndex, uint32_t claim);


  // The target's logical block size in bytes after its io_hints (crypt's sector_size...);
  // 512 unless the check says otherwise. See validator/block_alignment.h.
  void setLogicalBlockSize(uint32_t bytes) { logicalBlockSize_ = bytes; }
  // ... whatever the devices' own block sizes (ebs emulates smaller blocks on larger ones).
  void replaceLogicalBlockSize(uint32_t bytes) {
    logicalBlockSize_ = bytes;
    replacesDeviceBlocks_ = true;
  }
  uint32_t logicalBlockSize() const { return logicalBlockSize_; }
  bool replacesDeviceBlocks() const { return replacesDeviceBlocks_; }

  // What is known of the disk named by argument index: a 'disk' line, the command line or
  // this machine (--host-devices); nullopt for a device of the same file or an unknown one.
  std::optional<DiskFacts> diskFactsOf(size_t deviceIndex) const;
  // A sector of a disk of this machine (--host-devices), as DeviceSizeSource::readSector; the
  // device as written in the table (a path, MAJ:MIN), nullopt for @name devices.
  std::optional<std::array<uint8_t, 512>> readDiskSector(std::string_view device, uint64_t sector) const;
  Location argLocation(size_t index) const { return locationOf(syntax_.args[index]); }
  // Whether the devices are this machine's (--host-devices), so the check may read them.
  bool readsHostDevices() const { return environment_.disks != nullptr && environment_.disks->isThisMachine(); }

  // The integrity profile the device below argument `deviceIndex` must offer (checked at the
  // end of the file), and the profile this line's device offers the device above it.
  void needIntegrityProfile(size_t deviceIndex, uint32_t tagBytes, uint32_t sectorBytes, bool largerTagsFit);
  // ... and what the constructor refuses after the profile's checks (IntegrityProfileNeed).
  void setIntegrityTagProblem(size_t argIndex, std::string_view kernelText, std::string explanation);
  // ... or, where larger profile tags fit, the random IV's bytes the profile's tag must hold.
  void needIvSpace(size_t argIndex, uint32_t ivBytes);
  void offerIntegrityProfile(IntegrityProfile profile) { offered_ = profile; }
  const std::optional<IntegrityProfileNeed>& integrityNeed() const { return needed_; }
  const std::optional<IntegrityProfile>& integrityOffer() const { return offered_; }

  // Replacements for argument text in the compiled table (units resolved to sectors).
  const std::vector<std::pair<uint32_t, uint64_t>>& resolvedArgs() const { return resolved_; }

 private:
  void reportFailure(Location at, std::string_view kernelText, const std::string& explanation);
  DeviceUse useOf(size_t deviceIndex) const;
  Location locationOf(const Token& token) const;

  DiagnosticEngine& engine_;
  uint32_t file_;
  uint32_t line_;
  const TargetSyntax& syntax_;
  uint64_t length_;
  const TargetCheckEnvironment& environment_;
  std::vector<DeviceArea>& areas_;
  std::vector<std::pair<uint32_t, uint64_t>> resolved_;
  bool failed_ = false;
  std::string failureNote_;
  uint32_t logicalBlockSize_ = 512;
  bool replacesDeviceBlocks_ = false;
  std::optional<IntegrityProfileNeed> needed_;
  std::optional<IntegrityProfile> offered_;
};

}  // namespace dmc
