// Processing one bundle end to end: intake → load → extract → judge → a Submission.
//
// process_bundle never throws and never stops on one bad file: every entry of the bundle
// becomes a DocumentRecord with a status, and problems become findings. A bundle that cannot
// be read at all (not a ZIP, unreadable folder) still yields a Submission, with
// `bundle_failed` set and the reason as a DOCUMENT_UNREADABLE finding.
//
// Thread safety: a Processor is immutable after create() except for its WorkerPool, so
// process_bundle must be called from one thread at a time; documents of a bundle (with
// several workers, the pages of a multi-page PDF) are loaded concurrently on the pool's
// workers.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "pipeline/core/submission.h"
#include "pipeline/emit/html.h"
#include "pipeline/intake/bundle.h"
#include "pipeline/load/loader.h"
#include "pipeline/load/ocr.h"

namespace shenbao {

class SchemaValidator;
class WorkerPool;

struct ProcessOptions {
  IntakeOptions intake;
  LoadOptions load;
  OcrOptions ocr;
  int jobs = 0;                       // workers; 0 = number of cores
  std::filesystem::path schemas_dir;  // empty: default_schemas_dir()
  std::string policy = "songjiang-2025";  // schemas/policy/<policy>.json
};

// Counters of one bundle (or, summed, of a run), for the run summary and --timings.
struct BundleStats {
  int documents = 0;
  int pages = 0;
  int ocr_pages = 0;
  int problems = 0;  // error-level findings
  // Wall seconds of intake, load, extract, judge (and, in a run's totals, output: writing
  // the bundle's files, ledger row and the run's index); load.text, load.render,
  // load.decode, load.ocr_prep, load.ocr, load.seal are the loader's steps
  // (LoadResult::stage_seconds) summed over workers, so with several jobs they can add up
  // to more than load.
  std::map<std::string, double> stage_seconds;
  void add(const BundleStats& other);
};

struct ProcessedBundle {
  Submission submission;
  BundleStats stats;
  bool bundle_failed = false;  // the bundle as a whole could not be read
  std::vector<PageThumbnail> thumbnails;  // page pictures for the report (report_thumbnails)
};

class Processor {
 public:
  // Loads schemas, patterns and policy, starts the worker pool. Errors are start-up
  // misconfiguration (missing schemas, a pattern that does not compile).
  static Result<std::unique_ptr<Processor>> create(const ProcessOptions& options);
  ~Processor();

  ProcessedBundle process_bundle(const std::filesystem::path& bundle_path);

  // The submission schema, to check what we write.
  const SchemaValidator& validator() const { return *validator_; }

 private:
  Processor() = default;
  struct Rules;
  ProcessOptions options_;
  std::shared_ptr<const SchemaValidator> validator_;
  std::unique_ptr<WorkerPool> pool_;
  std::shared_ptr<const Rules> rules_;
};

// The current year (UTC), for judging applications whose own date was not found.
int current_year();

// Current UTC time as ISO 8601 ("2026-11-28T15:30:00Z").
std::string utc_now_iso8601();

}  // namespace shenbao
