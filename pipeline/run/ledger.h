// The ledger: OUT/ledger.sqlite, what the nightly run processed, when, and from what.
//
// One row per processing of a bundle (history is kept: a bundle processed on three nights
// has three rows). `shenbao run` asks the ledger for a bundle's latest row and skips the
// bundle when its content, the rules and the pipeline are the same as then (see
// is_unchanged). The view `latest_processings` holds the latest row per bundle id:
//
//   sqlite3 OUT/ledger.sqlite 'SELECT bundle_id, status, processed_at FROM latest_processings'
//
// Crash safety: the database is in WAL mode with synchronous=NORMAL, so a process killed at
// any moment (SIGKILL) leaves it consistent, holding every row committed before; a power cut
// may lose the last rows, which only means those bundles are processed again. Each row is
// one transaction, committed after the bundle's outputs exist on disk.
//
// Content fingerprints (bundle_fingerprint): a ZIP's is the sha256 of its bytes (the same
// value as submission.json's bundle.sha256); a folder's is the sha256 of its files' sorted
// (relative path, size, mtime in ns) list: a change detector that reads no file content, so
// a file rewritten with the same size within the same nanosecond would go unnoticed. It
// differs from the folder's bundle.sha256 in submission.json, which hashes contents.
//
// Thread safety: a Ledger is used from one thread at a time (the run's). Several processes
// may open the same file (SQLite locks it), but one run per OUT is the rule.
// Only ledger.cc includes sqlite3.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/intake/bundle.h"

namespace shenbao {

// One processing of one bundle.
struct LedgerRow {
  int64_t id = 0;                // row id (assigned by record; 0 before)
  std::string source;            // the ZIP's or folder's own name in INBOX
  std::string bundle_id;         // OUT/<bundle_id>/
  std::string content_hash;      // bundle_fingerprint() of the source when it was processed
  std::string pipeline_version;  // SHENBAO_VERSION
  std::string rules_hash;        // rules_fingerprint() of the run
  std::string status;            // "ok" | "failed" (the bundle could not be read at all)
  std::string verdict;           // the submission's verdict
  double seconds = 0;            // wall time of the processing
  std::map<std::string, double> stage_seconds;  // intake, load, extract, judge
  std::vector<std::string> outputs;  // files written, relative to OUT ("<id>/submission.json")
  std::string processed_at;          // ISO 8601 UTC, as in submission.json's bundle.processed_at
};

class Ledger {
 public:
  // Opens (creating when missing) the ledger at `file`, in WAL mode, and creates the table,
  // indexes and view when missing. Errors: kIoError (cannot open or create), kCorrupt (the
  // file is not a SQLite database or has a foreign schema).
  static Result<std::unique_ptr<Ledger>> open(const std::filesystem::path& file);
  // Opens an existing ledger read-only (for `shenbao merge`). Errors as open(), and
  // kNotFound when the file does not exist.
  static Result<std::unique_ptr<Ledger>> open_read_only(const std::filesystem::path& file);
  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Appends one row (its own transaction, committed before returning); sets row.id.
  // Errors: kIoError (disk full, read-only ledger), kInvalidArgument (status not ok|failed).
  Status record(LedgerRow& row);

  // The latest row for a source name (by processed_at, then id), or nullopt when the
  // ledger never saw it. Errors: kIoError.
  Result<std::optional<LedgerRow>> latest_for_source(const std::string& source) const;

  // The latest row per bundle id (the view latest_processings), by bundle id.
  Result<std::vector<LedgerRow>> latest_per_bundle() const;

  // Every row, oldest first (processed_at, then id).
  Result<std::vector<LedgerRow>> all_rows() const;

  // Adds rows from another ledger (merge), in processed_at order, leaving out rows already
  // present (same source, content_hash, rules_hash, pipeline_version, processed_at and
  // status). One transaction. Returns how many rows were added.
  Result<int> import_rows(const std::vector<LedgerRow>& rows);

 private:
  struct Impl;
  explicit Ledger(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Why a bundle may be skipped: its latest row is "ok" and has the same content hash, rules
// hash and pipeline version. Returns nullopt when it must be processed, else a reason for
// the log ("unchanged since 2026-11-28T15:30:00Z").
// A bundle whose latest processing failed is always processed again (the failure may have
// been the disk's, not the bundle's).
std::optional<std::string> is_unchanged(const LedgerRow& latest, const std::string& content_hash,
                                        const std::string& rules_hash,
                                        const std::string& pipeline_version);

// The content fingerprint of an inbox entry (see the header comment). Reads a ZIP whole
// (bounded by `max_zip_bytes`: a larger file is fingerprinted by size and mtime instead, as
// intake refuses it anyway). Errors: kNotFound, kIoError.
Result<std::string> bundle_fingerprint(const std::filesystem::path& bundle, int64_t max_zip_bytes);

// The rules fingerprint of a run: sha256 over the schema files the run reads (every file
// directly in `schemas_dir`, and the files under its sub-folders whose names start with
// "<policy>." such as policy/songjiang-2025.json and completeness/songjiang-2025.*.json),
// each as "relative path\0content sha256\0" in path order, followed by `settings`: the
// options that change results (limits, language), spelled by the caller.
// Errors: kNotFound (no such folder), kIoError.
Result<std::string> rules_fingerprint(const std::filesystem::path& schemas_dir,
                                      const std::string& policy, const std::string& settings);

}  // namespace shenbao
