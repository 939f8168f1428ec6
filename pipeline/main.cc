// shenbao (申报): reads Songjiang smart-computing subsidy application bundles and tells
// reviewers what each holds, lacks and may be awarded. See README.md and contract.md.
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>

#include <unistd.h>

#include <CLI/CLI.hpp>

#include "pipeline/run/run.h"

namespace {

// Options shared by `run` and `check`.
void add_process_options(CLI::App& cmd, shenbao::ProcessOptions& o) {
  cmd.add_option("--jobs,-j", o.jobs, "worker threads (default: number of cores)")
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--schemas", o.schemas_dir, "folder of schemas, patterns and policies")
      ->check(CLI::ExistingDirectory);
  cmd.add_option("--policy", o.policy, "policy edition under schemas/policy/")
      ->default_val(o.policy);
  cmd.add_option("--tessdata", o.ocr.tessdata_dir, "Tesseract traineddata folder")
      ->check(CLI::ExistingDirectory);
  cmd.add_option("--ocr-timeout", o.ocr.page_timeout_ms, "OCR deadline per page, ms")
      ->default_val(o.ocr.page_timeout_ms);
  cmd.add_option("--max-pages", o.load.max_pages, "pages read per document")
      ->default_val(o.load.max_pages);
  cmd.add_option("--max-image-pixels", o.load.max_image_pixels,
                 "width x height of one image or rendered page; larger images are refused")
      ->default_val(o.load.max_image_pixels)
      ->check(CLI::PositiveNumber);
  cmd.add_flag_callback(
      "--no-ocr", [&o] { o.load.ocr_enabled = false; },
      "never OCR: text layers and native documents only (quick checks)");
  // Limits for untrusted archives and folders (pipeline/intake/bundle.h).
  cmd.add_option("--max-entry-bytes", o.intake.max_entry_bytes,
                 "largest file of a bundle, uncompressed, bytes")
      ->default_val(o.intake.max_entry_bytes)
      ->check(CLI::PositiveNumber);
  cmd.add_option("--max-bundle-bytes", o.intake.max_total_bytes,
                 "all files of one bundle together, uncompressed, bytes")
      ->default_val(o.intake.max_total_bytes)
      ->check(CLI::PositiveNumber);
  cmd.add_option("--max-compression-ratio", o.intake.max_compression_ratio,
                 "uncompressed/compressed size of one ZIP entry (zip bombs)")
      ->default_val(o.intake.max_compression_ratio)
      ->check(CLI::PositiveNumber);
  cmd.add_option("--max-entries", o.intake.max_entries, "files of one archive or folder")
      ->default_val(o.intake.max_entries)
      ->check(CLI::PositiveNumber);
  cmd.add_option("--max-nesting", o.intake.max_nesting,
                 "ZIPs inside ZIPs opened this deep (0: none)")
      ->default_val(o.intake.max_nesting)
      ->check(CLI::NonNegativeNumber);
}

// "K/N" with 0 <= K < N into index and count; false when malformed.
bool parse_shard(const std::string& text, int& index, int& count) {
  int k = -1, n = 0;
  char slash = 0;
  std::istringstream in(text);
  if (!(in >> k >> slash >> n) || slash != '/' || n < 1 || k < 0 || k >= n) return false;
  std::string rest;
  if (in >> rest) return false;
  index = k;
  count = n;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Tesseract's OpenMP would oversubscribe our own workers (and its idle threads spin):
  // one thread per engine. The OpenMP runtime reads OMP_* when it is loaded, before main,
  // so setting the variable now is too late for this process: start again with it set
  // (once; a limit the user set is kept; if exec fails, go on with OpenMP's defaults).
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    setenv("OMP_THREAD_LIMIT", "1", /*overwrite=*/0);
    execv("/proc/self/exe", argv);
  }

  CLI::App app{"shenbao (申报): 松江区智算服务业专项支持申报材料初审流水线"};
  app.set_version_flag("--version", std::string("shenbao ") + SHENBAO_VERSION);
  app.require_subcommand(1);

