// Graceful stop for the nightly run: SIGINT and SIGTERM ask the run to stop after the
// bundle it is processing, so that it still writes submissions.jsonl, summary.csv and
// index.html for what was done.
//
//   StopSignals stop;                       // installs the handlers
//   for (bundle : bundles) {
//     if (stop.requested()) break;          // checked between bundles
//     ...
//   }
//   if (stop.requested()) return stop.exit_status();   // 130 (SIGINT) or 143 (SIGTERM)
//
// The handler only stores the signal number in a volatile std::sig_atomic_t and restores
// the default actions with sigaction (both async-signal-safe): a second SIGINT or SIGTERM
// ends the process at once, which is safe too because every output is written atomically
// and the ledger is WAL (see ledger.h). SIGKILL cannot be caught; see run.h.
//
// Thread safety: one StopSignals at a time per process (the handlers are process-wide);
// requested() may be called from any thread. The destructor restores the previous handlers.
#pragma once

#include <csignal>

namespace shenbao {

class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Whether SIGINT or SIGTERM arrived since construction.
  bool requested() const;
  // The first signal received (SIGINT or SIGTERM), 0 when none.
  int signal_number() const;
  // The shell's convention for a run stopped by a signal: 128 + signal number (130 for
  // SIGINT, 143 for SIGTERM); 0 when no signal arrived.
  int exit_status() const;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace shenbao
