// Seeds for the image fuzzers: make_seed_images OUT_DIR TABLE... compiles each table that has
// no errors and writes its image with 8, 16 and 32 keys a node as OUT_DIR/NAME.kK.img.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "compiler/compile_driver.h"
#include "emitters/image_writer.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_seed_images OUT_DIR TABLE...\n");
    return 2;
  }
  const std::filesystem::path out(argv[1]);
  std::filesystem::create_directories(out);
  int written = 0;
  for (int i = 2; i < argc; ++i) {
    dmc::DiagnosticEngine engine;
    dmc::ReadError readError;
    std::optional<dmc::SourceFile> file = dmc::readSourceFile(argv[i], readError);
    if (!file) continue;
    const uint32_t id = engine.addFile(std::move(*file));
    dmc::CompileOutcome outcome = dmc::compileFile(engine, id, dmc::CompileOptions{});
    if (!outcome.ok) continue;
    for (unsigned keys : {8u, 16u, 32u}) {
      std::string error;
      std::optional<std::string> image = dmc::buildImage(outcome.model, keys, &error);
      if (!image) continue;
      const std::string name = std::filesystem::path(argv[i]).stem().string() + ".k" + std::to_string(keys) + ".img";
      std::ofstream(out / name, std::ios::binary) << *image;
      ++written;
    }
  }
  std::printf("make_seed_images: %d images in %s\n", written, out.c_str());
  return 0;
}
