// The scorer's rules, pinned on small synthetic ground truth (tests/eval/eval_fixture.h).
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/eval/eval_fixture.h"
#include "tests/eval/score.h"

using namespace shenbao::eval;
using namespace shenbao::eval::testing;

namespace {

// Names of figures that count predictions (total 0 when nothing was predicted).
bool is_precision(const std::string& name) {
  return name.size() >= 10 && name.compare(name.size() - 10, 10, ".precision") == 0;
}

EvalRun evaluate_ok(const std::filesystem::path& expected, const std::filesystem::path& out) {
  auto run = evaluate(expected, out);
  REQUIRE_MESSAGE(run.ok(), run.status().ToString());
  return std::move(run).value();
}

void check_figure(const Scorecard& card, const std::string& name, int64_t correct, int64_t total) {
  INFO(name);
  REQUIRE(card.has(name));
  CHECK(card.get(name).correct == correct);
  CHECK(card.get(name).total == total);
}

const json kNull;

}  // namespace

TEST_CASE("self-scored synthetic ground truth reads 1.0 on every figure") {
  TempDir expected, out;
  write_synthetic_expected(expected.path());
  write_perfect_outputs(expected.path(), out.path());
  const EvalRun run = evaluate_ok(expected.path(), out.path());

  REQUIRE(run.bundles.size() == 2);
  for (const auto& b : run.bundles) {
    CHECK(b.output == OutputState::kFound);
    CHECK(b.misses.empty());
  }
  for (const auto& [name, f] : run.summary.figures()) {
    INFO(name);
    if (name == kWrongCodeReportedValid) {
      CHECK(f.correct == 0);
      CHECK(f.total == 2);
      continue;
    }
    CHECK(f.total > 0);
    CHECK(f.ratio() == 1.0);
  }
  // The hand counts of eval_fixture.h: every kind of figure is there with its full total.
  check_figure(run.summary, "bundles.output_found", 2, 2);
  check_figure(run.summary, "fields.all", 47, 47);
  check_figure(run.summary, "fields.applicant", 12, 12);
  check_figure(run.summary, "fields.license", 8, 8);
  check_figure(run.summary, "fields.application", 6, 6);
  check_figure(run.summary, "fields.credit", 3, 3);
  check_figure(run.summary, "fields.audit", 7, 7);
  check_figure(run.summary, "fields.investment", 4, 4);
  check_figure(run.summary, "fields.project", 2, 2);
  check_figure(run.summary, "fields.filing", 2, 2);
  check_figure(run.summary, "fields.adaptation", 2, 2);
  check_figure(run.summary, "fields.security", 1, 1);
  check_figure(run.summary, "field.extracted.audit.total_assets_fen", 1, 1);
  check_figure(run.summary, "field.applicant.name", 2, 2);
  check_figure(run.summary, "uscc.exact", 2, 2);
  check_figure(run.summary, "documents.listed", 7, 7);
  check_figure(run.summary, "documents.status", 7, 7);
  check_figure(run.summary, "material.documents", 7, 7);
  check_figure(run.summary, "material.sections", 2, 2);
  check_figure(run.summary, "seal.document.precision", 3, 3);
  check_figure(run.summary, "seal.document.recall", 3, 3);
  check_figure(run.summary, "seal.page.precision", 4, 4);
  check_figure(run.summary, "seal.page.recall", 4, 4);
  check_figure(run.summary, "findings.recall", 4, 4);
  check_figure(run.summary, "findings.precision", 4, 4);
  check_figure(run.summary, "findings.details", 1, 1);
  check_figure(run.summary, "finding.MATERIAL_MISSING.recall", 1, 1);
  check_figure(run.summary, "verdict", 2, 2);
  check_figure(run.summary, "category", 2, 2);
  check_figure(run.summary, "award.exact", 2, 2);
}