  shenbao::RunOptions run;
  std::string shard;
  bool quiet = false, plain = false;
  CLI::App* run_cmd = app.add_subcommand("run", "process every new bundle of INBOX into OUT");
  run_cmd->add_option("INBOX", run.inbox, "folder of bundles (*.zip files and folders)")
      ->required();
  run_cmd->add_option("--out,-o", run.out, "output folder")->required();
  run_cmd->add_option("--shard", shard,
                      "K/N: process the K-th of N shares of the inbox (0-based; by bundle name; "
                      "default: env SHENBAO_SHARD, else all)");
  run_cmd->add_flag("--force", run.force, "reprocess bundles already in the ledger");
  run_cmd->add_option("--lang", run.lang, "reviewer language")
      ->check(CLI::IsMember({"zh", "en"}))
      ->default_val("zh");
  run_cmd->add_flag("--quiet,-q", quiet, "no progress output");
  run_cmd->add_flag("--plain", plain, "progress as plain lines even on a terminal");
  run_cmd->add_flag("--timings", run.timings, "print per-stage timings");
  add_process_options(*run_cmd, run.process);

  shenbao::ProcessOptions check;
  std::string check_bundle;
  CLI::App* check_cmd = app.add_subcommand("check", "process one bundle, print submission.json");
  check_cmd->add_option("BUNDLE", check_bundle, "a ZIP file or a folder")->required();
  add_process_options(*check_cmd, check);

  shenbao::MergeOptions merge;
  CLI::App* merge_cmd = app.add_subcommand(
      "merge", "merge per-shard output folders (ledgers, latest records, bundle folders)");
  merge_cmd->add_option("INPUTS", merge.inputs, "output folders of `shenbao run --shard`")
      ->required()
      ->check(CLI::ExistingDirectory);
  merge_cmd->add_option("--out,-o", merge.out, "the merged output folder")->required();
  merge_cmd->add_option("--lang", merge.lang, "reviewer language of index.html")
      ->check(CLI::IsMember({"zh", "en"}))
      ->default_val("zh");
  merge_cmd->add_option("--schemas", merge.schemas_dir, "folder of schemas")
      ->check(CLI::ExistingDirectory);
  merge_cmd->add_option("--policy", merge.policy, "policy edition under schemas/policy/")
      ->default_val(merge.policy);

  std::string validate_path;
  std::string validate_schemas;
  CLI::App* validate_cmd =
      app.add_subcommand("validate", "check a submission.json against the schema");
  validate_cmd->add_option("FILE", validate_path, "submission.json")->required();
  validate_cmd->add_option("--schemas", validate_schemas, "folder of schemas");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;  // the contract: 2 for bad usage
  }

  if (*run_cmd) {
    // --shard wins over SHENBAO_SHARD (set by deploy/k8s-indexed-job.yaml).
    if (shard.empty()) {
      if (const char* env = std::getenv("SHENBAO_SHARD"); env && *env) shard = env;
    }
    if (!shard.empty() && !parse_shard(shard, run.shard_index, run.shard_count)) {
      std::cerr << "shenbao: --shard (or SHENBAO_SHARD) wants K/N with 0 <= K < N, got " << shard
                << "\n";
      return 2;
    }
    run.progress = quiet   ? shenbao::ProgressMode::kQuiet
                   : plain ? shenbao::ProgressMode::kLines
                           : shenbao::ProgressMode::kAuto;
    return shenbao::run_inbox(run, std::cout, std::cerr);
  }
  if (*merge_cmd) return shenbao::merge_outputs(merge, std::cout, std::cerr);
  if (*check_cmd) return shenbao::check_bundle(check_bundle, check, std::cout, std::cerr);
  if (*validate_cmd) {
    return shenbao::validate_file(validate_path, validate_schemas, std::cout, std::cerr);
  }
  return 2;
}
