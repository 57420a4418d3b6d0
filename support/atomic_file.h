#pragma once
// Output files are replaced whole or not at all: written to a temporary file beside the
// target, flushed, then renamed over it. A failure leaves no partial file behind.
//
// Modes: a new file gets 0666 & ~umask, or 0600 when it holds key material; a replaced file
// keeps its mode (without the world bits when it now holds keys) and, where the process may,
// its owner and group. A symbolic link is written through: its final target is replaced and
// the link stays.

#include <string>
#include <string_view>
#include <vector>

namespace dmc {

// Returns an empty string on success, else a message naming the path and the reason.
std::string writeFileAtomically(const std::string& path, std::string_view content, bool holdsKeys = false);

// Several files, all or none: every content is written to a temporary file first, and only
// when all are written are they renamed into place. On failure nothing is left behind.
// (A rename can still fail after earlier ones succeeded; only on a broken file system.)
struct PendingFile {
  std::string path;
  std::string_view content;  // the caller keeps it alive: images are large, never copied
  bool holdsKeys = false;    // crypt or integrity keys: never readable by others
};
std::string writeFilesAtomically(const std::vector<PendingFile>& files);

// "-" means standard output; anything else is written atomically.
std::string writeOutput(const std::string& path, std::string_view content, bool holdsKeys = false);

// The path a write to `path` replaces: symbolic links followed to their final target (which
// need not exist yet). Unchanged when `path` is not a link.
std::string resolveWriteTarget(const std::string& path);

}  // namespace dmc