TEST_CASE("an empty output directory scores 0 everywhere but keeps the totals") {
  TempDir expected, out;
  write_synthetic_expected(expected.path());
  const EvalRun run = evaluate_ok(expected.path(), out.path());

  REQUIRE(run.bundles.size() == 2);
  for (const auto& b : run.bundles) CHECK(b.output == OutputState::kMissing);
  CHECK(run.summary.figures().size() > 30);
  for (const auto& [name, f] : run.summary.figures()) {
    INFO(name);
    CHECK(f.correct == 0);
    CHECK(f.ratio() == 0.0);
    if (is_precision(name)) {
      CHECK(f.total == 0);  // nothing was predicted
    } else {
      CHECK(f.total > 0);
    }
  }
  check_figure(run.summary, "fields.all", 0, 47);
  check_figure(run.summary, "seal.document.recall", 0, 3);
  check_figure(run.summary, "findings.recall", 0, 4);
  check_figure(run.summary, "seal.document.precision", 0, 0);
}

TEST_CASE("one wrong field, one missing finding and one false seal give the exact ratios") {
  TempDir expected, out;
  write_synthetic_expected(expected.path());

  json a = perfect_output(bundle_a());
  a["extracted"]["audit"]["revenue_fen"] = 150000001;  // one fen off
  write_json(out.path() / "申报-松江甲智能科技" / "submission.json", a);

  json b = perfect_output(bundle_b());
  json kept = json::array();
  for (const auto& f : b["findings"]) {
    if (f["code"] != "MATERIAL_MISSING") kept.push_back(f);
  }
  b["findings"] = kept;
  b["documents"][2]["sealed"] = true;  // 投资明细.xlsx carries no seal
  b["documents"][2]["seal_pages"] = {1};
  write_json(out.path() / "松江乙数据服务" / "submission.json", b);

  const EvalRun run = evaluate_ok(expected.path(), out.path());
  const Scorecard& s = run.summary;
  check_figure(s, "fields.all", 46, 47);
  check_figure(s, "fields.audit", 6, 7);
  check_figure(s, "field.extracted.audit.revenue_fen", 0, 1);
  check_figure(s, "fields.applicant", 12, 12);
  check_figure(s, "findings.recall", 3, 4);
  check_figure(s, "findings.precision", 3, 3);
  check_figure(s, "finding.MATERIAL_MISSING.recall", 0, 1);
  check_figure(s, "seal.document.precision", 3, 4);
  check_figure(s, "seal.document.recall", 3, 3);
  check_figure(s, "seal.page.precision", 4, 5);
  check_figure(s, "seal.page.recall", 4, 4);
  check_figure(s, "verdict", 2, 2);
  check_figure(s, "material.documents", 7, 7);
  CHECK(s.ratio("fields.all") == doctest::Approx(46.0 / 47.0));
  CHECK(s.ratio("seal.document.precision") == doctest::Approx(0.75));

  // The per-bundle view names each wrong item.
  REQUIRE(run.bundles.size() == 2);
  const auto& misses_b =
      run.bundles[0].bundle_id == "松江乙数据服务" ? run.bundles[0].misses : run.bundles[1].misses;
  CHECK(misses_b.size() == 3);  // the finding, the sealed flag, the seal pages
  const std::string table = format_per_bundle(run);
  CHECK(table.find("extracted.audit.revenue_fen: expected 150000000, got 150000001") !=
        std::string::npos);
  CHECK(table.find("finding MATERIAL_MISSING: missing") != std::string::npos);
}

TEST_CASE("strings match after width folding and white-space removal") {
  const json half_width = "上海某某科技有限公司 (松江)";
  CHECK(leaf_matches("name", json("上海某某科技有限公司（松江）"), &half_width));
  const json full_width = "９１３１０１１７ＭＡ１Ｊ２Ｑ４Ｋ７Ａ";
  CHECK(leaf_matches("uscc", json("91310117MA1J2Q4K7A"), &full_width));
  const json other = "91310117MA1J2Q4K7B";
  CHECK_FALSE(leaf_matches("uscc", json("91310117MA1J2Q4K7A"), &other));
  const json number = 2024;
  CHECK_FALSE(leaf_matches("fiscal_year", json("2024"), &number));
}

