#include "validator/disk_declarations.h"

#include <array>

#include <fmt/format.h>

#include "grammar/size_literal.h"
#include "support/display_escape.h"
#include "support/edit_distance.h"
#include "validator/ctr/kernel_number.h"
#include "validator/logical_block_size.h"

namespace dmc {

namespace {

constexpr std::array<std::string_view, 4> kKeys = {"size", "logical-block", "zoned", "integrity"};
constexpr uint32_t kMaxIntegrityTag = 255;  // blk_integrity's tag_size is a byte

std::string_view zoneModelName(ZoneModel model) {
  switch (model) {
    case ZoneModel::HostAware: return "host-aware";
    case ZoneModel::HostManaged: return "host-managed";
    case ZoneModel::None:
    case ZoneModel::Unknown: break;
  }
  return "none";
}

// A path as the kernel's dm_get_device takes it: an absolute path or MAJ:MIN.
bool isDevicePath(std::string_view text) {
  if (!text.empty() && text.front() == '/') return true;
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  for (size_t i = 0; i < text.size(); ++i)
    if (i != colon && (text[i] < '0' || text[i] > '9')) return false;
  return true;
}

}  // namespace

struct DiskDeclarations::Keys {
  std::array<std::optional<Token>, kKeys.size()> seen;
};

const DiskDeclarations::Declared* DiskDeclarations::find(std::string_view path) const {
  for (const Declared& d : declared_)
    if (d.path == path) return &d;
  return nullptr;
}

void DiskDeclarations::read(const LineSyntax& line, bool tooLate) {
  if (tooLate) {
    engine_.report(DiagnosticCode::InvalidDiskDeclaration, at(line.line, line.header.keyword),
                   "disk declarations come before the file's first device or target line: move this line up");
    return;
  }
  if (!readPath(line)) return;
  Declared declared{std::string(line.header.name.text), DiskFacts{}, line.line};
  declared.facts.traits.complete = true;
  Keys keys;
  bool ok = true;
  for (const Token& word : line.header.attributes) ok = readKey(line.line, word, keys, declared.facts) && ok;
  if (!ok) return;
  compareWithOutside(line, keys, declared.facts);
  declared_.push_back(std::move(declared));
}

bool DiskDeclarations::readPath(const LineSyntax& line) {
  const Token& path = line.header.name;
  if (!isDevicePath(path.text)) {
    engine_.report(DiagnosticCode::InvalidDiskDeclaration, at(line.line, path),
                   fmt::format("{} is not a disk path: declare a block device by its path (/dev/sdb, "
                               "/dev/disk/by-id/...) or MAJ:MIN; devices of this file are known from their tables",
                               quoteToken(path.text)));
    return false;
  }
  if (const Declared* first = find(path.text)) {
    engine_
        .report(DiagnosticCode::DuplicateDiskDeclaration, at(line.line, path),
                fmt::format("disk {} is declared twice in this file", quoteToken(path.text)))
        .note(Location{file_, first->line, 1, 0}, "first declared here");
    return false;
  }
  return true;
}

bool DiskDeclarations::readKey(uint32_t line, const Token& word, Keys& keys, DiskFacts& facts) {
  const Location where = at(line, word);
  const size_t equals = word.text.find('=');
  const std::string_view key = word.text.substr(0, equals);
  const std::string_view value = equals == std::string_view::npos ? std::string_view() : word.text.substr(equals + 1);
  size_t index = 0;
  while (index < kKeys.size() && kKeys[index] != key) ++index;
  if (index == kKeys.size()) {
    std::string suggestion = closestMatch(key, kKeys);
    engine_.report(DiagnosticCode::InvalidDiskDeclaration, where,
                   fmt::format("unknown disk fact {}: expected size=, logical-block=, zoned= or integrity={}",
                               quoteToken(word.text),
                               suggestion.empty() ? "" : fmt::format("; did you mean '{}='?", suggestion)));
    return false;
  }
  if (keys.seen[index]) {
    engine_
        .report(DiagnosticCode::DuplicateDiskDeclaration, where, fmt::format("{}= given twice for this disk", key))
        .note(at(line, *keys.seen[index]), "first given here");
    return false;
  }
  keys.seen[index] = word;
  if (equals == std::string_view::npos || value.empty()) {
    reportBadValue(where, key, value, "a value after '='");
    return false;
  }
  if (key == "size") {
    const SizeLiteral size = parseSizeLiteral(value);
    if (size.status != SizeStatus::Ok || size.hasPlus || size.minusZero) {
      reportBadValue(where, key, value, "a size in sectors, or with a unit (1T, 500G, 4096B)");
      return false;
    }
    facts.sectors = size.sectors;
    return true;
  }
  if (key == "logical-block") return readLogicalBlock(where, value, facts);
  if (key == "zoned") {
    if (value == "none") facts.traits.zoneModel = ZoneModel::None;
    else if (value == "host-aware") facts.traits.zoneModel = ZoneModel::HostAware;
    else if (value == "host-managed") facts.traits.zoneModel = ZoneModel::HostManaged;
    else {
      reportBadValue(where, key, value, "none, host-aware or host-managed (as sysfs queue/zoned says)");
      return false;
    }
    return true;
  }
  return readIntegrity(where, value, facts);
}

// Bytes (4096) or a size with a unit (4K); a power of two from 512 bytes to 64K.
bool DiskDeclarations::readLogicalBlock(Location where, std::string_view value, DiskFacts& facts) {
  const SizeLiteral size = parseSizeLiteral(value);
  uint64_t bytes = 0;
  if (size.status == SizeStatus::Ok && !size.hasPlus && !size.minusZero) {
    if (size.hasUnit) bytes = size.sectors <= UINT64_MAX / 512 ? size.sectors * 512 : 0;
    else bytes = size.sectors;  // a bare number is bytes here
  }
  if (!isLogicalBlockSize(bytes)) {
    reportBadValue(where, "logical-block", value, "a power of two from 512 to 65536 bytes, such as 512 or 4096 (or 4K)");
    return false;
  }
  facts.traits.logicalBlockSize = static_cast<uint32_t>(bytes);
  return true;
}

// TAG_BYTES[:BLOCK_BYTES]: the dm-integrity profile a disk (or a device dmc does not see)
// offers: tag bytes a block, and the block size (512 unless given).
bool DiskDeclarations::readIntegrity(Location where, std::string_view value, DiskFacts& facts) {
  const size_t colon = value.find(':');
  const KernelNumber tag = scanUnsigned(value.substr(0, colon), 32);
  IntegrityProfile profile;
  bool ok = tag.ok() && tag.value >= 1 && tag.value <= kMaxIntegrityTag && value.substr(0, colon).size() > 0;
  profile.tagBytes = static_cast<uint32_t>(tag.value);
  if (ok && colon != std::string_view::npos) {
    const KernelNumber block = scanUnsigned(value.substr(colon + 1), 32);
    ok = block.ok() && block.value >= 512 && block.value <= 4096 && isPowerOfTwo(block.value) &&
         value.size() > colon + 1;
    profile.blockBytes = static_cast<uint32_t>(block.value);
  }
  if (!ok) {
    reportBadValue(where, "integrity", value,
                   fmt::format("TAG_BYTES (1 to {}) with an optional :BLOCK_BYTES (512 to 4096), such as 28 or 28:4096",
                               kMaxIntegrityTag));
    return false;
  }
  facts.traits.integrity = profile;
  return true;
}

void DiskDeclarations::reportBadValue(Location where, std::string_view key, std::string_view value,
                                      std::string_view expected) {
  engine_.report(DiagnosticCode::InvalidDiskDeclaration, where,
                 fmt::format("{}={} is not a valid value: expected {}", key, escapeForDisplay(value), expected));
}

// The command line and the machine win; say so where the file disagrees with them.
void DiskDeclarations::compareWithOutside(const LineSyntax& line, const Keys& keys, const DiskFacts& facts) {
  const std::string_view path = line.header.name.text;
  std::optional<DiskFacts> outside = outside_.factsOf(path);
  if (!outside) return;
  auto warn = [&](size_t key, const std::string& declared, const std::string& actual) {
    const Location where = keys.seen[key] ? at(line.line, *keys.seen[key]) : at(line.line, line.header.name);
    engine_.report(DiagnosticCode::DiskFactConflict, where,
                   fmt::format("disk {} is declared with {}, but {} {} has {}: dmc uses {}", path, declared,
                               outsideName_, path, actual, actual));
  };
  if (outside->sectors && facts.sectors && *outside->sectors != *facts.sectors)
    warn(0, fmt::format("size={} sectors", *facts.sectors), fmt::format("{} sectors", *outside->sectors));
  const uint32_t declaredBlock = facts.traits.logicalBlockSize ? facts.traits.logicalBlockSize : 512;
  if (outside->traits.logicalBlockSize != 0 && outside->traits.logicalBlockSize != declaredBlock)
    warn(1, fmt::format("{}-byte logical blocks", declaredBlock),
         fmt::format("{}-byte logical blocks", outside->traits.logicalBlockSize));
  if (!outside->traits.complete) return;
  const ZoneModel declaredZones = facts.traits.zoneModel == ZoneModel::Unknown ? ZoneModel::None : facts.traits.zoneModel;
  if (outside->traits.zoneModel != ZoneModel::Unknown && outside->traits.zoneModel != declaredZones)
    warn(2, fmt::format("zoned={}", zoneModelName(declaredZones)),
         fmt::format("zoned={}", zoneModelName(outside->traits.zoneModel)));
  if (outside->traits.integrity != facts.traits.integrity) {
    auto text = [](const std::optional<IntegrityProfile>& p) {
      return p ? fmt::format("integrity={}:{}", p->tagBytes, p->blockBytes) : std::string("no integrity profile");
    };
    warn(3, text(facts.traits.integrity), text(outside->traits.integrity));
  }
}

std::optional<DiskFacts> DiskDeclarations::factsOf(std::string_view device) const {
  std::optional<DiskFacts> outside = outside_.factsOf(device);
  const Declared* declared = find(device);
  if (!declared) return outside;
  if (!outside) return declared->facts;
  DiskFacts merged = declared->facts;
  if (outside->sectors) merged.sectors = outside->sectors;
  if (outside->traits.logicalBlockSize != 0) merged.traits.logicalBlockSize = outside->traits.logicalBlockSize;
  if (outside->traits.complete) {
    merged.traits.zoneModel = outside->traits.zoneModel;
    merged.traits.integrity = outside->traits.integrity;
  }
  return merged;
}

std::optional<uint64_t> DiskDeclarations::sizeOf(std::string_view device) const {
  if (std::optional<DiskFacts> facts = factsOf(device)) return facts->sectors;
  return std::nullopt;
}

}  // namespace dmc
