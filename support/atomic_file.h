#pragma once
// Output files are replaced whole or not at all: written to a temporary file beside the
// target, flushed, then renamed over it. A failure leaves no partial file behind.

#include <string>
#include <string_view>
#include <vector>

namespace dmc {

// Returns an empty string on success, else a message naming the path and the reason.
std::string writeFileAtomically(const std::string& path, std::string_view content);

// Several files, all or none: every content is written to a temporary file first, and only
// when all are written are they renamed into place. On failure nothing is left behind.
// (A rename can still fail after earlier ones succeeded; only on a broken file system.)
struct PendingFile {
  std::string path;
  std::string_view content;  // the caller keeps it alive: images are large, never copied
};
std::string writeFilesAtomically(const std::vector<PendingFile>& files);

// "-" means standard output; anything else is written atomically.
std::string writeOutput(const std::string& path, std::string_view content);

}  // namespace dmc
