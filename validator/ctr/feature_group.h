#pragma once
// The loop every constructor writes for an optional "<#features> <feature>..." group: the count
// (dm_read_arg_group(): at most the arguments left), then each word in turn, where a word that
// takes values reads them from the same cursor, counted in the group. The target says what
// each word means; the walk, and the count of arguments still unread, are here.

#include <cstddef>
#include <cstdint>
#include <functional>

#include "validator/ctr/arg_cursor.h"

namespace dmc {

// Reads the word at index `at`; `left` is the number of the group's arguments still unread
// after it, and a word that takes values lowers it by as many as it reads. Returns false
// after reporting a failure.
using FeatureWordReader = std::function<bool(size_t at, uint32_t& left)>;
// Reports that the arguments ran out (at index `end`) before the count did: only a reader that
// lets `left` wrap below 0 causes it (6.1's flakey); the group count rules it out otherwise.
using FeatureGroupRanOut = std::function<void(size_t end)>;

// The words of a group whose count is already read: `words` of them, next on `args`.
bool readFeatureWords(ArgCursor& args, uint32_t words, const FeatureWordReader& readWord,
                      const FeatureGroupRanOut& ranOut = nullptr);

// The count, read as dm_read_arg_group() does within `count`, then the words.
bool readFeatureGroup(ArgCursor& args, const ArgRange& count, const FeatureWordReader& readWord,
                      const FeatureGroupRanOut& ranOut = nullptr);

}  // namespace dmc
