#include "pipeline/run/signals.h"

namespace shenbao {

namespace {

// Written by the handler, read between bundles. sig_atomic_t is the type the C standard
// allows a handler to write; lock-free std::atomic would do as well.
volatile std::sig_atomic_t g_signal = 0;

// Records the first signal and restores the default action of both, so that a second
// SIGINT or SIGTERM ends the process at once. sigaction is async-signal-safe (POSIX).
extern "C" void on_stop_signal(int signo) {
  if (g_signal == 0) g_signal = signo;
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  sigaction(SIGINT, &dfl, nullptr);
  sigaction(SIGTERM, &dfl, nullptr);
}

}  // namespace

StopSignals::StopSignals() {
  g_signal = 0;
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  // SA_RESTART: reads and writes in progress carry on.
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

StopSignals::~StopSignals() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

bool StopSignals::requested() const { return g_signal != 0; }

int StopSignals::signal_number() const { return g_signal; }

int StopSignals::exit_status() const { return g_signal == 0 ? 0 : 128 + g_signal; }

}  // namespace shenbao
