// The nightly job (`shenbao run`) and the single-bundle check (`shenbao check`).
//
// run_inbox lists INBOX, processes every bundle, writes the outputs under OUT, prints a
// summary, and returns the contract's exit status: 0 when the run finished, 1 when some
// bundle could not be processed at all, 2 for an unusable INBOX or OUT.
//
// Thread safety: one run per OUT at a time.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "pipeline/run/process.h"

namespace shenbao {

// How progress is shown on stderr.
enum class ProgressMode {
  kAuto,   // a live line on a terminal, timestamped lines otherwise
  kLines,  // timestamped lines
  kQuiet,  // nothing but errors
};

struct RunOptions {
  ProcessOptions process;
  std::filesystem::path inbox;
  std::filesystem::path out;
  bool force = false;        // reprocess bundles the ledger has already seen
  std::string lang = "zh";   // reviewer-facing language: zh | en
  int shard_index = 0;       // --shard K/N: this process handles bundles with hash % N == K
  int shard_count = 1;
  ProgressMode progress = ProgressMode::kAuto;
  bool timings = false;      // print per-stage timings after the summary
};

int run_inbox(const RunOptions& options, std::ostream& out, std::ostream& err);

// Processes one bundle and prints its submission.json to `out`. Exit 0, or 1 when the
// bundle could not be read at all (the JSON is still printed), 2 on bad usage.
int check_bundle(const std::filesystem::path& bundle, const ProcessOptions& options,
                 std::ostream& out, std::ostream& err);

// Validates a submission.json file against schemas/submission.schema.json; prints each
// violation to `err`. Exit 0 when valid, 1 when not, 2 when unreadable.
int validate_file(const std::filesystem::path& file, const std::filesystem::path& schemas_dir,
                  std::ostream& out, std::ostream& err);

}  // namespace shenbao
