#include "pipeline/run/run.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "extractors/patterns.h"
#include "pipeline/core/text.h"
#include "pipeline/emit/html.h"
#include "pipeline/emit/outputs.h"
#include "pipeline/emit/submission_json.h"
#include "pipeline/run/ledger.h"
#include "pipeline/run/signals.h"

namespace shenbao {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string clock_hms() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

// Progress on stderr: a live line on a terminal, plain timestamped lines otherwise.
class Progress {
 public:
  Progress(ProgressMode mode, std::ostream& err, size_t total)
      : err_(err), total_(total), start_(std::chrono::steady_clock::now()) {
    live_ = mode == ProgressMode::kAuto && ::isatty(STDERR_FILENO);
    quiet_ = mode == ProgressMode::kQuiet;
  }
  void bundle_done(const std::string& source, const std::string& verdict, const BundleStats& s) {
    ++done_;
    ++processed_;
    totals_.add(s);
    if (quiet_) return;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    // Skipped bundles take no time: the estimate counts processed ones only.
    const double eta = elapsed / processed_ * static_cast<double>(total_ - done_);
    if (live_) {
      err_ << "\r\033[K[" << done_ << "/" << total_ << "] 文件 " << totals_.documents << " 页 "
           << totals_.pages << " OCR页 " << totals_.ocr_pages << " 用时 " << std::fixed
           << std::setprecision(0) << elapsed << "s 预计剩余 " << eta << "s" << std::flush;
    } else {
      err_ << clock_hms() << " [" << done_ << "/" << total_ << "] " << source << ": " << verdict
           << " (" << s.documents << " files, " << s.pages << " pages, " << s.ocr_pages << " OCR)"
           << std::endl;
    }
  }
  void bundle_skipped(const std::string& source, const std::string& why) {
    ++done_;
    if (quiet_) return;
    if (live_) err_ << "\r\033[K";
    err_ << clock_hms() << " [" << done_ << "/" << total_ << "] " << source << ": skipped, " << why
         << std::endl;
  }
  void finish() {
    if (live_ && !quiet_) err_ << "\n";
  }

 private:
  std::ostream& err_;
  size_t total_;
  size_t done_ = 0;  // processed or skipped
  size_t processed_ = 0;
  BundleStats totals_;
  std::chrono::steady_clock::time_point start_;
  bool live_ = false, quiet_ = false;
};

Lang lang_of(const std::string& lang) { return lang == "en" ? Lang::kEn : Lang::kZh; }

// An advisory lock on OUT/.lock (flock), held for the whole run or merge, so that two
// runs (a cron job and a manual one) never write the same OUT at once.
class OutLock {
 public:
  static Result<std::unique_ptr<OutLock>> acquire(const fs::path& out_dir) {
    const fs::path file = out_dir / ".lock";
    const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return Status::IoError("cannot open " + file.string());
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Status::IoError("another shenbao run is using " + out_dir.string() + " (" +
                             file.string() + " is locked)");
    }
    return std::unique_ptr<OutLock>(new OutLock(fd));
  }
  ~OutLock() { ::close(fd_); }  // closing releases the lock
  OutLock(const OutLock&) = delete;
  OutLock& operator=(const OutLock&) = delete;

 private:
  explicit OutLock(int fd) : fd_(fd) {}
  int fd_;
};

// The outputs write_file_atomic may leave behind as "<name>.tmp.<pid>" when killed.
bool is_stale_temporary(const std::string& name) {
  static const char* const kOutputs[] = {"submission.json", "report.html", "index.html",
                                         "submissions.jsonl", "summary.csv"};
  for (const char* output : kOutputs) {
    const std::string prefix = std::string(output) + ".tmp.";
    if (name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
        std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                    [](char c) { return c >= '0' && c <= '9'; })) {
      return true;
    }
  }
  return false;
}

// Removes stale temporaries in OUT and OUT/*/ (call with OUT's lock held). Returns how many.
int remove_stale_temporaries(const fs::path& out_dir) {
  int removed = 0;
  std::error_code ec;
  auto sweep = [&](const fs::path& dir) {
    std::error_code e;
    for (fs::directory_iterator it(dir, e), end; !e && it != end; it.increment(e)) {
      if (it->is_regular_file(e) && is_stale_temporary(it->path().filename().string())) {
        if (fs::remove(it->path(), e)) ++removed;
      }
    }
  };
  sweep(out_dir);
  for (fs::directory_iterator it(out_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e;
    if (it->is_directory(e) && !it->is_symlink(e)) sweep(it->path());
  }
  return removed;
}

// OUT/<id>/submission.json as JSON, or a discarded value when missing or broken.
json read_submission(const fs::path& out_dir, const std::string& id) {
  std::ifstream in(out_dir / id / "submission.json", std::ios::binary);
  if (!in) return json(json::value_t::discarded);
  std::stringstream ss;
  ss << in.rdbuf();
  json j = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("bundle") || !j["bundle"].is_object()) {
    return json(json::value_t::discarded);
  }
  return j;
}

