#include "validator/raid_redundancy.h"

#include <fmt/format.h>

#include "validator/ctr/arg_text.h"

namespace dmc {

namespace {

uint32_t lostCount(const RaidLoss& loss) {
  uint32_t n = 0;
  for (bool lost : loss.lost) n += lost ? 1 : 0;
  return n;
}

// The first raid10 window whose devices are all lost, as its first device; -1 if none.
int64_t raid10LostWindow(const RaidLoss& loss) {
  auto devices = static_cast<uint32_t>(loss.lost.size());
  uint32_t copies = loss.raid10.nearCopies * loss.raid10.farCopies;
  if (devices == 0 || copies == 0) return 0;
  uint32_t first = 0;
  do {
    bool kept = false;
    for (uint32_t n = 0, at = first; n < copies; ++n, at = (at + 1) % devices) kept = kept || !loss.lost[at];
    if (!kept) return first;
    first = (first + loss.raid10.nearCopies) % devices;
  } while (first != 0);
  return -1;
}

std::string deviceList(const std::vector<uint32_t>& indexes) {
  std::string out;
  for (size_t i = 0; i < indexes.size(); ++i) {
    if (i > 0) out += i + 1 == indexes.size() ? " and " : ", ";
    out += std::to_string(indexes[i]);
  }
  return fmt::format("{} {}", indexes.size() == 1 ? "device" : "devices", out);
}

std::vector<uint32_t> lostIndexes(const RaidLoss& loss) {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < loss.lost.size(); ++i)
    if (loss.lost[i]) out.push_back(i);
  return out;
}

}  // namespace

bool raidSurvives(const RaidLoss& loss) {
  uint32_t lost = lostCount(loss);
  switch (loss.level) {
    case 0: return lost == 0;
    case 1: return lost < loss.lost.size();
    case 10: return raid10LostWindow(loss) < 0;
    default: return lost <= loss.parity;
  }
}

std::string raidLossExplanation(const RaidLoss& loss) {
  std::vector<uint32_t> lost = lostIndexes(loss);
  std::string verb = lost.size() == 1 ? "is" : "are";
  switch (loss.level) {
    case 0:
      return fmt::format("{} {} {}, and {} keeps no redundancy", deviceList(lost), verb, loss.lostWord, loss.typeName);
    case 1:
      return fmt::format("every {} leg is {}: at least one must hold the data", loss.typeName, loss.lostWord);
    case 10: {
      int64_t first = raid10LostWindow(loss);
      auto devices = static_cast<uint32_t>(loss.lost.size());
      uint32_t copies = loss.raid10.nearCopies * loss.raid10.farCopies;
      std::vector<uint32_t> window;
      for (uint32_t n = 0; n < copies && first >= 0; ++n) window.push_back(static_cast<uint32_t>((first + n) % devices));
      return fmt::format("{} hold all {} copies of some chunks and are all {}", deviceList(window), copies,
                         loss.lostWord);
    }
    default:
      return fmt::format("{} {} {}, and {} survives the loss of at most {}", deviceList(lost), verb, loss.lostWord,
                         loss.typeName, countOf(loss.parity, "device", "devices"));
  }
}

}  // namespace dmc
