#pragma once
// Which devices an md array can lose and still run: raid0 none, raid1 all but one, raid4/5
// one, raid6 two, raid10 all but one copy of every chunk (md's raid10 enough(): each window
// of `copies` neighbouring devices, moved on by the near copies, keeps one device). dm-raid
// asks this twice: with superblocks for the devices given as '- -' ("Insufficient redundancy
// to activate array"), and when md runs the array for those and the ones being rebuilt.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dmc {

struct Raid10Geometry {
  uint32_t nearCopies = 1;  // copies side by side (near); far and offset keep 1 here
  uint32_t farCopies = 1;   // copies a device apart (far, offset)
};

struct RaidLoss {
  std::string_view typeName;         // raid5_ls, raid10_far...
  uint32_t level = 0;                // md level: 0, 1, 5 (raid4 too), 6, 10
  uint32_t parity = 0;               // parity devices of raid4/5/6
  const std::vector<bool>& lost;     // one a device: missing (or being rebuilt)
  Raid10Geometry raid10;
  std::string_view lostWord = "missing";  // how the explanation calls a lost device
};

// Does md run the array with those devices lost?
bool raidSurvives(const RaidLoss& loss);

// Why not, in one clause: "devices 0 and 1 are missing; raid5 survives the loss of 1".
std::string raidLossExplanation(const RaidLoss& loss);

}  // namespace dmc