std::string processed_at_of(const json& record) {
  const json* at = &record;
  for (const char* key : {"bundle", "processed_at"}) {
    if (!at->is_object() || !at->contains(key)) return {};
    at = &(*at)[key];
  }
  return at->is_string() ? at->get<std::string>() : std::string();
}

// The options that change what a run writes, spelled for rules_fingerprint. (Not --jobs,
// which changes only speed, nor --ocr-timeout, which changes results only for pages that
// time out: use --force after raising it.)
std::string result_settings(const RunOptions& o) {
  const ProcessOptions& p = o.process;
  std::ostringstream s;
  s << "policy=" << p.policy << ";lang=" << o.lang << ";ocr_language=" << p.ocr.language
    << ";max_entry_bytes=" << p.intake.max_entry_bytes
    << ";max_total_bytes=" << p.intake.max_total_bytes
    << ";max_compression_ratio=" << p.intake.max_compression_ratio
    << ";ratio_check_min_bytes=" << p.intake.ratio_check_min_bytes
    << ";max_entries=" << p.intake.max_entries << ";max_nesting=" << p.intake.max_nesting
    << ";min_text_chars=" << p.load.min_text_chars << ";ocr_dpi=" << p.load.ocr_dpi
    << ";scan_own_dpi=" << p.load.scan_own_dpi_min << "-" << p.load.scan_own_dpi_max
    << ";max_pages=" << p.load.max_pages << ";max_image_pixels=" << p.load.max_image_pixels
    << ";min_ocr_dpi=" << p.load.min_ocr_dpi << ";ocr_enabled=" << p.load.ocr_enabled;
  return s.str();
}

// Writes OUT/submissions.jsonl, summary.csv and index.html; reports each failure.
bool write_run_outputs(const fs::path& out_dir, const std::map<std::string, json>& records,
                       Lang lang, const ReportSchemas& schemas, std::ostream& err) {
  bool ok = true;
  for (Status st : {write_jsonl(out_dir, records), write_summary_csv(out_dir, records),
                    write_index_html(out_dir, records, lang, schemas)}) {
    if (!st.ok()) {
      err << "shenbao: " << st.ToString() << "\n";
      ok = false;
    }
  }
  return ok;
}

}  // namespace

bool in_shard(const std::string& source_name, int index, int count) {
  if (count <= 1) return true;
  const std::string hex = sha256_hex(source_name);
  const uint64_t head = std::stoull(hex.substr(0, 16), nullptr, 16);
  return static_cast<int>(head % static_cast<uint64_t>(count)) == index;
}