TEST_CASE("money must be an equal integer in fen") {
  const json same = 1200000000, off_by_one = 1200000001, as_float = 1200000000.0,
             as_text = "12000000.00";
  CHECK(leaf_matches("requested_fen", json(1200000000), &same));
  CHECK_FALSE(leaf_matches("requested_fen", json(1200000000), &off_by_one));
  CHECK_FALSE(leaf_matches("requested_fen", json(1200000000), &as_float));
  CHECK_FALSE(leaf_matches("requested_fen", json(1200000000), &as_text));
  const json negative = -500;  // a loss in the audit
  CHECK(leaf_matches("net_profit_fen", json(-500), &negative));
}

TEST_CASE("hardware_share matches within 1e-4 and no further") {
  const json near = 0.25009, far = 0.2502, zero_int = 0, zero_float = 0.0;
  CHECK(leaf_matches("hardware_share", json(0.25), &near));
  CHECK_FALSE(leaf_matches("hardware_share", json(0.25), &far));
  // An integral share in the ground truth still takes the tolerance.
  CHECK(leaf_matches("hardware_share", json(0), &zero_float));
  CHECK(leaf_matches("hardware_share", json(0.0), &zero_int));
}

TEST_CASE("an expected null needs a null or absent output") {
  const json null_out, zero = 0, empty_obj = json::object(), filled = {{"product_name", "x"}};
  CHECK(leaf_matches("security", kNull, nullptr));
  CHECK(leaf_matches("security", kNull, &null_out));
  CHECK(leaf_matches("security", kNull, &empty_obj));
  CHECK_FALSE(leaf_matches("max_award_fen", kNull, &zero));
  CHECK_FALSE(leaf_matches("security", kNull, &filled));
  // And a value needs a value.
  CHECK_FALSE(leaf_matches("max_award_fen", json(0), nullptr));
  CHECK_FALSE(leaf_matches("max_award_fen", json(0), &null_out));
}

TEST_CASE("industries compare as sets") {
  const json expected = {"制造", "金融", "医疗"};
  const json reordered = {"医疗", "制造", "金融", "金融"};
  const json short_one = {"制造", "金融"};
  CHECK(leaf_matches("industries", expected, &reordered));
  CHECK_FALSE(leaf_matches("industries", expected, &short_one));
  CHECK(leaf_matches("industries", json::array(), nullptr));
}

TEST_CASE("investment rows compare as a multiset of category and amount, ignoring item names") {
  const json expected = json::parse(R"([
    {"category": "hardware", "item": "服务器", "amount_fen": 100},
    {"category": "hardware", "item": "存储", "amount_fen": 100},
    {"category": "development", "item": "研发", "amount_fen": 300}])");
  const json renamed = json::parse(R"([
    {"category": "development", "item": "软件开发费", "amount_fen": 300},
    {"category": "hardware", "item": "GPU", "amount_fen": 100},
    {"category": "hardware", "item": "磁盘", "amount_fen": 100}])");
  const json one_hardware_row = json::parse(R"([
    {"category": "development", "item": "研发", "amount_fen": 300},
    {"category": "hardware", "item": "服务器", "amount_fen": 100}])");
  const json wrong_category = json::parse(R"([
    {"category": "development", "item": "研发", "amount_fen": 300},
    {"category": "testing", "item": "服务器", "amount_fen": 100},
    {"category": "hardware", "item": "存储", "amount_fen": 100}])");
  CHECK(leaf_matches("rows", expected, &renamed));
  CHECK_FALSE(leaf_matches("rows", expected, &one_hardware_row));
  CHECK_FALSE(leaf_matches("rows", expected, &wrong_category));
}

TEST_CASE("a missing output scores 0 even where the ground truth is null") {
  const Scorecard card = score_bundle(bundle_a(), nullptr);
  check_figure(card, "field.extracted.security", 0, 1);
  check_figure(card, "bundles.output_found", 0, 1);
  check_figure(card, "fields.all", 0, 33);
  // The same null against an output that has one is right.
  const json out = perfect_output(bundle_a());
  check_figure(score_bundle(bundle_a(), &out), "field.extracted.security", 1, 1);
}

TEST_CASE("a key absent from the ground truth is not scored") {
  const json b = bundle_b();
  json out = perfect_output(b);
  out["extracted"]["audit"] = {{"revenue_fen", 1}};  // the output says more than is known
  out["applicant"]["extra"] = "x";
  const Scorecard card = score_bundle(b, &out);
  CHECK_FALSE(card.has("fields.audit"));
  CHECK_FALSE(card.has("fields.credit"));
  CHECK_FALSE(card.has("field.applicant.extra"));
  check_figure(card, "fields.all", 14, 14);
}

