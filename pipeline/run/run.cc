#include "pipeline/run/run.h"

#include <unistd.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "extractors/patterns.h"
#include "pipeline/emit/outputs.h"
#include "pipeline/emit/submission_json.h"

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
    totals_.add(s);
    if (quiet_) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double eta = done_ ? elapsed / done_ * (total_ - done_) : 0;
    if (live_) {
      err_ << "\r\033[K[" << done_ << "/" << total_ << "] 文件 " << totals_.documents << " 页 "
           << totals_.pages << " OCR页 " << totals_.ocr_pages << " 用时 " << std::fixed
           << std::setprecision(0) << elapsed << "s 预计剩余 " << eta << "s" << std::flush;
    } else {
      err_ << clock_hms() << " [" << done_ << "/" << total_ << "] " << source << ": " << verdict
           << " (" << s.documents << " files, " << s.pages << " pages, " << s.ocr_pages
           << " OCR)" << std::endl;
    }
  }
  void finish() {
    if (live_ && !quiet_) err_ << "\n";
  }

 private:
  std::ostream& err_;
  size_t total_;
  size_t done_ = 0;
  BundleStats totals_;
  std::chrono::steady_clock::time_point start_;
  bool live_ = false, quiet_ = false;
};

}  // namespace

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
  auto processor = Processor::create(options.process);
  if (!processor.ok()) {
    err << "shenbao: " << processor.status().ToString() << "\n";
    return 2;
  }

  std::map<std::string, json> records = read_latest_records(options.out);
  const auto& bundles = listing->bundles;
  Progress progress(options.progress, err, bundles.size());
  BundleStats totals;
  int failed = 0;
  std::map<std::string, int> verdicts;
  for (const fs::path& path : bundles) {
    ProcessedBundle pb = processor.value()->process_bundle(path);
    const json record = to_json(pb.submission);
    for (const std::string& problem : processor.value()->validator().validate(record)) {
      // A record that breaks our own contract is a bug; say so loudly, still write it.
      err << "shenbao: BUG: " << pb.submission.bundle.id << " violates the schema: " << problem
          << "\n";
    }
    if (Status st = write_submission(options.out, record); !st.ok()) {
      err << "shenbao: " << st.ToString() << "\n";
      pb.bundle_failed = true;
    }
    records[pb.submission.bundle.id] = record;
    if (pb.bundle_failed) ++failed;
    verdicts[pb.submission.verdict] += 1;
    totals.add(pb.stats);
    progress.bundle_done(pb.submission.bundle.source, pb.submission.verdict, pb.stats);
  }
  progress.finish();

  bool outputs_ok = true;
  for (Status st : {write_jsonl(options.out, records), write_summary_csv(options.out, records)}) {
    if (!st.ok()) {
      err << "shenbao: " << st.ToString() << "\n";
      outputs_ok = false;
    }
  }

  out << "bundles: " << bundles.size() << " (" << failed << " unreadable)\n";
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
  if (!outputs_ok) return 2;
  return failed > 0 ? 1 : 0;
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