int run_inbox(const RunOptions& options, std::ostream& out, std::ostream& err) {
  Result<InboxListing> listing = list_inbox(options.inbox);
  if (!listing.ok()) {
    err << "shenbao: cannot read inbox " << options.inbox << ": " << listing.status().ToString()
        << "\n";
    return 2;
  }
  std::error_code ec;
  fs::create_directories(options.out, ec);
  if (ec || !fs::is_directory(options.out)) {
    err << "shenbao: cannot use output folder " << options.out << ": " << ec.message() << "\n";
    return 2;
  }
  auto lock = OutLock::acquire(options.out);
  if (!lock.ok()) {
    err << "shenbao: " << lock.status().ToString() << "\n";
    return 2;
  }
  remove_stale_temporaries(options.out);

  const fs::path schemas_dir =
      options.process.schemas_dir.empty() ? default_schemas_dir() : options.process.schemas_dir;
  auto processor = Processor::create(options.process);
  if (!processor.ok()) {
    err << "shenbao: " << processor.status().ToString() << "\n";
    return 2;
  }
  auto report_schemas = load_report_schemas(schemas_dir, options.process.policy);
  if (!report_schemas.ok()) {
    err << "shenbao: " << report_schemas.status().ToString() << "\n";
    return 2;
  }
  auto rules_hash =
      rules_fingerprint(schemas_dir, options.process.policy, result_settings(options));
  if (!rules_hash.ok()) {
    err << "shenbao: " << rules_hash.status().ToString() << "\n";
    return 2;
  }
  auto ledger = Ledger::open(options.out / "ledger.sqlite");
  if (!ledger.ok()) {
    err << "shenbao: " << ledger.status().ToString() << "\n";
    return 2;
  }
  const Lang lang = lang_of(options.lang);
  const std::string pipeline_version = SHENBAO_VERSION;

  std::vector<fs::path> bundles;
  for (const fs::path& p : listing->bundles) {
    if (in_shard(p.filename().string(), options.shard_index, options.shard_count)) {
      bundles.push_back(p);
    }
  }

  StopSignals stop;
  std::map<std::string, json> records = read_latest_records(options.out);
  Progress progress(options.progress, err, bundles.size());
  BundleStats totals;
  int failed = 0, skipped = 0, processed = 0;
  bool outputs_ok = true;
  std::map<std::string, int> verdicts;
  for (const fs::path& path : bundles) {
    if (stop.requested()) break;
    const std::string source = path.filename().string();
    const std::string id = make_bundle_id(source);
    const auto t0 = std::chrono::steady_clock::now();

    Result<std::string> fingerprint =
        bundle_fingerprint(path, options.process.intake.max_total_bytes);
    // A bundle that cannot even be fingerprinted is processed (and fails there, with its
    // reason in the record); its row carries an empty hash, so it is never skipped.
    const std::string content_hash = fingerprint.ok() ? fingerprint.value() : std::string();

    if (!options.force && !content_hash.empty()) {
      auto latest = ledger.value()->latest_for_source(source);
      if (!latest.ok()) {
        err << "shenbao: " << latest.status().ToString() << "\n";
        return 2;
      }
      std::optional<std::string> why;
      if (latest.value().has_value()) {
        why = is_unchanged(*latest.value(), content_hash, rules_hash.value(), pipeline_version);
      }
      json previous = why ? read_submission(options.out, id) : json();
      // The record on disk must be this source's (two names can make one bundle id).
      const bool ours = why && previous.is_object() && previous.contains("bundle") &&
                        previous["bundle"].is_object() &&
                        previous["bundle"].value("source", json()) == json(source);
      if (ours) {
        // The record on disk is the latest (the jsonl may predate a killed run).
        const json v = previous.value("verdict", json());
        const std::string verdict = v.is_string() ? v.get<std::string>() : std::string();
        if (!fs::exists(options.out / id / "report.html")) {
          if (Status st =
                  write_report_html(options.out, previous, lang, {}, report_schemas.value());
              !st.ok()) {
            err << "shenbao: " << st.ToString() << "\n";
          }
        }
        records[id] = std::move(previous);
        verdicts[verdict] += 1;
        ++skipped;
        progress.bundle_skipped(source, *why);
        continue;
      }
    }

    ProcessedBundle pb = processor.value()->process_bundle(path);
    const auto output_start = std::chrono::steady_clock::now();  // to_json, schema check, files
    const json record = to_json(pb.submission);
    for (const std::string& problem : processor.value()->validator().validate(record)) {
      // A record that breaks our own contract is a bug; say so loudly, still write it.
      err << "shenbao: BUG: " << pb.submission.bundle.id << " violates the schema: " << problem
          << "\n";
    }
    LedgerRow row;
    row.source = source;
    row.bundle_id = pb.submission.bundle.id;
    row.content_hash = content_hash;
    row.pipeline_version = pipeline_version;
    row.rules_hash = rules_hash.value();
    row.verdict = pb.submission.verdict;
    row.processed_at = pb.submission.bundle.processed_at;
    row.stage_seconds = pb.stats.stage_seconds;
    if (Status st = write_submission(options.out, record); st.ok()) {
      row.outputs.push_back(row.bundle_id + "/submission.json");
      if (Status r = write_report_html(options.out, record, lang, pb.thumbnails,
                                       report_schemas.value());
          r.ok()) {
        row.outputs.push_back(row.bundle_id + "/report.html");
      } else {
        err << "shenbao: " << r.ToString() << "\n";
        pb.bundle_failed = true;
      }
    } else {
      err << "shenbao: " << st.ToString() << "\n";
      pb.bundle_failed = true;
    }
    row.status = pb.bundle_failed ? "failed" : "ok";
    row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    // Recorded only now that its outputs are on disk: a crash before this line means the
    // bundle is processed again next time.
    if (Status st = ledger.value()->record(row); !st.ok()) {
      err << "shenbao: " << st.ToString() << "\n";
      outputs_ok = false;
    }
    records[pb.submission.bundle.id] = record;
    pb.stats.stage_seconds["output"] +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - output_start).count();
    if (pb.bundle_failed) ++failed;
    ++processed;
    verdicts[pb.submission.verdict] += 1;
    totals.add(pb.stats);
    progress.bundle_done(pb.submission.bundle.source, pb.submission.verdict, pb.stats);
  }
  progress.finish();

  const auto run_outputs_start = std::chrono::steady_clock::now();
  if (!write_run_outputs(options.out, records, lang, report_schemas.value(), err))
    outputs_ok = false;
  totals.stage_seconds["output"] +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - run_outputs_start).count();

  out << "bundles: " << bundles.size() << " (" << processed << " processed, " << skipped
      << " unchanged, " << failed << " unreadable)\n";
  if (options.shard_count > 1) {
    out << "shard: " << options.shard_index << "/" << options.shard_count << " (" << bundles.size()
        << " of " << listing->bundles.size() << " bundles in INBOX)\n";
  }
  for (const fs::path& p : listing->not_bundles) {
    out << "not a bundle: " << p.filename().string() << "\n";
  }
  out << "documents: " << totals.documents << "\n"
      << "pages: " << totals.pages << " (" << totals.ocr_pages << " OCR)\n"
      << "problems: " << totals.problems << " error-level findings\n"
      << "verdicts:";
  for (const auto& [v, n] : verdicts) out << " " << v << "=" << n;
  out << "\noutputs: " << options.out.string() << "\n";
  if (options.timings) {
    out << "timings (s):";
    for (const auto& [stage, secs] : totals.stage_seconds) {
      out << " " << stage << "=" << std::fixed << std::setprecision(3) << secs;
    }
    out << "\n";
  }
  if (stop.requested()) {
    const size_t left = bundles.size() - static_cast<size_t>(processed + skipped);
    out << "stopped: " << (stop.signal_number() == SIGINT ? "SIGINT" : "SIGTERM") << " after "
        << processed + skipped << " of " << bundles.size() << " bundles (" << left
        << " left for the next run)\n";
    return stop.exit_status();
  }
  if (!outputs_ok) return 2;
  return failed > 0 ? 1 : 0;
}