TEST_CASE("a wrong or invalid code that the output calls valid is counted") {
  const json a = bundle_a();  // code valid in the ground truth
  json wrong_code = perfect_output(a);
  wrong_code["applicant"]["uscc"] = "91310117MA1J2Q4K8A";
  check_figure(score_bundle(a, &wrong_code), std::string(kWrongCodeReportedValid), 1, 1);
  wrong_code["applicant"]["uscc_valid"] = false;  // wrong but not claimed valid
  check_figure(score_bundle(a, &wrong_code), std::string(kWrongCodeReportedValid), 0, 1);
  check_figure(score_bundle(a, &wrong_code), "uscc.exact", 0, 1);

  const json b = bundle_b();  // the right code, but its check character is wrong
  json claims_valid = perfect_output(b);
  claims_valid["applicant"]["uscc_valid"] = true;
  check_figure(score_bundle(b, &claims_valid), std::string(kWrongCodeReportedValid), 1, 1);
  check_figure(score_bundle(b, &claims_valid), "uscc.exact", 1, 1);
}

TEST_CASE("sections count only with the same material and page range") {
  const json a = bundle_a();
  json out = perfect_output(a);
  out["documents"][1]["sections"][1]["first_page"] = 4;
  check_figure(score_bundle(a, &out), "material.sections", 1, 2);
  out["documents"][1].erase("sections");
  check_figure(score_bundle(a, &out), "material.sections", 0, 2);
  // The document's own material is still right.
  check_figure(score_bundle(a, &out), "material.documents", 4, 4);
}

TEST_CASE("an unexpected finding code costs precision, not recall") {
  const json a = bundle_a();
  json out = perfect_output(a);
  out["findings"].push_back({{"code", "OCR_LOW_CONFIDENCE"}, {"severity", "warning"}});
  const Scorecard card = score_bundle(a, &out);
  check_figure(card, "findings.recall", 1, 1);
  check_figure(card, "findings.precision", 1, 2);
  check_figure(card, "finding.OCR_LOW_CONFIDENCE.precision", 0, 1);
}

TEST_CASE("a document missing from the output costs listing, material and seals") {
  const json a = bundle_a();
  json out = perfect_output(a);
  out["documents"].erase(0);  // 营业执照.png, sealed on page 1
  const Scorecard card = score_bundle(a, &out);
  check_figure(card, "documents.listed", 3, 4);
  check_figure(card, "material.documents", 3, 4);
  check_figure(card, "seal.document.recall", 1, 2);
  check_figure(card, "seal.page.recall", 2, 3);
}

TEST_CASE("an output is found by its bundle source when its directory has another name") {
  TempDir expected, out;
  write_synthetic_expected(expected.path());
  write_json(out.path() / "renamed" / "submission.json", perfect_output(bundle_a()));
  const EvalRun run = evaluate_ok(expected.path(), out.path());
  check_figure(run.summary, "bundles.output_found", 1, 2);
  check_figure(run.summary, "verdict", 1, 2);
}

TEST_CASE("an unparseable submission.json scores like a missing one") {
  TempDir expected, out;
  write_synthetic_expected(expected.path());
  std::filesystem::create_directories(out.path() / "松江乙数据服务");
  std::ofstream(out.path() / "松江乙数据服务" / "submission.json") << "{\"verdict\": ";
  const EvalRun run = evaluate_ok(expected.path(), out.path());
  bool seen = false;
  for (const auto& b : run.bundles) {
    if (b.bundle_id != "松江乙数据服务") continue;
    seen = true;
    CHECK(b.output == OutputState::kUnparseable);
    check_figure(b.card, "fields.all", 0, 14);
  }
  CHECK(seen);
}

