#include "kernel/table_diff.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "emitters/secret_redaction.h"
#include "support/display_escape.h"
#include "support/split_tokens.h"
#include "validator/target_registry.h"

namespace dmc {

namespace {

bool allDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string stripZeros(std::string_view digits) {
  size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? "0" : std::string(digits.substr(first));
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// "0100" and "100", "+5" and "5", "008:016" and "8:16" are one number to the kernel.
std::string normalizeNumber(const std::string& token) {
  if (allDigits(token)) return stripZeros(token);
  if (token.size() > 1 && token[0] == '+' && allDigits(std::string_view(token).substr(1)))
    return stripZeros(std::string_view(token).substr(1));
  auto colon = token.find(':');
  if (colon != std::string::npos && colon > 0 && allDigits(std::string_view(token).substr(0, colon)) &&
      allDigits(std::string_view(token).substr(colon + 1)))
    return stripZeros(std::string_view(token).substr(0, colon)) + ":" + stripZeros(std::string_view(token).substr(colon + 1));
  return token;
}

bool isHiddenKey(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) { return c == '0'; });
}

bool isHexArg(const TableEcho& echo, size_t index) {
  return std::find(echo.hexArgs.begin(), echo.hexArgs.end(), index) != echo.hexArgs.end();
}

}  // namespace

std::vector<std::string> normalizeParams(std::string_view type, std::string_view params, const DeviceResolver& resolve) {
  std::vector<std::string> tokens = splitTokens(params);
  // How the kernel prints this type back is declared in its validator/targets/ file.
  static const TableEcho kAsWritten{};  // a type dmc does not know: compared as written
  const TargetType* known = findTargetType(type);
  const TableEcho& echo = known ? known->echo : kAsWritten;
  if (echo.printsNoArgs) {
    tokens.clear();
    return tokens;
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string& token = tokens[i];
    if (isHexArg(echo, i)) {
      if (!token.empty() && token[0] != ':') token = lower(token);  // a keyring key is printed as given
      continue;
    }
    if (!token.empty() && token[0] == '/' && resolve) {
      if (std::optional<std::string> number = resolve(token)) {
        token = *number;
        continue;
      }
    }
    token = normalizeNumber(token);
  }
  if (std::optional<size_t> mandatory = echo.featuresAfter) {
    if (tokens.size() == *mandatory + 1 && tokens.back() == "0") tokens.pop_back();
    if (echo.reordersFeatures && tokens.size() > *mandatory + 1) {
      for (size_t i = *mandatory + 1; i < tokens.size(); ++i) tokens[i] = lower(tokens[i]);
      std::sort(tokens.begin() + static_cast<std::ptrdiff_t>(*mandatory + 1), tokens.end());
    }
  }
  if (echo.featureCountAlwaysAfter && tokens.size() == *echo.featureCountAlwaysAfter) tokens.push_back("0");
  return tokens;
}

namespace {

struct Side {
  uint64_t start = 0;
  uint64_t length = 0;
  std::string type;
  std::vector<std::string> tokens;
  uint32_t line = 0;  // file side only
};

bool isHideableKeyArg(std::string_view type, size_t index) {
  const TargetType* known = findTargetType(type);
  if (known == nullptr) return false;
  const std::span<const size_t> keys = known->echo.hideableKeyArgs;
  return std::find(keys.begin(), keys.end(), index) != keys.end();
}

// `hiddenKeyType` names the type of a line whose key one side did not show.
bool sameTarget(const Side& a, const Side& b, std::string& hiddenKeyType) {
  if (a.start != b.start || a.length != b.length || a.type != b.type || a.tokens.size() != b.tokens.size()) return false;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    if (a.tokens[i] == b.tokens[i]) continue;
    if (isHideableKeyArg(a.type, i) && (isHiddenKey(a.tokens[i]) || isHiddenKey(b.tokens[i]))) {
      hiddenKeyType = a.type;  // one side does not show its key: nothing to compare
      continue;
    }
    return false;
  }
  return true;
}

