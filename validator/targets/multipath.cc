// multipath (drivers/md/dm-mpath.c and the path selectors dm-ps-*.c):
//   <#features> [queue_if_no_path | retain_attached_hw_handler | pg_init_retries <1..50>
//                | pg_init_delay_msecs <0..60000> | queue_mode <bio|rq|mq>]...
//   <#hw_args> [<hw_handler> <arg>...]
//   <#pgs> <initial_pg>
//   (<selector> <#selector_args> <arg>... <#paths> <#path_args> (<dev> <arg>...){#paths})...
// Every count is a "%u" read against a range; each group count must also fit the arguments
// that follow. Selector and per-path arguments are checked as each selector does.
#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

#include "validator/ctr/arg_cursor.h"
#include "validator/ctr/feature_group.h"
#include "validator/ctr/arg_text.h"
#include "validator/target_check_context.h"
#include "validator/target_type.h"

namespace dmc {

namespace {

enum class Selector { RoundRobin, QueueLength, ServiceTime, HistoricalServiceTime, IoAffinity };

struct SelectorInfo {
  std::string_view name;
  Selector id;
  // The rule that says whether a kernel has it (the later selectors); nullopt: every kernel.
  std::optional<KernelFeature> feature;
};

constexpr std::array<SelectorInfo, 5> kSelectors = {{
    {"round-robin", Selector::RoundRobin, std::nullopt},
    {"queue-length", Selector::QueueLength, std::nullopt},
    {"service-time", Selector::ServiceTime, std::nullopt},
    {"historical-service-time", Selector::HistoricalServiceTime, KernelFeature::MultipathHistoricalServiceTime},
    {"io-affinity", Selector::IoAffinity, KernelFeature::MultipathIoAffinity},
}};

// --- features and hardware handler ------------------------------------------------------------

// queue_mode is checked for its value only: bio-based or request-based, the arguments that follow
// are read the same way (bio-based multipath ignores hardware handler arguments).
bool readFeatures(TargetCheckContext& c, ArgCursor& args) {
  const FeatureWordReader readFeature = [&](size_t at, uint32_t& left) {
    std::string_view name = c.arg(at);
    if (equalsIgnoringCase(name, "queue_if_no_path") || equalsIgnoringCase(name, "retain_attached_hw_handler"))
      return true;
    if (equalsIgnoringCase(name, "pg_init_retries") && left >= 1) {
      --left;
      return args.read({1, 50, "pg_init_retries must be between 1 and 50", "pg_init_retries"}).has_value();
    }
    if (equalsIgnoringCase(name, "pg_init_delay_msecs") && left >= 1) {
      --left;
      return args.read({0, 60000, "pg_init_delay_msecs must be between 0 and 60000", "pg_init_delay_msecs"})
          .has_value();
    }
    if (equalsIgnoringCase(name, "queue_mode") && left >= 1) {
      --left;
      size_t modeAt = *args.shift();
      std::string_view mode = c.arg(modeAt);
      if (!equalsIgnoringCase(mode, "bio") && !equalsIgnoringCase(mode, "rq") && !equalsIgnoringCase(mode, "mq")) {
        c.failAt(modeAt, "Unknown 'queue_mode' requested",
                 fmt::format("'{}' is not a queue mode: expected bio, rq or mq", mode));
        return false;
      }
      return true;
    }
    bool needsValue = equalsIgnoringCase(name, "pg_init_retries") ||
                      equalsIgnoringCase(name, "pg_init_delay_msecs") || equalsIgnoringCase(name, "queue_mode");
    c.failAt(at, "Unrecognised multipath feature request",
             needsValue ? fmt::format("{} takes a value, and the feature count must include it", name)
                        : fmt::format("'{}' is not a multipath feature: expected queue_if_no_path, "
                                      "retain_attached_hw_handler, pg_init_retries <n>, pg_init_delay_msecs <ms> "
                                      "or queue_mode <bio|rq|mq>",
                                      name));
    return false;
  };
  return readFeatureGroup(args, {0, 8, "invalid number of feature args", "the feature count"}, readFeature);
}

// <#hw_args> [<hw_handler> <arg>...]: the handler name is only resolved when a path is attached
// (and bio-based multipath ignores it), so only the count is checked here.
bool readHardwareHandler(ArgCursor& args) {
  auto count = args.readGroup(
      {0, 1024, "invalid number of hardware handler args", "the hardware handler argument count"});
  if (!count) return false;
  args.consume(*count);
  return true;
}

// --- path selectors ---------------------------------------------------------------------------

const SelectorInfo* findSelector(std::string_view name) {
  for (const SelectorInfo& s : kSelectors)
    if (s.name == name) return &s;  // the kernel compares selector names with strcmp
  return nullptr;
}

// The selector's create() with its <#selector_args> arguments. Only historical-service-time
// reads them: [<base_weight 0..1023> [<threshold_multiplier>]].
bool checkSelectorArgs(TargetCheckContext& c, const SelectorInfo& selector, size_t first, size_t count) {
  if (selector.id != Selector::HistoricalServiceTime) return true;
  constexpr std::string_view kText = "path selector constructor failed";
  if (count > 2) {
    c.failAt(first + 2, kText,
             fmt::format("historical-service-time takes at most 2 selector arguments, [<base_weight> "
                         "[<threshold_multiplier>]]; {} given",
                         count));
    return false;
  }
  if (count >= 1) {
    auto weight = ArgCursor::at(c, first).scan(32, kText);
    if (!weight) return false;
    if (*weight >= 1024) {
      c.failAt(first, kText, fmt::format("the base weight is {}; it must be below 1024 (10-bit fixed point)", *weight));
      return false;
    }
  }
  if (count >= 2 && !ArgCursor::at(c, first + 1).scan(32, kText)) return false;
  return true;
}

// A cpumask as bitmap_parse reads it: comma-separated groups of up to 8 hex digits, the last
// group holding CPUs 0-31. Returns the 32-bit words, lowest first, or nullopt if malformed.
std::optional<std::vector<uint32_t>> parseCpuMask(std::string_view text) {
  std::vector<uint32_t> words;
  size_t end = text.size();
  while (true) {
    while (end > 0 && text[end - 1] == ',') --end;
    if (end == 0) break;
    size_t begin = end;
    while (begin > 0 && text[begin - 1] != ',') --begin;
    if (end - begin > 8) return std::nullopt;
    uint32_t word = 0;
    for (size_t i = begin; i < end; ++i) {
      char ch = text[i];
      int digit = ch >= '0' && ch <= '9'   ? ch - '0'
                  : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                  : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                           : -1;
      if (digit < 0) return std::nullopt;
      word = word << 4 | static_cast<uint32_t>(digit);
    }
    words.push_back(word);
    end = begin;
  }
  return words;
}

// State a selector keeps across the paths of one priority group.
struct GroupState {
  std::vector<uint32_t> mappedCpus;  // io-affinity: CPUs some earlier path of the group took
};

bool checkRepeatCount(TargetCheckContext& c, std::string_view prefix, size_t at) {
  return ArgCursor::at(c, at).scan(32, fmt::format("{} ps: invalid repeat count", prefix)).has_value();
}

bool checkTooMany(TargetCheckContext& c, std::string_view prefix, size_t first, size_t count, size_t most,
                  std::string_view usage) {
  if (count <= most) return true;
  c.failAt(first + most, fmt::format("{} ps: incorrect number of arguments", prefix),
           fmt::format("{} takes {} per path; {} given", prefix, usage, count));
  return false;
}

// The selector's add_path() with a path's <#path_args> arguments.
bool checkPathArgs(TargetCheckContext& c, const SelectorInfo& selector, size_t first, size_t count,
                   GroupState& state) {
  std::string_view name = selector.name;
  switch (selector.id) {
    case Selector::RoundRobin:
    case Selector::QueueLength:
    case Selector::HistoricalServiceTime:
      if (!checkTooMany(c, name, first, count, 1, "at most one argument, [<repeat_count>],")) return false;
      return count == 0 || checkRepeatCount(c, name, first);
    case Selector::ServiceTime: {
      if (!checkTooMany(c, name, first, count, 2, "at most [<repeat_count> [<relative_throughput>]]")) return false;
      if (count >= 1 && !checkRepeatCount(c, name, first)) return false;
      if (count < 2) return true;
      constexpr std::string_view kText = "service-time ps: invalid relative_throughput value";
      auto throughput = ArgCursor::at(c, first + 1).scan(32, kText);
      if (!throughput) return false;
      if (*throughput > 100) {
        c.failAt(first + 1, kText, fmt::format("the relative throughput is {}; it must be from 0 to 100", *throughput));
        return false;
      }
      return true;
    }
    case Selector::IoAffinity: {
      if (count != 1) {
        c.failAt(count == 0 ? first : first + 1, "io-affinity ps: invalid number of arguments",
                 fmt::format("io-affinity takes exactly one argument per path, the CPU mask; {} given", count));
        return false;
      }
      auto mask = parseCpuMask(c.arg(first));
      if (!mask) {
        c.failAt(first, "io-affinity ps: invalid cpumask",
                 fmt::format("'{}' is not a CPU mask: expected hex digits in comma-separated groups of at most 8, "
                             "e.g. 3 or ff,ffffffff",
                             c.arg(first)));
        return false;
      }
      // A CPU is mapped once per group: a path whose CPUs all went to earlier paths gets none.
      bool adds = false;
      for (size_t i = 0; i < mask->size(); ++i) {
        uint32_t taken = i < state.mappedCpus.size() ? state.mappedCpus[i] : 0;
        if ((*mask)[i] & ~taken) adds = true;
      }
      if (!adds) {
        c.failAt(first, "io-affinity ps: No new/valid CPU mapping found",
                 std::all_of(mask->begin(), mask->end(), [](uint32_t w) { return w == 0; })
                     ? std::string("the CPU mask is empty: give at least one CPU")
                     : std::string("every CPU of this mask is already mapped to an earlier path of this group"));
        return false;
      }
      if (state.mappedCpus.size() < mask->size()) state.mappedCpus.resize(mask->size(), 0);
      for (size_t i = 0; i < mask->size(); ++i) state.mappedCpus[i] |= (*mask)[i];
      return true;
    }
  }
  return true;
}

// --- priority groups --------------------------------------------------------------------------

bool readPriorityGroup(TargetCheckContext& c, ArgCursor& args) {
  if (args.remaining() < 2) {
    c.failAt(args.position(), "not enough priority group arguments",
             "a priority group is <selector> <#selector_args> [<arg>...] <#paths> <#path_args> <path>...");
    return false;
  }
  size_t selectorAt = *args.shift();
  std::string_view selectorName = c.arg(selectorAt);
  const SelectorInfo* selector = findSelector(selectorName);
  std::optional<std::string> missing =
      selector != nullptr && selector->feature ? c.kernel().missing(*selector->feature) : std::nullopt;
  if (selector == nullptr || missing) {
    bool hst = c.has(KernelFeature::MultipathHistoricalServiceTime), ioa = c.has(KernelFeature::MultipathIoAffinity);
    c.failAt(selectorAt, "unknown path selector type",
             selector != nullptr
                 ? fmt::format("{} is not in this kernel: {}; use round-robin, queue-length or service-time",
                               selectorName, *missing)
                 : fmt::format("'{}' is not a path selector: expected round-robin, queue-length, service-time{}{}",
                               selectorName, hst ? ", historical-service-time" : "", ioa ? ", io-affinity" : ""));
    return false;
  }
  auto selectorArgs = args.readGroup(
      {0, 1024, "invalid number of path selector args", "the path selector argument count"});
  if (!selectorArgs) return false;
  if (!checkSelectorArgs(c, *selector, args.position(), *selectorArgs)) return false;
  args.consume(*selectorArgs);

  auto paths = args.read({1, 1024, "invalid number of paths", "the number of paths"});
  if (!paths) return false;
  auto pathArgs = args.read({0, 1024, "invalid number of selector args", "the number of arguments per path"});
  if (!pathArgs) return false;
  size_t perPath = 1 + static_cast<size_t>(*pathArgs);
  GroupState state;
  for (uint32_t i = 0; i < *paths; ++i) {
    if (args.remaining() < perPath) {
      c.failAt(args.position(), "not enough path parameters",
               fmt::format("path {} of {} needs a device and {} argument{}; only {} argument{} left", i + 1, *paths,
                           *pathArgs, *pathArgs == 1 ? "" : "s", args.remaining(), args.remaining() == 1 ? "" : "s"));
      return false;
    }
    ArgCursor path = args.take(perPath);
    size_t deviceAt = *path.shift();
    if (!checkPathArgs(c, *selector, path.position(), path.remaining(), state)) return false;
    // multipath reports (ti->begin, ti->len) of every path; a singleton's begin is 0.
    c.useDevice(deviceAt, 0, c.length(), std::nullopt);
    args.consume(perPath);
  }
  return true;
}

void checkMultipath(TargetCheckContext& c) {
  ArgCursor args(c);
  if (!readFeatures(c, args)) return;
  if (!readHardwareHandler(args)) return;
  size_t groupsAt = args.position();
  auto groups = args.read({0, 1024, "invalid number of priority groups", "the number of priority groups"});
  if (!groups) return;
  size_t initialAt = args.position();
  auto initial = args.read({0, 1024, "invalid initial priority group number", "the initial priority group"});
  if (!initial) return;
  if ((*groups == 0) != (*initial == 0)) {
    return c.failAt(initialAt, "invalid initial priority group",
                    *groups == 0 ? std::string("with no priority groups the initial group must be 0")
                                 : std::string("priority groups are numbered from 1: the initial group cannot be 0"));
  }
  uint32_t given = 0;
  while (args.remaining() != 0) {
    if (!readPriorityGroup(c, args)) return;
    ++given;
  }
  if (given != *groups) {
    c.failAt(groupsAt, "priority group count mismatch",
             fmt::format("{} priority group{} announced, {} given", *groups, *groups == 1 ? "" : "s", given));
  }
}

}  // namespace

extern const TargetType kTarget_multipath{
    .name = "multipath",
    .summary = "multiple paths to one device",
    .usage = "<#features> <feature>... <#hw_args> [<hw_handler> <arg>...] <#pgs> <initial_pg> <pg>...",
    .features61 = kSingleton | kImmutable | kPassesIntegrity,
    .features72 = kSingleton | kImmutable | kPassesIntegrity | kAtomicWrites,
    .queue = QueueKind::Request,
    .check = checkMultipath,
};

}  // namespace dmc
