// Every input the fuzzers ever broke dmc with (fuzz/regressions/TARGET/) and every seed, run
// through the same fuzz bodies in the normal test suite, so a finding stays fixed in gcc and
// sanitizer builds too, not only in the clang fuzz build. A broken property aborts the run
// and prints what differs (fuzz/fuzz_bodies.h).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "fuzz/fuzz_bodies.h"

namespace {

namespace fs = std::filesystem;
using namespace dmc;

// The source tree from CMake: __FILE__ is relative when ccache rewrites paths (CCACHE_BASEDIR).
const fs::path kRoot = DMC_SOURCE_DIR;

std::vector<fs::path> filesIn(const fs::path& directory) {
  std::vector<fs::path> files;
  if (!fs::is_directory(directory)) return files;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string contents(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using Body = void (*)(const uint8_t*, size_t);

size_t replay(const std::vector<fs::path>& files, Body body) {
  for (const fs::path& file : files) {
    INFO(file.string());
    const std::string bytes = contents(file);
    body(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  return files.size();
}

std::vector<fs::path> tableSeeds() {
  std::vector<fs::path> files;
  for (const char* directory : {"examples", "tests/golden", "fuzz/seeds/table", "fuzz/seeds/devices"})
    for (const fs::path& file : filesIn(kRoot / directory)) files.push_back(file);
  return files;
}

TEST_CASE("fuzz regressions and seeds: table and devices", "[hostile][fuzz]") {
  REQUIRE(fs::is_directory(kRoot / "fuzz"));
  replay(filesIn(kRoot / "fuzz/regressions/table"), fuzz::runTable);
  replay(filesIn(kRoot / "fuzz/regressions/devices"), fuzz::runDevices);
  CHECK(replay(tableSeeds(), fuzz::runTable) > 10);
  replay(tableSeeds(), fuzz::runDevices);
}

TEST_CASE("fuzz regressions and seeds: images", "[hostile][fuzz]") {
  replay(filesIn(kRoot / "fuzz/regressions/image"), fuzz::runImage);
  replay(filesIn(kRoot / "fuzz/regressions/image_lookup"), fuzz::runImageLookup);
  CHECK(replay(filesIn(kRoot / "fuzz/seeds/image_lookup"), fuzz::runImageLookup) > 0);
  // Images of the seed tables, whole and cut short at every 64th byte.
  for (const fs::path& table : tableSeeds()) {
    const auto compiled = fuzz::compileText(contents(table), CompileOptions{});
    if (!compiled.outcome.ok) continue;
    std::string error;
    std::optional<std::string> image = buildImage(compiled.outcome.model, 8, &error);
    REQUIRE(image.has_value());
    for (size_t size = 0; size <= image->size(); size += size < image->size() && size + 64 > image->size() ? image->size() - size : 64)
      fuzz::runImage(reinterpret_cast<const uint8_t*>(image->data()), size);
  }
}

TEST_CASE("fuzz regressions and seeds: concise and dm-mod.create strings", "[hostile][fuzz]") {
  replay(filesIn(kRoot / "fuzz/regressions/concise"), fuzz::runConcise);
  CHECK(replay(filesIn(kRoot / "fuzz/seeds/concise"), fuzz::runConcise) > 0);
}

}  // namespace
