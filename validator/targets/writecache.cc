// writecache: <p|s> <origin> <cache> <block_size> <#opt> [<opt>...]  (drivers/md/dm-writecache.c)
//
// The kernel's order: mode (p: persistent memory, s: SSD); origin and cache devices; block
// size; the option count (required) and the options, in any case, values counted in the
// option count; then the watermarks against each other. The rest (DAX support of the cache,
// its size, the superblock) needs the devices.
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "support/display_escape.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/ctr/kernel_number.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

constexpr size_t kModeArg = 0;
constexpr size_t kOriginArg = 1;
constexpr size_t kBlockSizeArg = 3;
constexpr size_t kOptionCountArg = 4;

constexpr uint64_t kPageSize = 4096;       // PAGE_SIZE on x86-64
constexpr int64_t kHighWatermark = 50;     // HIGH_WATERMARK, the default
constexpr int64_t kLowWatermark = 45;      // LOW_WATERMARK, the default

// sscanf "%d": an optional '-', then digits; nullopt if malformed or beyond an int.
std::optional<int64_t> scanInt(std::string_view text) {
  bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  KernelNumber n = scanUnsigned(text, 32);
  if (!n.ok() || n.value > (negative ? 0x80000000ull : 0x7fffffffull)) return std::nullopt;
  return negative ? -static_cast<int64_t>(n.value) : static_cast<int64_t>(n.value);
}

void failBadArguments(TargetCheckContext& c, size_t at, std::string what) {
  c.failAt(at, "Bad arguments",
           fmt::format("{}; writecache takes <p|s> <origin> <cache> <block_size> <#options> [<option>...]", what));
}

constexpr const char* kInvalidOptionText = "Invalid optional argument";

void failOption(TargetCheckContext& c, size_t at, const std::string& why) {
  c.failAt(at, kInvalidOptionText, why);
}

struct Watermarks {
  int64_t high = kHighWatermark;
  int64_t low = kLowWatermark;
  std::optional<size_t> highAt, lowAt;
  uint64_t startSector = 0;  // start_sector: where the cache's own area begins
  std::optional<size_t> startSectorAt;
};

// One option with a value: `value` is the value's index, or nullopt if the option count
// ends at the name (the kernel then treats the name as unknown).
bool readValueOption(TargetCheckContext& c, std::string_view name, size_t at, size_t valueAt, bool pmem,
                     Watermarks& w) {
  std::string_view value = c.arg(valueAt);
  std::string shown = quoteToken(value);
  if (equalsIgnoringCase(name, "start_sector")) {
    KernelNumber sector = scanUnsigned(value, 64);
    if (!sector.ok()) {
      failOption(c, valueAt, fmt::format("start_sector takes a sector number of the cache device; {}",
                                         numberProblem(value, sector.status, NumberForm::Scan, 64)));
      return false;
    }
    w.startSector = sector.value;
    w.startSectorAt = valueAt;
    return true;
  }
  if (equalsIgnoringCase(name, "high_watermark") || equalsIgnoringCase(name, "low_watermark")) {
    bool high = equalsIgnoringCase(name, "high_watermark");
    auto percent = scanInt(value);
    if (!percent || *percent < 0 || *percent > 100) {
      failOption(c, valueAt, fmt::format("{} is a percentage of the cache, from 0 to 100; {} is not", name, shown));
      return false;
    }
    (high ? w.high : w.low) = *percent;
    (high ? w.highAt : w.lowAt) = valueAt;
    return true;
  }
  if (equalsIgnoringCase(name, "pause_writeback") && pmem) {
    failOption(c, at, "pause_writeback is for SSD mode (s) only");
    return false;
  }
  // writeback_jobs, autocommit_blocks: any %u; autocommit_time, max_age, pause_writeback: %u
  // milliseconds up to a limit.
  uint64_t limit = UINT32_MAX;
  if (equalsIgnoringCase(name, "autocommit_time")) limit = 3600000;
  else if (equalsIgnoringCase(name, "max_age")) limit = 86400000;
  else if (equalsIgnoringCase(name, "pause_writeback")) limit = 60000;
  KernelNumber n = scanUnsigned(value, 32);
  if (!n.ok() || n.value > limit) {
    failOption(c, valueAt,
               n.ok() ? fmt::format("{} is at most {} (milliseconds); {} is too large", name, limit, n.value)
                      : fmt::format("the value of {} {}", name, numberProblem(value, n.status, NumberForm::Scan, 32)));
    return false;
  }
  return true;
}