namespace {

// Records of one output folder: its jsonl lines overlaid with every OUT/<id>/submission.json.
std::map<std::string, json> records_of_folder(const fs::path& dir) {
  std::map<std::string, json> records = read_latest_records(dir);
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e;
    if (!it->is_directory(e) || it->is_symlink(e)) continue;
    const std::string id = it->path().filename().string();
    json j = read_submission(dir, id);
    if (j.is_discarded()) continue;
    auto& slot = records[id];
    if (slot.is_null() || processed_at_of(j) >= processed_at_of(slot)) slot = std::move(j);
  }
  return records;
}

// Copies the regular files of from/ into to/ (created), each atomically; temporaries and
// sub-folders are left out. Returns the first error.
Status copy_bundle_folder(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec) return Status::IoError("cannot create " + to.string() + ": " + ec.message());
  for (fs::directory_iterator it(from, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code e;
    if (!it->is_regular_file(e) || it->is_symlink(e)) continue;
    const std::string name = it->path().filename().string();
    if (is_stale_temporary(name)) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) return Status::IoError("cannot read " + it->path().string());
    if (Status st = write_file_atomic(to / name, ss.str()); !st.ok()) return st;
  }
  if (ec) return Status::IoError("cannot list " + from.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

int merge_outputs(const MergeOptions& options, std::ostream& out, std::ostream& err) {
  if (options.inputs.empty()) {
    err << "shenbao: merge needs at least one input folder\n";
    return 2;
  }
  std::error_code ec;
  fs::create_directories(options.out, ec);
  if (ec || !fs::is_directory(options.out)) {
    err << "shenbao: cannot use output folder " << options.out << ": " << ec.message() << "\n";
    return 2;
  }
  for (const fs::path& in : options.inputs) {
    if (fs::equivalent(in, options.out, ec)) {
      err << "shenbao: the merged folder " << options.out << " cannot also be an input\n";
      return 2;
    }
  }
  auto lock = OutLock::acquire(options.out);
  if (!lock.ok()) {
    err << "shenbao: " << lock.status().ToString() << "\n";
    return 2;
  }
  remove_stale_temporaries(options.out);
  const fs::path schemas_dir =
      options.schemas_dir.empty() ? default_schemas_dir() : options.schemas_dir;
  auto report_schemas = load_report_schemas(schemas_dir, options.policy);
  if (!report_schemas.ok()) {
    err << "shenbao: " << report_schemas.status().ToString() << "\n";
    return 2;
  }
  auto ledger = Ledger::open(options.out / "ledger.sqlite");
  if (!ledger.ok()) {
    err << "shenbao: " << ledger.status().ToString() << "\n";
    return 2;
  }

  // The target's own records compete too, so that merging every night into one OUT keeps
  // bundles no shard processed tonight.
  std::map<std::string, json> records = records_of_folder(options.out);
  std::map<std::string, size_t> winner;  // id → index of the input whose folder is copied
  int input_errors = 0, rows_added = 0;
  for (size_t i = 0; i < options.inputs.size(); ++i) {
    const fs::path& in = options.inputs[i];
    if (!fs::is_directory(in, ec)) {
      err << "shenbao: not a folder: " << in << "\n";
      ++input_errors;
      continue;
    }
    auto source = Ledger::open_read_only(in / "ledger.sqlite");
    if (source.ok()) {
      auto rows = source.value()->all_rows();
      auto added =
          rows.ok() ? ledger.value()->import_rows(rows.value()) : Result<int>(rows.status());
      if (added.ok()) {
        rows_added += added.value();
      } else {
        err << "shenbao: " << in << ": " << added.status().ToString() << "\n";
        ++input_errors;
      }
    } else {
      err << "shenbao: " << in << ": " << source.status().ToString() << "\n";
      ++input_errors;
    }
    for (auto& [id, record] : records_of_folder(in)) {
      auto& slot = records[id];
      if (slot.is_null() || processed_at_of(record) >= processed_at_of(slot)) {
        slot = std::move(record);
        winner[id] = i;
      }
    }
  }
  int copied = 0;
  bool outputs_ok = true;
  for (const auto& [id, index] : winner) {
    const fs::path from = options.inputs[index] / id;
    if (!fs::is_directory(from, ec)) continue;  // a jsonl line whose folder is gone
    if (Status st = copy_bundle_folder(from, options.out / id); !st.ok()) {
      err << "shenbao: " << st.ToString() << "\n";
      outputs_ok = false;
      continue;
    }
    ++copied;
  }
  if (!write_run_outputs(options.out, records, lang_of(options.lang), report_schemas.value(),
                         err)) {
    outputs_ok = false;
  }
  out << "merged: " << options.inputs.size() << " folders, " << records.size() << " bundles ("
      << copied << " copied), " << rows_added << " ledger rows added\n"
      << "outputs: " << options.out.string() << "\n";
  if (!outputs_ok) return 2;
  return input_errors > 0 ? 1 : 0;
}

int check_bundle(const fs::path& bundle, const ProcessOptions& options, std::ostream& out,
                 std::ostream& err) {
  std::error_code ec;
  if (!fs::exists(bundle, ec)) {
    err << "shenbao: no such bundle: " << bundle << "\n";
    return 2;
  }
  auto processor = Processor::create(options);
  if (!processor.ok()) {
    err << "shenbao: " << processor.status().ToString() << "\n";
    return 2;
  }
  ProcessedBundle pb = processor.value()->process_bundle(bundle);
  out << to_json(pb.submission).dump(2) << "\n";
  return pb.bundle_failed ? 1 : 0;
}

int validate_file(const fs::path& file, const fs::path& schemas_dir, std::ostream& out,
                  std::ostream& err) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    err << "shenbao: cannot open " << file << "\n";
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    err << file.string() << ": not JSON\n";
    return 1;
  }
  const fs::path dir = schemas_dir.empty() ? default_schemas_dir() : schemas_dir;
  auto validator = SchemaValidator::load(dir / "submission.schema.json");
  if (!validator.ok()) {
    err << "shenbao: " << validator.status().ToString() << "\n";
    return 2;
  }
  const auto problems = validator.value()->validate(doc);
  for (const std::string& p : problems) err << file.string() << ": " << p << "\n";
  if (problems.empty()) out << file.string() << ": valid\n";
  return problems.empty() ? 0 : 1;
}

}  // namespace shenbao
