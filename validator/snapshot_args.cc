#include "validator/snapshot_args.h"

#include <array>
#include <optional>

#include <fmt/format.h>

#include "support/bit_math.h"
#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/arg_text.h"
#include "validator/ctr/kernel_number.h"
#include "validator/target_check_context.h"

namespace dmc {

namespace {

constexpr std::string_view kStoreError = "Couldn't create exception store";
constexpr uint64_t kMaxChunkSectors = 0x7fffffff >> 9;  // INT_MAX >> SECTOR_SHIFT = 4194303
constexpr std::array<std::string_view, 2> kFeatures = {"discard_zeroes_cow", "discard_passdown_origin"};

char upper(char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 'a' + 'A') : ch; }

// parse_snapshot_features(): names are matched case-insensitively; the dependency check runs
// after the loop even when the loop stopped at an unknown name, and then its message is
// the one left in ti->error.
void checkFeatures(TargetCheckContext& c) {
  if (c.argCount() == 4) return;
  auto count = ArgCursor::at(c, 4).readGroup({0, 2, "Invalid number of feature arguments", "the feature count"});
  if (!count) return;
  std::optional<size_t> zeroes, passdown, unknown;
  for (size_t i = 5; i < 5 + *count && !unknown; ++i) {
    if (equalsIgnoringCase(c.arg(i), kFeatures[0]))
      zeroes = i;
    else if (equalsIgnoringCase(c.arg(i), kFeatures[1]))
      passdown = i;
    else
      unknown = i;
  }
  if (passdown && !zeroes) {
    std::string also = unknown ? fmt::format(" (the kernel reports this rather than the unknown feature '{}' after it)",
                                             c.arg(*unknown))
                               : "";
    return c.failAt(*passdown, "discard_passdown_origin feature depends on discard_zeroes_cow",
                    fmt::format("discard_passdown_origin can only be used together with discard_zeroes_cow{}", also));
  }
  if (unknown) {
    c.failAt(*unknown, "Unrecognised feature requested",
             fmt::format("'{}' is not a snapshot feature; expected {}{}", c.arg(*unknown), alternatives(kFeatures),
                         didYouMean(c.arg(*unknown), kFeatures)));
  }
}

// dm_exception_store_create(): type letter, then chunk size, then the store's own options.
// Every failure here is reported by snapshot_ctr() as "Couldn't create exception store".
std::optional<char> checkStore(TargetCheckContext& c) {
  std::string_view type = c.arg(2);
  char letter = upper(type.front());
  if (letter != 'P' && letter != 'N') {
    c.failAt(2, kStoreError,
             fmt::format("the exception store type must be P (persistent), PO (persistent, reports overflow) or N "
                         "(transient); '{}' is none of these",
                         type));
    return std::nullopt;
  }
  std::string_view chunkText = c.arg(3);
  KernelNumber chunk = kstrtoUnsigned(chunkText, 32);
  if (!chunk.ok()) {
    c.failAt(3, kStoreError,
             fmt::format("the chunk size '{}' is not a number the kernel reads as an unsigned 32-bit value "
                         "(sectors; 0 takes it from the existing COW metadata)",
                         chunkText));
    return std::nullopt;
  }
  if (chunk.value != 0 && !isPowerOfTwo(chunk.value)) {
    c.failAt(3, kStoreError,
             fmt::format("the chunk size must be a power of two in sectors (or 0 to take it from the existing COW "
                         "metadata); {} is not",
                         chunk.value));
    return std::nullopt;
  }
  if (chunk.value > kMaxChunkSectors) {
    c.failAt(3, kStoreError,
             fmt::format("the chunk size must be at most {} sectors; {} given", kMaxChunkSectors, chunk.value));
    return std::nullopt;
  }
  if (letter == 'P' && type.size() > 1 && upper(type[1]) != 'O') {
    c.failAt(2, kStoreError,
             fmt::format("the persistent store's only option is O (PO: report overflow instead of invalidating the "
                         "snapshot); '{}' has the unknown option '{}'",
                         type, type.substr(1)));
    return std::nullopt;
  }
  return letter;
}

}  // namespace

void checkSnapshotArguments(TargetCheckContext& c, bool merge) {
  if (c.argCount() < 4) {
    return c.failAt(c.argCount(), "requires 4 or more arguments",
                    fmt::format("{} takes <origin> <cow> <P|PO|N> <chunk_sectors> [<#features> <feature>...]; {} given",
                                c.type(), countOf(c.argCount(), "argument", "arguments")));
  }
  checkFeatures(c);
  if (c.failed()) return;
  if (sameDeviceText(c.arg(0), c.arg(1))) {
    return c.failAt(
        1, "COW device cannot be the same as origin device",
        fmt::format("the COW device holds the copied chunks and must differ from the origin '{}'", c.arg(0)));
  }
  auto store = checkStore(c);
  if (!store) return;
  if (merge && *store == 'N') {
    return c.failAt(2, "Snapshot exception store does not support snapshot-merge.",
                    "a snapshot can only be merged from a persistent store (P or PO); the transient store N has no "
                    "merge support");
  }
  // Chunk size 0 means "read it from the COW's header"; a transient store has none.
  if (*store == 'N' && kstrtoUnsigned(c.arg(3), 32).value == 0) {
    return c.failAt(3, "Chunk size not set",
                    "a transient store (N) has no metadata to take the chunk size from: give a power of two in "
                    "sectors, such as 8");
  }
  // snapshot_iterate_devices: the origin must hold the whole target (the COW device is
  // checked over its own full size, which always fits).
  c.useDevice(0, 0, c.length(), std::nullopt);
  c.referToDevice(1);
}

}  // namespace dmc