TEST_CASE("bundle_id_for_source follows the contract") {
  CHECK(bundle_id_for_source("申报-松江某某智能科技.zip") == "申报-松江某某智能科技");
  CHECK(bundle_id_for_source("某某科技.ZIP") == "某某科技");
  CHECK(bundle_id_for_source("松江乙数据服务") == "松江乙数据服务");
  CHECK(bundle_id_for_source("..\\evil.zip") == "___evil");
  CHECK(bundle_id_for_source("a/b\tc") == "a_b_c");
  CHECK(bundle_id_for_source(".zip") == "_");
}

TEST_CASE("a ground-truth file without bundle_id is paired through its source") {
  TempDir expected, out;
  json a = bundle_a();
  a.erase("bundle_id");
  write_json(expected.path() / "a.json", a);
  write_json(expected.path() / "manifest.json", json{{"files", 1}});  // not ground truth: skipped
  write_json(out.path() / "申报-松江甲智能科技" / "submission.json", perfect_output(bundle_a()));
  const EvalRun run = evaluate_ok(expected.path(), out.path());
  REQUIRE(run.bundles.size() == 1);
  CHECK(run.bundles[0].bundle_id == "申报-松江甲智能科技");
  CHECK(run.summary.ratio("fields.all") == 1.0);
}

TEST_CASE("evaluate fails on an unreadable directory, broken ground truth or none at all") {
  TempDir expected, out;
  CHECK(evaluate(expected.path() / "nope", out.path()).status().code() ==
        shenbao::Status::Code::kNotFound);
  CHECK(evaluate(expected.path(), out.path() / "nope").status().code() ==
        shenbao::Status::Code::kNotFound);
  CHECK(evaluate(expected.path(), out.path()).status().code() ==
        shenbao::Status::Code::kInvalidArgument);
  std::ofstream(expected.path() / "broken.json") << "{\"source\": ";
  CHECK(evaluate(expected.path(), out.path()).status().code() == shenbao::Status::Code::kCorrupt);
}

TEST_CASE("the summary lists headline figures, fields and finding codes") {
  TempDir expected, out;
  write_synthetic_expected(expected.path());
  write_perfect_outputs(expected.path(), out.path());
  const std::string text = format_summary(evaluate_ok(expected.path(), out.path()).summary);
  CHECK(text.find("fields.all") < text.find("fields.audit"));
  CHECK(text.find("extracted.audit.total_assets_fen") != std::string::npos);
  CHECK(text.find("MATERIAL_MISSING.recall") != std::string::npos);
  CHECK(text.find("47/47  1.000") != std::string::npos);
  const json as_json = evaluate_ok(expected.path(), out.path()).summary.to_json();
  CHECK(as_json["fields.all"]["ratio"] == 1.0);
  CHECK(as_json[std::string(kWrongCodeReportedValid)]["lower_is_better"] == true);
}

namespace {
std::filesystem::path corpus_dir() {
  return std::filesystem::path(SHENBAO_SOURCE_DIR) / "samples" / "expected";
}
bool corpus_exists() {
  std::error_code ec;
  return std::filesystem::is_directory(corpus_dir(), ec) &&
         !std::filesystem::is_empty(corpus_dir(), ec);
}
}  // namespace

// Checked when run, not when listed, so that CTest picks it up as soon as the corpus exists.
TEST_CASE("the ground-truth corpus in samples/expected self-scores to 1.0") {
  if (!corpus_exists()) {
    MESSAGE("samples/expected/ does not exist yet: nothing to self-score");
    return;
  }
  TempDir out;
  write_perfect_outputs(corpus_dir(), out.path());
  const EvalRun run = evaluate_ok(corpus_dir(), out.path());
  CHECK(run.bundles.size() > 0);
  for (const auto& b : run.bundles) {
    INFO(b.expected_file.string());
    CHECK(b.output == OutputState::kFound);
    CHECK(b.misses.empty());
  }
  for (const auto& [name, f] : run.summary.figures()) {
    INFO(name);
    if (name == kWrongCodeReportedValid) {
      CHECK(f.correct == 0);
    } else if (f.total > 0) {
      CHECK(f.ratio() == 1.0);
    }
  }
  for (const char* name : {"fields.all", "documents.listed", "material.documents",
                           "seal.document.recall", "findings.recall", "verdict", "category"}) {
    INFO(name);
    CHECK(run.summary.get(name).total > 0);
  }
}
