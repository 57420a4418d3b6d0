#include "support/sigbus_guard.h"

#include <csignal>
#include <cstring>
#include <unistd.h>

namespace dmc {

namespace {

void onSigbus(int) {
  static const char message[] =
      "dmc: error: an input file shrank while dmc was reading it; nothing was written\n";
  // Only async-signal-safe calls here.
  ssize_t ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
  (void)ignored;
  ::_exit(2);
}

}  // namespace

void installSigbusGuard() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = onSigbus;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGBUS, &action, nullptr);
}

}  // namespace dmc
