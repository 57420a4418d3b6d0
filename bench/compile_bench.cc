// Compile time and peak memory for a large table: dmc_compile_bench FILE
// (generate FILE with dmc_make_table 1000000). Reports wall time of reading + compiling,
// then of building every device's lookup btree and the binary image, and the process's peak
// resident memory (getrusage) after each step, against the input size.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "compiler/compile_driver.h"
#include "compiler/lookup_btree.h"
#include "emitters/image_writer.h"

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// User + system CPU time of the process: on a loaded machine wall time includes waiting.
double cpuSeconds() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double peakMiB() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: dmc_compile_bench TABLE_FILE\n");
    return 2;
  }
  const double baseline = peakMiB();
  auto start = Clock::now();
  double cpuStart = cpuSeconds();
  dmc::DiagnosticEngine engine;
  dmc::ReadError readError;
  std::optional<dmc::SourceFile> file = dmc::readSourceFile(argv[1], readError);
  if (!file) {
    std::fprintf(stderr, "%s\n", readError.message.c_str());
    return 2;
  }
  const double inputMiB = static_cast<double>(file->text().size()) / (1024.0 * 1024.0);
  const uint32_t fileId = engine.addFile(std::move(*file));
  dmc::CompileOutcome outcome = dmc::compileFile(engine, fileId, dmc::CompileOptions{});
  const double compileSeconds = secondsSince(start);
  const double compileCpu = cpuSeconds() - cpuStart;
  const double compilePeak = peakMiB();
  if (!outcome.ok) {
    std::fprintf(stderr, "the table has errors\n");
    return 1;
  }
  size_t targets = 0;
  for (const dmc::DeviceEntry& device : outcome.model.devices) targets += device.targets.size();

  start = Clock::now();
  cpuStart = cpuSeconds();
  for (const dmc::DeviceEntry& device : outcome.model.devices) dmc::LookupBtree::forTargets(device.targets, 8);
  const double btreeSeconds = secondsSince(start);
  const double btreeCpu = cpuSeconds() - cpuStart;

  start = Clock::now();
  cpuStart = cpuSeconds();
  std::string error;
  std::optional<std::string> image = dmc::buildImage(outcome.model, 8, &error);
  const double imageSeconds = secondsSince(start);
  const double imageCpu = cpuSeconds() - cpuStart;
  const double imagePeak = peakMiB();

  std::printf("input            %.1f MiB, %zu targets\n", inputMiB, targets);
  std::printf("process baseline %.1f MiB peak RSS before reading\n", baseline);
  std::printf("read + compile   %.3f s wall, %.3f s CPU, peak RSS %.1f MiB (%.2fx input)\n", compileSeconds,
              compileCpu, compilePeak, compilePeak / inputMiB);
  std::printf("btrees (K=8)     %.3f s wall, %.3f s CPU\n", btreeSeconds, btreeCpu);
  std::printf("image            %.3f s wall, %.3f s CPU, %.1f MiB, peak RSS %.1f MiB (%.2fx input)\n", imageSeconds,
              imageCpu, image ? static_cast<double>(image->size()) / (1024.0 * 1024.0) : 0.0, imagePeak,
              imagePeak / inputMiB);
  return 0;
}
