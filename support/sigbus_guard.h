#pragma once
// Input files are memory-mapped (support/source_file). If one is truncated while dmc reads
// it, the kernel sends SIGBUS; this turns that into a clear error and exit code 2 instead of
// a crash. Output files are written only after all input was read, so none is half-written.

namespace dmc {

void installSigbusGuard();

}  // namespace dmc
