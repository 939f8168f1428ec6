// The nightly job (`shenbao run`), the merge of sharded runs (`shenbao merge`), the
// single-bundle check (`shenbao check`) and `shenbao validate`.
//
// run_inbox lists INBOX, keeps this shard's bundles (--shard K/N), and for each bundle, in
// name order:
//   1. fingerprints it (ledger.h: a ZIP's sha256, a folder's sorted path/size/mtime list) and
//      skips it, doing no document work, when the ledger's latest row for its source name is
//      "ok" with the same fingerprint, rules fingerprint (schemas/ files and result-changing
//      options) and pipeline version, and OUT/<id>/submission.json is still there and parses
//      ("unchanged since <processed_at>" in the log). --force processes every bundle.
//   2. otherwise processes it (Processor::process_bundle), writes OUT/<id>/submission.json and
//      OUT/<id>/report.html (each to a temporary file, fsync, rename), and only then appends
//      its ledger row.
// After the last bundle it rewrites OUT/submissions.jsonl, OUT/summary.csv and OUT/index.html
// from the latest record of every bundle ever processed into OUT (the old jsonl, overlaid
// with this run's and the skipped bundles' submission.json).
//
// Crash safety: a run killed at any moment (SIGKILL, power) leaves every file it had
// finished intact (atomic renames) and the ledger consistent (WAL); the next run skips what
// is recorded and processes the rest, and rewrites the jsonl/csv/index. Stale temporary
// files of a killed run ("<output>.tmp.<pid>") are removed at the start of the next.
// SIGINT/SIGTERM (signals.h) stop the run after the current bundle; it then writes the
// jsonl/csv/index for what was done and returns 128 + the signal (130, 143).
//
// Bundles are processed one at a time (Processor::process_bundle is not reentrant); the
// documents of a bundle (with several workers, the pages of its PDFs) are loaded
// concurrently on --jobs workers. For more machines, run
// shards (--shard K/N, each into its own OUT) and merge them with merge_outputs.
//
// Exit status (the contract's, plus the signal case): 0 when the run finished; 1 when some
// bundle could not be processed at all; 2 for an unusable INBOX or OUT, bad schemas, or
// another run holding OUT's lock (OUT/.lock); 130/143 when stopped by SIGINT/SIGTERM.
//
// Thread safety: one run per OUT at a time, enforced by an advisory lock (flock) on OUT/.lock.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

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
  bool force = false;       // reprocess bundles the ledger has already seen
  std::string lang = "zh";  // reviewer-facing language: zh | en
  int shard_index = 0;      // --shard K/N: this process handles the bundles whose source
  int shard_count = 1;      // name is in_shard(name, K, N)
  ProgressMode progress = ProgressMode::kAuto;
  bool timings = false;  // print per-stage timings after the summary
};

int run_inbox(const RunOptions& options, std::ostream& out, std::ostream& err);

// Whether the bundle named `source_name` (its file or folder name in INBOX) belongs to shard
// `index` of `count`: the first 8 bytes of sha256(source_name), big-endian, modulo count.
// By name, not content, so a bundle stays in its shard when it changes. count <= 1: true.
bool in_shard(const std::string& source_name, int index, int count);

// `shenbao merge OUT1 OUT2 ... --out OUT`: unions per-shard output folders into one.
struct MergeOptions {
  std::vector<std::filesystem::path> inputs;  // per-shard OUT folders (each with a ledger)
  std::filesystem::path out;                  // the merged folder; may already hold a merge
  std::string lang = "zh";                    // index.html language: zh | en
  std::filesystem::path schemas_dir;          // empty: default_schemas_dir()
  std::string policy = "songjiang-2025";      // names in index.html
};

// For every bundle id the latest record among the inputs' and OUT's own (submission.json
// in OUT/<id>/ and the jsonl lines; latest by bundle.processed_at, a tie going to the later
// input) wins: its OUT_i/<id>/ files are copied into OUT/<id>/ (atomically, file by file).
// Ledger rows of every input are added to OUT/ledger.sqlite (rows already there are not
// duplicated). Then OUT/submissions.jsonl, summary.csv and index.html are rewritten.
// Exit status: 0 when merged; 1 when an input could not be read (the others are merged);
// 2 for bad usage (no inputs, OUT among the inputs), an unusable OUT or its lock held.
int merge_outputs(const MergeOptions& options, std::ostream& out, std::ostream& err);

// Processes one bundle and prints its submission.json to `out`. Exit 0, or 1 when the
// bundle could not be read at all (the JSON is still printed), 2 on bad usage.
int check_bundle(const std::filesystem::path& bundle, const ProcessOptions& options,
                 std::ostream& out, std::ostream& err);

// Validates a submission.json file against schemas/submission.schema.json; prints each
// violation to `err`. Exit 0 when valid, 1 when not, 2 when unreadable.
int validate_file(const std::filesystem::path& file, const std::filesystem::path& schemas_dir,
                  std::ostream& out, std::ostream& err);

}  // namespace shenbao
