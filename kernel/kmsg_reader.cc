#include "kernel/kmsg_reader.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "support/split_tokens.h"

namespace dmc {

namespace {

constexpr std::string_view kPrefix = "device-mapper: ";

std::optional<uint64_t> readNumber(std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<DeviceNumber> readDeviceNumber(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto major = readNumber(text.substr(0, colon));
  auto minor = readNumber(text.substr(colon + 1));
  if (!major || !minor) return std::nullopt;
  return DeviceNumber{static_cast<uint32_t>(*major), static_cast<uint32_t>(*minor)};
}

// "…: start=0, len=4096, dev_size=2048" → value of `key`.
std::optional<uint64_t> valueAfter(std::string_view text, std::string_view key) {
  auto at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  at += key.size();
  size_t end = at;
  while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
  return readNumber(text.substr(at, end - at));
}

// Targets whose device area matches a "too small for target" or alignment message: the kernel
// gives the area's start on the underlying device and its length.
std::vector<size_t> targetsWithArea(const std::vector<KernelTarget>& table, uint64_t start, uint64_t length) {
  std::vector<size_t> found;
  std::string startText = std::to_string(start);
  for (size_t i = 0; i < table.size(); ++i) {
    const KernelTarget& t = table[i];
    bool lengthFits = t.length == length || (length > 0 && t.length % length == 0);
    if (!lengthFits) continue;
    std::vector<std::string> tokens = splitTokens(t.params);
    bool startSeen = start == 0 || std::find(tokens.begin(), tokens.end(), startText) != tokens.end();
    if (startSeen) found.push_back(i);
  }
  return found;
}

}  // namespace

std::optional<std::string> kmsgRecordMessage(std::string_view record) {
  auto semicolon = record.find(';');
  if (semicolon == std::string_view::npos) return std::nullopt;
  std::string_view header = record.substr(0, semicolon);
  if (header.empty() || !std::isdigit(static_cast<unsigned char>(header[0]))) return std::nullopt;
  std::string_view message = record.substr(semicolon + 1);
  auto newline = message.find('\n');
  if (newline != std::string_view::npos) message = message.substr(0, newline);
  // /dev/kmsg escapes non-printable bytes as \xNN; keep them escaped.
  return std::string(message);
}

std::optional<DmLogLine> parseDmLogLine(std::string_view line) {
  auto at = line.find(kPrefix);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(at + kPrefix.size());
  DmLogLine out;
  out.text = std::string(line.substr(at));
  auto colon = rest.find(": ");
  if (colon == std::string_view::npos) {
    out.detail = std::string(rest);
    return out;
  }
  out.subsystem = std::string(rest.substr(0, colon));
  rest = rest.substr(colon + 2);
  // "254:0: linear: ..." — the device, then the detail.
  auto next = rest.find(": ");
  if (next != std::string_view::npos) {
    if (auto device = readDeviceNumber(rest.substr(0, next))) {
      out.device = device;
      rest = rest.substr(next + 2);
    }
  }
  out.detail = std::string(rest);
  return out;
}

KernelReason explainFailure(const std::vector<KernelLogLine>& log, const std::optional<DeviceNumber>& device,
                            const std::vector<KernelTarget>& table) {
  KernelReason reason;
  std::vector<DmLogLine> lines;
  for (const KernelLogLine& entry : log) {
    std::optional<DmLogLine> line = parseDmLogLine(entry.text);
    if (!line) continue;
    // Lines about other devices (another program loading at the same time) are not ours.
    if (line->device && device && !(*line->device == *device)) continue;
    reason.lines.push_back(line->text);
    lines.push_back(std::move(*line));
  }
  // The primary line: the first one about our device, else the first one at all.
  const DmLogLine* primary = nullptr;
  for (const DmLogLine& line : lines)
    if (line.device) {
      primary = &line;
      break;
    }
  if (!primary && !lines.empty()) primary = &lines.front();
  if (!primary) return reason;
  reason.found = true;

  std::string detail = primary->detail;
  // A trailing "(-EINVAL)" is the errno; keep it apart.
  if (!detail.empty() && detail.back() == ')') {
    auto open = detail.rfind(" (-");
    if (open != std::string::npos) {
      reason.errnoName = detail.substr(open + 2, detail.size() - open - 3);
      detail.erase(open);
    }
  }
  reason.message = detail;

  auto colon = detail.find(": ");
  std::string head = colon == std::string::npos ? "" : detail.substr(0, colon);
  for (size_t i = 0; i < table.size(); ++i)
    if (!head.empty() && table[i].type == head) reason.candidates.push_back(i);
  if (!reason.candidates.empty()) {
    reason.targetType = head;
  } else if (auto start = valueAfter(detail, "start="), length = valueAfter(detail, "len=");
             start && length && detail.find("too small for target") != std::string::npos) {
    reason.candidates = targetsWithArea(table, *start, *length);
  } else if (auto sector = valueAfter(detail, "(start sect "); sector) {
    // "table line N (start sect S len L) not aligned to h/w logical block size"
    for (size_t i = 0; i < table.size(); ++i)
      if (table[i].start == *sector) reason.candidates.push_back(i);
  }
  if (reason.candidates.size() == 1) reason.target = reason.candidates.front();
  return reason;
}

std::string hintForKernelMessage(std::string_view message) {
  struct Hint {
    std::string_view text;
    std::string_view hint;
  };
  static constexpr Hint kHints[] = {
      {"Device lookup failed", "the device does not exist, is not a block device, or another holder (a mounted "
                               "file system, md, another program) has it open exclusively"},
      {"Gap in table", "each line must start where the previous one ends"},
      {"too small for target", "the underlying device is smaller than the area this line maps"},
      {"unknown target type", "the kernel has no such target: its module is missing or not loaded"},
      {"Invalid device sector", "the offset on the underlying device is not a plain decimal number of sectors"},
      {"Device size is not multiple of sector_size feature", "the length must be a multiple of the sector_size"},
      {"Error allocating crypto tfm", "the kernel has no such cipher (a crypto module may be missing)"},
      {"Error decoding and setting key", "the key has the wrong length for this cipher, or is not hex"},
      {"Device must be readonly", "verity needs a read-only device: add 'ro' to the device header"},
      {"not aligned to h/w logical block size", "start and length must be multiples of the device's block size"},
  };
  for (const Hint& h : kHints)
    if (message.find(h.text) != std::string_view::npos) return std::string(h.hint);
  return {};
}

}  // namespace dmc
