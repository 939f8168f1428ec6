// shenbao_eval: scores a pipeline run (OUT/<bundle id>/submission.json) against the ground
// truth (samples/expected/*.json, see samples/EXPECTED_FORMAT.md).
//
// Every figure is a count of scored items and how many of them the output got right; figures
// of several bundles add up (micro-averages). What each figure means is in tests/eval/README.md.
//
//   auto run = shenbao::eval::evaluate("samples/expected", "out");
//   if (!run.ok()) { /* run.status(): the dirs could not be read */ }
//   std::cout << shenbao::eval::format_summary(run->summary);
//   double r = run->summary.ratio("fields.all");
//
// Scoring rules in one place (values of the output are compared with those of the ground truth):
// - a key absent from the ground truth is not scored; a key absent from the output reads as
//   null; an expected null needs a null (or absent, or empty) output;
// - strings are equal after normalise_for_compare (width folding, white space dropped);
// - integers (money in fen, years, counts) must be integers and equal; shares (an expected
//   floating-point number or a key ending in "_share") may differ by kShareTolerance;
// - arrays of scalars compare as sets; arrays of objects (investment rows) as multisets of the
//   objects without their "item" (the free-text name is not scored);
// - a bundle without a readable output scores 0 on every item, even where null was expected.
//
// Thread safety: pure functions and plain values; nothing is shared.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace shenbao::eval {

// How far an output share (hardware_share) may be from the expected one.
inline constexpr double kShareTolerance = 1e-4;

// The one figure that counts bad events (lower is better): bundles whose output calls a wrong
// code valid. Every other figure counts right answers.
inline constexpr std::string_view kWrongCodeReportedValid = "uscc.wrong_code_reported_valid";

// `correct` of `total` scored items; ratio() is 0 when nothing was scored (check total).
struct Figure {
  int64_t correct = 0;
  int64_t total = 0;
  double ratio() const { return total == 0 ? 0.0 : static_cast<double>(correct) / total; }
};

// Named figures. A figure exists once something touched it, possibly with total 0 (a precision
// with nothing predicted), so that a summary lists the same names for a good and a bad run.
class Scorecard {
 public:
  // One scored item, right or wrong.
  void add(const std::string& name, bool right) { add_counts(name, right ? 1 : 0, 1); }
  // Several items at once (set intersections); add_counts(name, 0, 0) only creates the figure.
  void add_counts(const std::string& name, int64_t correct, int64_t total);
  // Adds every figure of `other` to this one (bundles into a run).
  void merge(const Scorecard& other);

  bool has(const std::string& name) const { return figures_.count(name) != 0; }
  // The figure, or an empty one (0 of 0) when it does not exist.
  Figure get(const std::string& name) const;
  double ratio(const std::string& name) const { return get(name).ratio(); }
  const std::map<std::string, Figure>& figures() const { return figures_; }

  // {name: {correct, total, ratio}}; kWrongCodeReportedValid also carries "lower_is_better".
  nlohmann::json to_json() const;

 private:
  std::map<std::string, Figure> figures_;
};

// Why a bundle has or lacks an output.
enum class OutputState {
  kFound,        // OUT/<bundle id>/submission.json (or one whose bundle.source matches) read
  kMissing,      // no submission.json for this bundle
  kUnparseable,  // a submission.json exists but is not a JSON object
};

struct BundleScore {
  std::string bundle_id;                // from the ground truth (or derived from its source)
  std::filesystem::path expected_file;  // the ground-truth file scored
  std::filesystem::path output_file;    // the submission.json used; empty when none
  OutputState output = OutputState::kMissing;
  Scorecard card;                   // this bundle's figures
  std::vector<std::string> misses;  // one line per item the output got wrong
};

struct EvalRun {
  std::vector<BundleScore> bundles;  // sorted by ground-truth file name
  Scorecard summary;                 // all bundles merged
};

// Scores one bundle. `output` is the parsed submission.json, or nullptr when there is none
// (then every item is wrong). `misses`, when given, receives a line per wrong item
// ("extracted.audit.revenue_fen: expected 150000000, got 150000001").
Scorecard score_bundle(const nlohmann::json& expected, const nlohmann::json* output,
                       std::vector<std::string>* misses = nullptr);

// Scores every ground-truth file EXPECTED_DIR/*.json (an object with "source" or "bundle_id";
// other JSON files are skipped) against OUT_DIR/<bundle id>/submission.json, falling back to
// the output whose bundle.source equals the expected source. Fails with kNotFound/kIoError
// when a directory cannot be listed, kCorrupt when a ground-truth file is not JSON, and
// kInvalidArgument when EXPECTED_DIR holds no ground truth at all. Outputs that are missing or
// broken are not failures: they score 0.
Result<EvalRun> evaluate(const std::filesystem::path& expected_dir,
                         const std::filesystem::path& out_dir);

// The bundle id the contract derives from an inbox name: ".zip" dropped (any case), '/', '\\',
// control characters and leading dots replaced by '_'; never empty. Used only when a
// ground-truth file has no "bundle_id".
std::string bundle_id_for_source(std::string_view source);

// Whether an output value matches an expected leaf (the rules above). `key` is the leaf's own
// name, which decides the share tolerance; `output` nullptr means absent.
bool leaf_matches(std::string_view key, const nlohmann::json& expected,
                  const nlohmann::json* output);

// Plain-text tables for a terminal (CJK counted two columns wide).
// The run's headline figures, then every field, then every finding code.
std::string format_summary(const Scorecard& summary);
// One row per bundle with its main figures, and under it each item it got wrong.
std::string format_per_bundle(const EvalRun& run);

}  // namespace shenbao::eval
