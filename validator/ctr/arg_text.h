#pragma once
// Comparing and describing argument text the way constructors and dmc's explanations need:
// strcasecmp() feature names, the "same device text" comparison some constructors make with
// strcmp() before opening anything, and the word lists explanations are made of.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace dmc {

// The kernel compares feature names with strcasecmp: ASCII case does not matter.
bool equalsIgnoringCase(std::string_view a, std::string_view b);

// The DM device name an @name or /dev/mapper/name argument refers to; empty for any other.
std::string_view mapperName(std::string_view device);

// Whether two device arguments reach the kernel as the same text: dmc writes an @name
// reference as /dev/mapper/name, so "@pool" and "/dev/mapper/pool" compare equal.
bool sameDeviceText(std::string_view a, std::string_view b);

// "a", "b or c", "a, b or c": for lists of accepted words in explanations.
std::string alternatives(std::span<const std::string_view> words);

// " (did you mean 'x'?)" when a close candidate exists, else "".
std::string didYouMean(std::string_view word, std::span<const std::string_view> candidates);

// "1 argument", "3 arguments".
std::string countOf(uint64_t n, std::string_view singular, std::string_view plural);

}  // namespace dmc
