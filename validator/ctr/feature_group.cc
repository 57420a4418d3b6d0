#include "validator/ctr/feature_group.h"

namespace dmc {

bool readFeatureWords(ArgCursor& args, uint32_t words, const FeatureWordReader& readWord,
                      const FeatureGroupRanOut& ranOut) {
  uint32_t left = words;
  while (left != 0) {
    const std::optional<size_t> at = args.shift();
    if (!at) {
      if (ranOut) ranOut(args.end());
      return false;
    }
    --left;
    if (!readWord(*at, left)) return false;
  }
  return true;
}

bool readFeatureGroup(ArgCursor& args, const ArgRange& count, const FeatureWordReader& readWord,
                      const FeatureGroupRanOut& ranOut) {
  const std::optional<uint32_t> words = args.readGroup(count);
  if (!words) return false;
  return readFeatureWords(args, *words, readWord, ranOut);
}

}  // namespace dmc
