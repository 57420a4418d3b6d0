#include "validator/area_overlaps.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "support/sector_text.h"

namespace dmc {

namespace {

bool writes(const DeviceArea& a) { return a.use.access == AreaAccess::ReadsWrites; }

bool sameSharing(const char* a, const char* b) { return a != nullptr && b != nullptr && std::strcmp(a, b) == 0; }

// Sharing sectors is a danger when one of the two writes them and the kernel does not
// coordinate the two (targets with the same sharing tag, such as a snapshot's origin).
bool clash(bool writesA, const char* sharingA, bool writesB, const char* sharingB) {
  return (writesA || writesB) && !sameSharing(sharingA, sharingB);
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

// What the two do with the shared sectors, said from the later target's side.
std::string consequence(const DeviceArea& later, const DeviceArea& earlier) {
  if (writes(later) && writes(earlier)) return "targets writing the same sectors destroy each other's data";
  if (writes(later)) return "it only reads them, and this target's writes change them under it";
  return "it writes them, and this target only reads them: they change under it";
}

void report(DiagnosticEngine& engine, const DeviceArea& a, const DeviceArea& b) {
  // Past the cap a warning is only counted: its two messages are not worth building.
  const DeviceArea& later = before(a.deviceLocation, b.deviceLocation) ? b : a;
  if (!engine.wouldKeep(DiagnosticCode::SharedSectors, Severity::Warning, later.startLocation))
    return engine.count(DiagnosticCode::SharedSectors, Severity::Warning, later.startLocation);
  const DeviceArea& earlier = &later == &a ? b : a;
  uint64_t from = std::max(a.start, b.start);
  uint64_t to = std::min(endOf(a), endOf(b)) - 1;
  auto d = engine.report(DiagnosticCode::SharedSectors, Severity::Warning, later.startLocation,
                         fmt::format("{}: {} of {} {} also mapped by the {} target on line {}: {}",
                                     later.targetType, sectorRange(from, to), later.device, sectorRangeVerb(from, to), earlier.targetType,
                                     earlier.deviceLocation.line, consequence(later, earlier)));
  d.note(earlier.startLocation, fmt::format("the {} target {} {} of {} here", earlier.targetType,
                                            writes(earlier) ? "maps" : "reads",
                                            sectorRange(earlier.start, endOf(earlier) - 1), earlier.device));
  const DeviceArea& reader = writes(later) ? earlier : later;
  if (!writes(reader) && reader.use.sharedBy != nullptr)
    d.note(fmt::format("a {} is written safely only through the targets that share it by design", reader.use.sharedBy));
}

// Two writing areas of one line over the same sectors (one disk given twice to striped).
void reportWithinLine(DiagnosticEngine& engine, const DeviceArea& first, const DeviceArea& second) {
  uint64_t from = std::max(first.start, second.start);
  uint64_t to = std::min(endOf(first), endOf(second)) - 1;
  engine
      .report(DiagnosticCode::SharedSectors, Severity::Warning, second.startLocation,
              fmt::format("{}: {} of {} {} mapped twice by this target: writes through one area "
                          "overwrite the other's data",
                          second.targetType, sectorRange(from, to), second.device, sectorRangeVerb(from, to)))
      .note(first.startLocation, fmt::format("the same target maps {} of {} here",
                                             sectorRange(first.start, endOf(first) - 1), first.device));
}

// The areas of one target line, pushed together: any two that write the same sectors of one
// device. Reads next to writes are the target's design (delay's read and write classes).
void checkOneLine(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas, size_t begin, size_t end) {
  std::vector<size_t> writing;
  for (size_t i = begin; i < end; ++i)
    if (areas[i].length > 0 && writes(areas[i])) writing.push_back(i);
  if (writing.size() < 2) return;
  std::sort(writing.begin(), writing.end(), [&](size_t x, size_t y) {
    if (areas[x].device != areas[y].device) return areas[x].device < areas[y].device;
    return areas[x].start < areas[y].start;
  });
  size_t furthest = writing[0];
  for (size_t k = 1; k < writing.size(); ++k) {
    const DeviceArea& area = areas[writing[k]];
    if (areas[furthest].device == area.device && endOf(areas[furthest]) > area.start) {
      const bool furthestFirst = before(areas[furthest].startLocation, area.startLocation);
      return reportWithinLine(engine, furthestFirst ? areas[furthest] : area, furthestFirst ? area : areas[furthest]);
    }
    if (areas[furthest].device != area.device || endOf(area) > endOf(areas[furthest])) furthest = writing[k];
  }
}

void checkWithinLines(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas) {
  size_t begin = 0;
  for (size_t i = 1; i <= areas.size(); ++i)
    if (i == areas.size() || !sameLine(areas[i], areas[begin])) {
      if (i - begin > 1) checkOneLine(engine, areas, begin, i);
      begin = i;
    }
}

// Two lines that take the same object of one device (a thin device id of one pool).
void checkClaims(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas) {
  std::map<std::pair<std::string_view, uint32_t>, size_t> firstClaim;
  for (size_t i = 0; i < areas.size(); ++i) {
    const DeviceArea& area = areas[i];
    if (area.claim == DeviceArea::kNoClaim) continue;
    auto [it, inserted] = firstClaim.try_emplace(std::make_pair(area.device, area.claim), i);
    if (inserted || sameLine(areas[it->second], area)) continue;
    const DeviceArea& earlier = areas[it->second];
    engine
        .report(DiagnosticCode::SharedSectors, Severity::Warning, area.deviceLocation,
                fmt::format("{}: id {} of {} is also used by the {} target on line {}: two devices writing one "
                            "volume destroy each other's data",
                            area.targetType, area.claim, area.device, earlier.targetType, earlier.deviceLocation.line))
        .note(earlier.deviceLocation, fmt::format("the {} target uses id {} of {} here", earlier.targetType,
                                                  earlier.claim, earlier.device));
  }
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

namespace {

// The earlier areas of one kind (writes or not, sharing tag), the furthest two of them.
struct SweepClass {
  bool writes;
  const char* sharedBy;
  FurthestTwo furthest;
};

SweepClass& classOf(std::vector<SweepClass>& classes, const DeviceArea& area) {
  for (SweepClass& c : classes)
    if (c.writes == writes(area) && (c.sharedBy == area.use.sharedBy || sameSharing(c.sharedBy, area.use.sharedBy)))
      return c;
  classes.push_back(SweepClass{writes(area), area.use.sharedBy, {}});
  return classes.back();
}

}  // namespace

void checkAreaOverlaps(DiagnosticEngine& engine, const std::vector<DeviceArea>& areas) {
  const std::vector<SweepArea> order = sweepOrder(areas);

  std::vector<SweepClass> classes;  // a handful: kinds of use, not targets
  std::set<std::array<uint32_t, 4>> reportedPairs;  // (file, line) of both targets
  for (size_t k = 0; k < order.size(); ++k) {
    const DeviceArea& area = areas[order[k].index];
    if (k == 0 || order[k - 1].device != order[k].device)
      for (SweepClass& c : classes) c.furthest.clear();
    std::optional<size_t> other;
    for (SweepClass& c : classes) {
      if (!clash(c.writes, c.sharedBy, writes(area), area.use.sharedBy)) continue;
      other = c.furthest.overlapping(areas, area);
      if (other) break;
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
    classOf(classes, area).furthest.add(areas, order[k].index);
  }
  checkWithinLines(engine, areas);
  checkClaims(engine, areas);
}

}  // namespace dmc
