#pragma once
// Output files are replaced whole or not at all: written to a temporary file beside the
// target, flushed, then renamed over it. A failure leaves no partial file behind.

#include <string>
#include <string_view>

namespace dmc {

// Returns an empty string on success, else a message naming the path and the reason.
std::string writeFileAtomically(const std::string& path, std::string_view content);

// "-" means standard output; anything else is written atomically.
std::string writeOutput(const std::string& path, std::string_view content);

}  // namespace dmc