void checkWritecache(TargetCheckContext& c) {
  size_t argc = c.argCount();
  if (argc == 0) return failBadArguments(c, 0, "the mode is missing");
  std::string_view mode = c.arg(kModeArg);
  bool pmem = equalsIgnoringCase(mode, "p");
  if (!pmem && !equalsIgnoringCase(mode, "s")) {
    return failBadArguments(c, kModeArg,
                            fmt::format("the mode is {}; it must be p (persistent memory) or s (SSD)", quoteToken(mode)));
  }
  if (argc <= kOriginArg) return failBadArguments(c, argc, "the origin device is missing");
  if (argc <= kOriginArg + 1) return failBadArguments(c, argc, "the cache device is missing");
  if (argc <= kBlockSizeArg) return failBadArguments(c, argc, "the block size is missing");
  auto blockSize = ArgCursor::at(c, kBlockSizeArg).scan(32, "Invalid block size");
  if (!blockSize) return;
  if (*blockSize < 512 || *blockSize > kPageSize || !isPowerOfTwo(*blockSize)) {
    return c.failAt(kBlockSizeArg, "Invalid block size",
                    fmt::format("the block size is {} bytes; it must be 512, 1024, 2048 or 4096", *blockSize));
  }
  c.setLogicalBlockSize(static_cast<uint32_t>(*blockSize));  // writecache_io_hints raises it to the block size

  ArgCursor args(c, kOptionCountArg, argc - kOptionCountArg);
  Watermarks w;
  const FeatureWordReader readOption = [&](size_t at, uint32_t& left) {
    std::string_view name = c.arg(at);
    bool takesValue = false;
    for (std::string_view n : {"start_sector", "high_watermark", "low_watermark", "writeback_jobs",
                               "autocommit_blocks", "autocommit_time", "max_age", "pause_writeback"})
      takesValue = takesValue || equalsIgnoringCase(name, n);
    if (takesValue && left >= 1) {
      size_t valueAt = *args.shift();
      --left;
      return readValueOption(c, name, at, valueAt, pmem, w);
    }
    if (equalsIgnoringCase(name, "cleaner") || equalsIgnoringCase(name, "metadata_only")) return true;
    if (equalsIgnoringCase(name, "fua") || equalsIgnoringCase(name, "nofua")) {
      if (pmem) return true;
      failOption(c, at, fmt::format("{} is for persistent memory mode (p) only", quoteToken(name)));
      return false;
    }
    failOption(c, at,
               takesValue ? fmt::format("{} takes a value, and the option count must include it", quoteToken(name))
                          : fmt::format("{} is not a writecache option; the options are start_sector <n>, "
                                        "high_watermark <%>, low_watermark <%>, writeback_jobs <n>, "
                                        "autocommit_blocks <n>, autocommit_time <ms>, max_age <ms>, "
                                        "pause_writeback <ms>, cleaner, fua, nofua, metadata_only "
                                        "(names in any case)",
                                        quoteToken(name)));
    return false;
  };
  if (!readFeatureGroup(args, {0, 18, "Invalid number of feature args", "the option count"}, readOption)) return;
  if (w.high < w.low) {
    size_t at = w.highAt.value_or(w.lowAt.value_or(kOptionCountArg));
    return c.failAt(at, "High watermark must be greater than or equal to low watermark",
                    fmt::format("the high watermark is {}%{} and the low watermark {}%{}", w.high,
                                w.highAt ? "" : " (the default)", w.low, w.lowAt ? "" : " (the default)"));
  }
  c.useDevice(kOriginArg, 0, c.length(), std::nullopt);
  c.referToDevice(kOriginArg + 1);  // the cache device
  // calculate_memory_size(): from start_sector on, the cache holds a block-aligned superblock
  // with its entries and at least one block, so at least two blocks. The kernel refuses a
  // start_sector at or past the device's end as an option ("Invalid optional argument"), a
  // device too small after it as "Invalid device size" (-ENOSPC). With the cache's size known
  // now (a disk fact) the two are told apart here; for a device of the same file one area stands
  // for both, with the first's words when start_sector is given.
  const std::optional<DiskFacts> cache = c.diskFactsOf(kOriginArg + 1);
  const bool sizeKnown = cache && cache->sectors;
  if (sizeKnown && w.startSectorAt && w.startSector >= *cache->sectors) {
    return failOption(c, *w.startSectorAt,
                      fmt::format("start_sector is {}; the cache device {} has {} sectors", w.startSector,
                                  c.arg(kOriginArg + 1), *cache->sectors));
  }
  c.needDeviceArea(kOriginArg + 1, w.startSector, 2 * *blockSize / 512, w.startSectorAt.value_or(kOriginArg + 1),
                   w.startSectorAt && !sizeKnown ? kInvalidOptionText : "Invalid device size");
}

}  // namespace

extern const TargetType kTarget_writecache{
    .name = "writecache",
    .summary = "caches writes on a faster device",
    .usage = "<p|s> <origin> <cache> <block_bytes> <#opt> [<opt>...]",
    .features61 = 0,
    .features72 = 0,
    .queue = QueueKind::Bio,
    .check = checkWritecache,
};

}  // namespace dmc
