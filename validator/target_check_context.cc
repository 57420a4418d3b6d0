#include "validator/target_check_context.h"

#include <fmt/format.h>

#include "validator/target_type.h"

namespace dmc {

TargetCheckContext::TargetCheckContext(DiagnosticEngine& engine, uint32_t file, uint32_t line,
                                       const TargetSyntax& syntax, uint64_t length,
                                       const TargetCheckEnvironment& environment, std::vector<DeviceArea>& areas)
    : engine_(engine),
      file_(file),
      line_(line),
      syntax_(syntax),
      length_(length),
      environment_(environment),
      areas_(areas) {}

Location TargetCheckContext::locationOf(const Token& token) const {
  return Location{file_, line_, token.column, token.length()};
}

void TargetCheckContext::failAt(size_t argIndex, std::string_view kernelText, const std::string& explanation) {
  if (argIndex >= syntax_.args.size()) return failAtEnd(kernelText, explanation);
  if (failed_) return;
  failed_ = true;
  reportFailure(locationOf(syntax_.args[argIndex]), kernelText, explanation);
}

void TargetCheckContext::reportFailure(Location at, std::string_view kernelText, const std::string& explanation) {
  DiagnosticBuilder diagnostic =
      engine_.report(DiagnosticCode::TargetArgument, at, fmt::format("{}: {}: {}", type(), kernelText, explanation));
  if (!failureNote_.empty()) diagnostic.note(failureNote_);
}

void TargetCheckContext::failAtType(std::string_view kernelText, const std::string& explanation) {
  if (failed_) return;
  failed_ = true;
  reportFailure(locationOf(syntax_.type), kernelText, explanation);
}

void TargetCheckContext::failAtEnd(std::string_view kernelText, const std::string& explanation) {
  if (failed_) return;
  failed_ = true;
  const Token& last = syntax_.args.empty() ? syntax_.type : syntax_.args.back();
  Location end{file_, line_, last.column + last.length(), 1};
  reportFailure(end, kernelText, explanation);
}

void TargetCheckContext::useDevice(size_t deviceIndex, uint64_t start, uint64_t length,
                                   std::optional<size_t> startIndex, const char* pastEndKernelText) {
  if (deviceIndex >= argCount()) return;
  const Token& device = syntax_.args[deviceIndex];
  Location startLocation = startIndex && *startIndex < argCount() ? locationOf(syntax_.args[*startIndex])
                                                                  : locationOf(device);
  areas_.push_back(DeviceArea{device.text, start, length, locationOf(device), startLocation, type()});
  areas_.back().use = useOf(deviceIndex);
  areas_.back().pastEndKernelText = pastEndKernelText;
}

DeviceUse TargetCheckContext::useOf(size_t deviceIndex) const {
  return environment_.type ? environment_.type->useOf(deviceIndex, argCount()) : DeviceUse{};
}

void TargetCheckContext::needDeviceArea(size_t deviceIndex, uint64_t start, uint64_t length, size_t startIndex,
                                        const char* pastEndKernelText) {
  useDevice(deviceIndex, start, length, startIndex);
  if (deviceIndex >= argCount()) return;
  areas_.back().mapped = false;
  areas_.back().pastEndKernelText = pastEndKernelText;
}

void TargetCheckContext::referToDevice(size_t deviceIndex) {
  if (deviceIndex >= argCount()) return;
  const Token& device = syntax_.args[deviceIndex];
  areas_.push_back(DeviceArea{device.text, 0, 0, locationOf(device), locationOf(device), type(), false});
  areas_.back().use = useOf(deviceIndex);
}

void TargetCheckContext::referToDeviceInArg(size_t argIndex, size_t offset) {
  if (argIndex >= argCount() || offset >= syntax_.args[argIndex].text.size()) return;
  const Token& arg = syntax_.args[argIndex];
  Location at = locationOf(arg);
  at.column += static_cast<uint32_t>(offset);
  at.length -= static_cast<uint32_t>(offset);
  areas_.push_back(DeviceArea{arg.text.substr(offset), 0, 0, at, at, type(), false});
  areas_.back().use = useOf(argIndex);
}

void TargetCheckContext::needDeviceAreaInArg(size_t argIndex, size_t offset, uint64_t start, uint64_t length,
                                             const char* pastEndKernelText) {
  size_t before = areas_.size();
  referToDeviceInArg(argIndex, offset);
  if (areas_.size() == before) return;
  DeviceArea& area = areas_.back();
  area.start = start;
  area.length = length;
  area.hasRange = true;
  area.mapped = false;
  area.pastEndKernelText = pastEndKernelText;
}

void TargetCheckContext::claimOnDevice(size_t deviceIndex, uint32_t claim) {
  if (deviceIndex >= argCount()) return;
  referToDevice(deviceIndex);
  areas_.back().claim = claim;
}

DiagnosticBuilder TargetCheckContext::warnAt(DiagnosticCode code, size_t argIndex, const std::string& message) {
  const Location where = argIndex < argCount() ? locationOf(syntax_.args[argIndex]) : locationOf(syntax_.type);
  return engine_.report(code, where, fmt::format("{}: {}", type(), message));
}

std::optional<std::array<uint8_t, 512>> TargetCheckContext::readDiskSector(std::string_view device,
                                                                            uint64_t sector) const {
  if (environment_.disks == nullptr || device.empty() || device.front() == '@') return std::nullopt;
  return environment_.disks->readSector(device, sector);
}

std::optional<DiskFacts> TargetCheckContext::diskFactsOf(size_t deviceIndex) const {
  if (environment_.disks == nullptr || deviceIndex >= argCount()) return std::nullopt;
  std::string_view device = syntax_.args[deviceIndex].text;
  if (device.empty()) return std::nullopt;
  return environment_.disks->factsOf(device);  // @name too: what its table makes it (StackedDeviceFacts)
}

void TargetCheckContext::needIntegrityProfile(size_t deviceIndex, uint32_t tagBytes, uint32_t sectorBytes,
                                              bool largerTagsFit) {
  if (deviceIndex >= argCount()) return;
  const Token& device = syntax_.args[deviceIndex];
  needed_ = IntegrityProfileNeed{device.text, locationOf(device), type(), tagBytes, sectorBytes};
  needed_->largerTagsFit = largerTagsFit;
}

void TargetCheckContext::needIvSpace(size_t argIndex, uint32_t ivBytes) {
  if (!needed_ || argIndex >= argCount()) return;
  needed_->ivOnlyLocation = locationOf(syntax_.args[argIndex]);
  needed_->ivOnlyBytes = ivBytes;
}

void TargetCheckContext::setIntegrityTagProblem(size_t argIndex, std::string_view kernelText,
                                                std::string explanation) {
  if (!needed_ || argIndex >= argCount()) return;
  needed_->tagProblemLocation = locationOf(syntax_.args[argIndex]);
  needed_->tagProblemKernelText = kernelText;
  needed_->tagProblem = std::move(explanation);
}

}  // namespace dmc
