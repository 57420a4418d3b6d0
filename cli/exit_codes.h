#pragma once

namespace dmc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;  // the tables have errors
inline constexpr int kExitUsage = 2;        // bad command line, unreadable file, unwritable output

}  // namespace dmc::cli
