#include "validator/area_overlaps.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

namespace dmc {

namespace {

// Targets of one family share their device by design; "Other" targets share with nobody.
enum Family : uint8_t { kOther, kSnapshot, kThin, kVerity, kFamilyCount };

Family familyOf(std::string_view type) {
  if (type == "snapshot" || type == "snapshot-origin" || type == "snapshot-merge") return kSnapshot;
  if (type == "thin") return kThin;
  if (type == "verity") return kVerity;
  return kOther;
}

uint64_t endOf(const DeviceArea& a) { return a.length > UINT64_MAX - a.start ? UINT64_MAX : a.start + a.length; }

bool sameLine(const DeviceArea& a, const DeviceArea& b) {
  return a.deviceLocation.file == b.deviceLocation.file && a.deviceLocation.line == b.deviceLocation.line;
}

bool before(const Location& a, const Location& b) {
  if (a.file != b.file) return a.file < b.file;
  if (a.line != b.line) return a.line < b.line;
  return a.column < b.column;
}

// The two earlier areas reaching furthest, from two different lines: enough to find, for a
// new area, an earlier one of another line that overlaps it, if there is any.
class FurthestTwo {
 public:
  void clear() {
    first_.reset();
    second_.reset();
  }

  void add(const std::vector<DeviceArea>& areas, size_t index) {
    uint64_t end = endOf(areas[index]);
    if (first_ && sameLine(areas[first_->index], areas[index])) {
      if (end > first_->end) first_ = Entry{index, end};
      return;
    }
    if (second_ && sameLine(areas[second_->index], areas[index])) {
      if (end > second_->end) second_ = Entry{index, end};
      if (second_->end > first_->end) std::swap(first_, second_);
      return;
    }
    if (!first_ || end > first_->end) {
      second_ = first_;
      first_ = Entry{index, end};
    } else if (!second_ || end > second_->end) {
      second_ = Entry{index, end};
    }
  }

  // An earlier area of another line that still reaches past `area`'s start.
  std::optional<size_t> overlapping(const std::vector<DeviceArea>& areas, const DeviceArea& area) const {
    for (const std::optional<Entry>& e : {first_, second_}) {
      if (!e || sameLine(areas[e->index], area)) continue;
      if (e->end > area.start) return e->index;
      return std::nullopt;  // the furthest of another line does not reach: none does
    }
    return std::nullopt;
  }

 private:
  struct Entry {
    size_t index;
    uint64_t end;
  };
  std::optional<Entry> first_, second_;
};

void report(DiagnosticEngine& engine, const DeviceArea& a, const DeviceArea& b) {
  // Past the cap a warning is only counted: its two messages are not worth building.
  if (!engine.wouldKeep(DiagnosticCode::SharedSectors, Severity::Warning))
    return engine.count(DiagnosticCode::SharedSectors, Severity::Warning);
  const DeviceArea& later = before(a.deviceLocation, b.deviceLocation) ? b : a;
  const DeviceArea& earlier = &later == &a ? b : a;
  uint64_t from = std::max(a.start, b.start);
  uint64_t to = std::min(endOf(a), endOf(b)) - 1;
  engine
      .report(DiagnosticCode::SharedSectors, Severity::Warning, later.startLocation,
              fmt::format("{}: sectors {} to {} of {} are also mapped by the {} target on line {}: targets writing "
                          "the same sectors destroy each other's data",
                          later.targetType, from, to, later.device, earlier.targetType, earlier.deviceLocation.line))
      .note(earlier.startLocation, fmt::format("the {} target maps sectors {} to {} of {} here", earlier.targetType,
                                               earlier.start, endOf(earlier) - 1, earlier.device));
}

struct SweepArea {
  uint32_t device;  // a number a distinct device name
  uint32_t index;   // into the areas; a file's areas number far fewer than 2^32
};

// The areas to sweep, by device then start (file order among equal starts). Device names
// are numbered once, the areas grouped by device in file order, and a group is sorted only
// if its starts are not already in order, as in a concatenation: a million areas cost a
// few tens of milliseconds.
std::vector<SweepArea> sweepOrder(const std::vector<DeviceArea>& areas) {
  std::unordered_map<std::string_view, uint32_t> deviceIds;
  std::vector<SweepArea> mapped;
  mapped.reserve(areas.size());
  std::vector<uint32_t> groupSize;
  for (size_t i = 0; i < areas.size(); ++i) {
    if (areas[i].length == 0) continue;
    auto [it, inserted] = deviceIds.try_emplace(areas[i].device, static_cast<uint32_t>(deviceIds.size()));
    if (inserted) groupSize.push_back(0);
    ++groupSize[it->second];
    mapped.push_back(SweepArea{it->second, static_cast<uint32_t>(i)});
  }
  std::vector<size_t> groupStart(groupSize.size() + 1, 0);
  for (size_t g = 0; g < groupSize.size(); ++g) groupStart[g + 1] = groupStart[g] + groupSize[g];
  std::vector<SweepArea> order(mapped.size());
  std::vector<size_t> next(groupStart.begin(), groupStart.end() - 1);
  for (const SweepArea& area : mapped) order[next[area.device]++] = area;
  const auto byStart = [&](const SweepArea& x, const SweepArea& y) { return areas[x.index].start < areas[y.index].start; };
  for (size_t g = 0; g < groupSize.size(); ++g) {
    const auto begin = order.begin() + static_cast<std::ptrdiff_t>(groupStart[g]);
    const auto end = order.begin() + static_cast<std::ptrdiff_t>(groupStart[g + 1]);
    if (!std::is_sorted(begin, end, byStart)) std::stable_sort(begin, end, byStart);
  }
  return order;
}

}  // namespace

void checkAreaOverlaps(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas) {
  const std::vector<SweepArea> order = sweepOrder(areas);

  std::array<FurthestTwo, kFamilyCount> furthest;
  std::set<std::array<uint32_t, 4>> reportedPairs;  // (file, line) of both targets
  for (size_t k = 0; k < order.size(); ++k) {
    const DeviceArea& area = areas[order[k].index];
    if (k == 0 || order[k - 1].device != order[k].device)
      for (FurthestTwo& f : furthest) f.clear();
    Family family = familyOf(area.targetType);
    std::optional<size_t> other;
    for (int f = 0; f < kFamilyCount && !other; ++f) {
      if (family != kOther && f == family) continue;  // shared by design
      other = furthest[f].overlapping(areas, area);
    }
    if (other) {
      const DeviceArea& o = areas[*other];
      std::array<uint32_t, 4> key = {o.deviceLocation.file, o.deviceLocation.line, area.deviceLocation.file,
                                     area.deviceLocation.line};
      if (before(area.deviceLocation, o.deviceLocation)) {
        key = {area.deviceLocation.file, area.deviceLocation.line, o.deviceLocation.file, o.deviceLocation.line};
      }
      if (reportedPairs.insert(key).second) report(engine, o, area);
    }
    furthest[family].add(areas, order[k].index);
  }
}

}  // namespace dmc