std::string show(const Side& side, const DiffOptions& options) {
  std::string params;
  for (size_t i = 0; i < side.tokens.size(); ++i) params += (i ? " " : "") + side.tokens[i];
  if (!options.showKeys) params = redactSecrets(side.type, params);
  std::string text = fmt::format("{} {} {}", side.start, side.length, side.type);
  if (!params.empty()) text += " " + params;
  return escapeForDisplay(text);
}

}  // namespace

DeviceDiff diffDevice(const TableModel& model, const DeviceEntry& device, const std::string& fileName,
                      const std::optional<KernelDeviceInfo>& info, const std::vector<KernelTarget>& live,
                      const DeviceResolver& resolve, const DiffOptions& options) {
  DeviceDiff diff;
  diff.name = device.name;
  std::string out = fmt::format("--- kernel: {}\n+++ {}: {}\n", escapeForDisplay(device.name), escapeForDisplay(fileName),
                                escapeForDisplay(device.name));
  if (!info) {
    diff.equal = false;
    diff.missing = true;
    diff.text = out + fmt::format("@@ device @@\n-(not loaded)\n+device {} with {} targets\n", escapeForDisplay(device.name),
                                  device.targets.size());
    return diff;
  }
  std::string flags;
  if (info->readOnly != device.readOnly)
    flags += fmt::format("-{}\n+{}\n", info->readOnly ? "ro" : "rw", device.readOnly ? "ro" : "rw");
  if (!device.uuid.empty() && info->uuid != device.uuid)
    flags += fmt::format("-uuid={}\n+uuid={}\n", escapeForDisplay(info->uuid), escapeForDisplay(device.uuid));
  if (device.minor && info->number.minor != *device.minor)
    flags += fmt::format("-minor={}\n+minor={}\n", info->number.minor, *device.minor);
  if (!info->liveTable) flags += "-(no live table)\n+(a live table)\n";
  if (!flags.empty()) out += "@@ device @@\n" + flags;

  std::vector<Side> file;
  file.reserve(device.targets.size());
  for (const TargetEntry& t : device.targets) {
    std::string_view type = model.typeName(t);
    file.push_back(Side{t.start, t.length, std::string(type), normalizeParams(type, model.params(t), resolve), t.line});
  }
  std::vector<Side> kernel;
  kernel.reserve(live.size());
  for (const KernelTarget& t : live) kernel.push_back(Side{t.start, t.length, t.type, normalizeParams(t.type, t.params, resolve), 0});

  // Walk both tables by start sector, so an inserted or removed line shows as one change.
  std::string body;
  std::string hiddenKeyType;
  size_t i = 0, j = 0;
  while (i < kernel.size() || j < file.size()) {
    if (i < kernel.size() && j < file.size() && kernel[i].start == file[j].start) {
      if (!sameTarget(kernel[i], file[j], hiddenKeyType))
        body += fmt::format("@@ line {}, sector {} @@\n-{}\n+{}\n", file[j].line, file[j].start, show(kernel[i], options),
                            show(file[j], options));
      ++i, ++j;
    } else if (j >= file.size() || (i < kernel.size() && kernel[i].start < file[j].start)) {
      body += fmt::format("@@ sector {} (not in the file) @@\n-{}\n", kernel[i].start, show(kernel[i], options));
      ++i;
    } else {
      body += fmt::format("@@ line {}, sector {} (not in the kernel) @@\n+{}\n", file[j].line, file[j].start,
                          show(file[j], options));
      ++j;
    }
  }
  diff.equal = flags.empty() && body.empty();
  if (!diff.equal) {
    diff.text = out + body;
    if (!hiddenKeyType.empty())
      diff.text += fmt::format("(a {} key is hidden on one side and was not compared)\n", hiddenKeyType);
  }
  return diff;
}

}  // namespace dmc
