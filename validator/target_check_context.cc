#include "validator/target_check_context.h"

#include <fmt/format.h>

#include "grammar/size_literal.h"
#include "support/display_escape.h"
#include "validator/kernel_number.h"
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

namespace {

std::string describeNumberProblem(std::string_view text, NumberStatus status, unsigned bits, bool plusAllowed) {
  // sscanf fields wrap silently in the kernel (dmc refuses on purpose); kstrto* fields are
  // refused by the kernel too (-ERANGE).
  if (status == NumberStatus::Overflow && plusAllowed)
    return fmt::format("{} does not fit in {} bits", quoteToken(text), bits);
  if (status == NumberStatus::Overflow)
    return fmt::format("{} does not fit in {} bits (the kernel would silently wrap it; dmc refuses)", quoteToken(text),
                       bits);
  if (!text.empty() && text.front() == '+' && !plusAllowed)
    return fmt::format("{}: this field is read with sscanf %{}u, which takes digits only, no '+'", quoteToken(text),
                       bits == 64 ? "ll" : "");
  if (!text.empty() && text.front() == '-') return fmt::format("{} is negative; this field is unsigned", quoteToken(text));
  return fmt::format("{} is not a decimal number", quoteToken(text));
}

}  // namespace

std::optional<uint64_t> TargetCheckContext::sectorArg(size_t index, std::string_view kernelText) {
  if (index >= argCount()) {
    failAtEnd(kernelText, "a sector number is missing here");
    return std::nullopt;
  }
  std::string_view text = arg(index);
  KernelNumber number = scanUnsigned(text, 64);
  if (number.ok()) return number.value;
  SizeLiteral size = parseSizeLiteral(text);
  if (size.hasUnit && size.status == SizeStatus::Ok) {
    resolved_.emplace_back(static_cast<uint32_t>(index), size.sectors);
    return size.sectors;
  }
  if (size.hasUnit && size.status == SizeStatus::PartialSector) {
    failAt(index, kernelText, fmt::format("{} is not a whole number of 512-byte sectors", quoteToken(text)));
    return std::nullopt;
  }
  failAt(index, kernelText, describeNumberProblem(text, number.status, 64, false));
  return std::nullopt;
}

std::optional<uint64_t> TargetCheckContext::scanArg(size_t index, unsigned bits, std::string_view kernelText) {
  if (index >= argCount()) {
    failAtEnd(kernelText, "a number is missing here");
    return std::nullopt;
  }
  KernelNumber number = scanUnsigned(arg(index), bits);
  if (number.ok()) return number.value;
  failAt(index, kernelText, describeNumberProblem(arg(index), number.status, bits, false));
  return std::nullopt;
}

std::optional<uint64_t> TargetCheckContext::kstrtoArg(size_t index, unsigned bits, std::string_view kernelText) {
  if (index >= argCount()) {
    failAtEnd(kernelText, "a number is missing here");
    return std::nullopt;
  }
  KernelNumber number = kstrtoUnsigned(arg(index), bits);
  if (number.ok()) return number.value;
  failAt(index, kernelText, describeNumberProblem(arg(index), number.status, bits, true));
  return std::nullopt;
}

void TargetCheckContext::useDevice(size_t deviceIndex, uint64_t start, uint64_t length,
                                   std::optional<size_t> startIndex) {
  if (deviceIndex >= argCount()) return;
  const Token& device = syntax_.args[deviceIndex];
  Location startLocation = startIndex && *startIndex < argCount() ? locationOf(syntax_.args[*startIndex])
                                                                  : locationOf(device);
  areas_.push_back(DeviceArea{device.text, start, length, locationOf(device), startLocation, type()});
  areas_.back().use = useOf(deviceIndex);
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

void TargetCheckContext::claimOnDevice(size_t deviceIndex, uint32_t claim) {
  if (deviceIndex >= argCount()) return;
  referToDevice(deviceIndex);
  areas_.back().claim = claim;
}

}  // namespace dmc
