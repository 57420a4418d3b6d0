// One libFuzzer entry point; CMake builds it once per target with DMC_FUZZ_BODY naming the
// body in fuzz_bodies.h (runTable, runDevices, runImage, runImageLookup, runConcise).
#include "fuzz/fuzz_bodies.h"

#ifndef DMC_FUZZ_BODY
#error "DMC_FUZZ_BODY must name a body of fuzz/fuzz_bodies.h"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  dmc::fuzz::DMC_FUZZ_BODY(data, size);
  return 0;
}
