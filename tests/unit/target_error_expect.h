#pragma once
// Helpers for target argument tests: compile one table under a kernel profile, and expect
// exactly one target-argument error with a given kernel text at a given argument.

#include <algorithm>
#include <string>
#include <vector>
#include <string_view>

#include <catch2/catch.hpp>

#include "tests/unit/test_support.h"

namespace dmc::test {

inline Compiled compileFor(const std::string& table, KernelVersion profile = dmc::kKernel6_1) {
  CompileOptions options;
  options.kernel = dmc::KernelChoice::of(profile);
  return compileText(table, options);
}

// The 1-based column of the nth (1-based) whitespace-separated token equal to `token` in
// `line`; the column just past the line's last character when `token` is empty.
inline uint32_t columnOf(std::string_view line, std::string_view token, int nth = 1) {
  if (line.find('\n') != std::string_view::npos) line = line.substr(0, line.find('\n'));
  if (token.empty()) {
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    return static_cast<uint32_t>(line.size() + 1);
  }
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t begin = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (line.substr(begin, i - begin) == token && --nth == 0) return static_cast<uint32_t>(begin + 1);
  }
  FAIL("token '" << std::string(token) << "' not found in: " << std::string(line));
  return 0;
}

// One line (no newline needed) must give exactly one target-argument error containing
// `message`, at the nth token `at` (or at the end of the line when `at` is empty).
inline void expectArgError(const std::string& line, std::string_view message, std::string_view at, int nth = 1,
                           KernelVersion profile = dmc::kKernel6_1) {
  Compiled r = compileFor(line + "\n", profile);
  INFO("table: " << line << "\nprofile: " << std::string(kernelVersionName(profile)) << "\n" << r.describe());
  REQUIRE(r.count(DiagnosticCode::TargetArgument) == 1);
  const Diagnostic& d = r.first(DiagnosticCode::TargetArgument);
  CHECK_THAT(d.message, Catch::Contains(std::string(message)));
  CHECK(d.location.line == 1);
  CHECK(d.location.column == columnOf(line, at, nth));
}

inline void expectArgError72(const std::string& line, std::string_view message, std::string_view at, int nth = 1) {
  expectArgError(line, message, at, nth, dmc::kKernel7_2);
}

// With these devices declared, the line's only error is the device `device` (the text at
// column `column`) not being declared: the kernel fails to look it up.
inline void expectUndeclaredDevice(const std::string& line, std::vector<DeclaredDeviceSize> sizes,
                                   std::string_view device, uint32_t column) {
  CompileOptions options;
  options.deviceSizes = std::move(sizes);
  Compiled r = compileText(line + "\n", options);
  INFO("table: " << line << "\n" << r.describe());
  REQUIRE(r.count(DiagnosticCode::UnknownDevice) == 1);
  CHECK(r.diagnostics.size() == 1);
  const Diagnostic& d = r.first(DiagnosticCode::UnknownDevice);
  CHECK_THAT(d.message, Catch::Contains(std::string(device)));
  CHECK(d.location.column == column);
  CHECK(d.location.length == device.size());
}

// With these devices declared, the line's only error is an area past a device's end whose
// message contains `message`, shown at column `column`.
inline void expectDeviceTooSmall(const std::string& line, std::vector<DeclaredDeviceSize> sizes,
                                 std::string_view message, uint32_t column) {
  CompileOptions options;
  options.deviceSizes = std::move(sizes);
  Compiled r = compileText(line + "\n", options);
  INFO("table: " << line << "\n" << r.describe());
  REQUIRE(r.count(DiagnosticCode::DeviceTooSmall) == 1);
  CHECK(std::count_if(r.diagnostics.begin(), r.diagnostics.end(),
                      [](const Diagnostic& x) { return x.severity == Severity::Error; }) == 1);
  const Diagnostic& d = r.first(DiagnosticCode::DeviceTooSmall);
  CHECK_THAT(d.message, Catch::Contains(std::string(message)));
  CHECK(d.location.column == column);
}

// The table compiles with no diagnostics at all under the profile.
inline void expectClean(const std::string& table, KernelVersion profile = dmc::kKernel6_1) {
  Compiled r = compileFor(table + "\n", profile);
  INFO("table: " << table << "\nprofile: " << std::string(kernelVersionName(profile)) << "\n" << r.describe());
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
}

}  // namespace dmc::test
