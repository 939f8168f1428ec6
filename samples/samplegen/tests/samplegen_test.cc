// Tests of samplegen's own rules: the code check characters, Chinese numerals, the award
// oracle, the verdict rule, the plan script's coverage, the ZIP name encoding, and one
// bundle end to end (deterministic bytes, ground truth consistent with the plan).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "award.h"
#include "bundle.h"
#include "numbers.h"
#include "plan.h"
#include "rng.h"
#include "truth.h"
#include "uscc.h"
#include "zipper.h"

using namespace samplegen;

TEST_CASE("uscc_check_char_matches_the_domain_example") {
  CHECK(uscc_check_char("91310117MA1J2Q4K7") == 'A');
  CHECK(org_code_check_char("MA1J2Q4K") == '7');
  CHECK(uscc_is_valid("91310117MA1J2Q4K7A"));
  CHECK_FALSE(uscc_is_valid("91310117MA1J2Q4K7B"));
  CHECK_FALSE(uscc_is_valid("91310117MA1J2Q4K8A"));  // embedded organisation check broken
}

TEST_CASE("make_uscc_draws_valid_codes_of_the_division") {
  Rng rng = make_rng(7);
  for (int i = 0; i < 200; ++i) {
    const std::string code = make_uscc(rng, "310117");
    REQUIRE(uscc_is_valid(code));
    CHECK(code.substr(0, 8) == "91310117");
  }
}

TEST_CASE("unrepairable_invalid_codes_fail_the_check_and_resist_single_repairs") {
  Rng rng = make_rng(11);
  for (int i = 0; i < 100; ++i) {
    const std::string good = make_uscc(rng);
    const std::string bad = make_unrepairable_invalid(good, rng);
    CHECK(bad.substr(0, 17) == good.substr(0, 17));
    CHECK_FALSE(uscc_is_valid(bad));
    CHECK_FALSE(has_single_confusion_repair(bad));
  }
  // A single 1-read-as-L slip is repairable, so it would not make a USCC_INVALID sample.
  CHECK_FALSE(uscc_is_valid("9L310117MA1J2Q4K7A"));
  CHECK(has_single_confusion_repair("9L310117MA1J2Q4K7A"));
}

TEST_CASE("uppercase_rmb_writes_financial_numerals") {
  CHECK(uppercase_rmb(500'000'000) == "伍佰万元整");
  CHECK(uppercase_rmb(1'200'000'000) == "壹仟贰佰万元整");
  CHECK(uppercase_rmb(1'005'000'000) == "壹仟零伍万元整");
  CHECK(uppercase_rmb(100'050'000) == "壹佰万零伍佰元整");
  CHECK(uppercase_rmb(10'000'000'000) == "壹亿元整");
  CHECK(uppercase_rmb(1'000) == "壹拾元整");
  CHECK(uppercase_rmb(123'456) == "壹仟贰佰叁拾肆元伍角陆分");
  CHECK(uppercase_rmb(100'005) == "壹仟元零伍分");
  CHECK(uppercase_rmb(50) == "伍角整");
}

TEST_CASE("money_and_dates_print_as_documents_print_them") {
  CHECK(format_yuan(123'456'789) == "1,234,567.89");
  CHECK(format_yuan(-123'400, true, true) == "(1,234.00)");
  CHECK(format_yuan(-123'400) == "-1,234.00");
  CHECK(format_wan(1'234'500'00) == "123.45");
  CHECK(format_wan(500'000'000, 0) == "500");
  const Date d{2025, 5, 26};
  CHECK(d.cn() == "2025年5月26日");
  CHECK(d.cn_numerals() == "二〇二五年五月二十六日");
  CHECK(d.dotted() == "2025.05.26");
  CHECK(Date::from_days(d.days()).iso() == "2025-05-26");
  CHECK(d.plus_days(10).iso() == "2025-06-05");
  CHECK(format_parameters(130'000'000'000LL, 0) == "1300亿");
  CHECK(format_parameters(1'200'000'000'000LL, 1) == "1.2万亿");
  CHECK(format_parameters(130'000'000'000LL, 2) == "130B");
  CHECK(format_parameters(130'000'000'000LL, 3) == "1.3×10^11");
}

TEST_CASE("award_general_model_is_half_the_cost_capped_at_2000_wan") {
  AwardInputs in;
  in.category = Category::kGeneral;
  in.hardware_fen = 200'000'000;  // 200万 hardware
  in.other_fen = 800'000'000;     // 800万 other
  Award a = compute_award(in);
  CHECK(a.eligible_cost_fen == 1'000'000'000);
  CHECK(a.max_award_fen == 500'000'000);
  in.other_fen = 8'000'000'000;
  CHECK(compute_award(in).max_award_fen == 2'000'000'000);
}

TEST_CASE("award_caps_hardware_at_30_percent_of_the_rd_cost") {
  AwardInputs in;
  in.category = Category::kSpecialized;
  in.hardware_fen = 400'000'000;  // 40 % of 1000万
  in.other_fen = 600'000'000;
  Award a = compute_award(in);
  // eligible hardware = 3/7 × 600万 = 257.142857万 → 257,142,857 fen (rounded down)
  CHECK(a.eligible_cost_fen == 857'142'857);
  CHECK(a.max_award_fen == 500'000'000);  // 80 % is 685.7万, capped at 500万
  in.hardware_fen = 100'000'000;
  in.other_fen = 300'000'000;
  CHECK(compute_award(in).max_award_fen == 320'000'000);
}

TEST_CASE("award_adaptation_tier_follows_the_number_of_industries") {
  AwardInputs in;
  in.category = Category::kAdaptation;
  const std::pair<int, int64_t> cases[] = {{7, 100'000'000}, {5, 100'000'000}, {4, 50'000'000},
                                           {3, 50'000'000},  {2, 20'000'000},  {1, 20'000'000}};
  for (auto [n, award] : cases) {
    in.industries = n;
    CHECK(compute_award(in).max_award_fen == award);
  }
  in.industries = 5;
  CHECK(compute_award(in).tier == 1);
  in.industries = 3;
  CHECK(compute_award(in).tier == 2);
  in.industries = 1;
  CHECK(compute_award(in).tier == 3);
  in.industries.reset();
  CHECK_FALSE(compute_award(in).max_award_fen.has_value());
}

TEST_CASE("award_security_is_half_the_fee_capped_at_25_wan_first_pass_only") {
  AwardInputs in;
  in.category = Category::kSecurity;
  in.test_fee_fen = 36'800'001;
  in.first_pass = true;
  CHECK(compute_award(in).max_award_fen == 18'400'000);  // rounded down
  in.test_fee_fen = 68'000'000;
  CHECK(compute_award(in).max_award_fen == 25'000'000);
  in.first_pass = false;
  CHECK(compute_award(in).max_award_fen == 0);
}

TEST_CASE("award_is_null_without_its_inputs") {
  AwardInputs in;
  in.category = Category::kGeneral;
  CHECK_FALSE(compute_award(in).max_award_fen.has_value());
  in.category = Category::kUnknown;
  in.hardware_fen = 1;
  in.other_fen = 1;
  CHECK_FALSE(compute_award(in).max_award_fen.has_value());
}

TEST_CASE("verdict_follows_the_contract_precedence") {
  CHECK(verdict_for({}) == "complete");
  CHECK(verdict_for({"DUPLICATE_DOCUMENT"}) == "needs_review");
  CHECK(verdict_for({"SEAL_MISSING", "AUDIT_UNBALANCED"}) == "incomplete");
  CHECK(verdict_for({"FILING_MISSING"}) == "incomplete");
  CHECK(verdict_for({"MATERIAL_MISSING", "NOT_IN_SONGJIANG"}) == "ineligible");
  CHECK(verdict_for({"PARAMETERS_BELOW_THRESHOLD"}) == "ineligible");
  CHECK(verdict_for({"CREDIT_SERIOUS_DISHONESTY", "REQUEST_EXCEEDS_CAP"}) == "ineligible");
}

TEST_CASE("scripted_plans_plant_every_finding_code_and_cover_every_category") {
  const std::set<std::string> contract = {"MATERIAL_MISSING",
                                          "SEAL_MISSING",
                                          "USCC_INVALID",
                                          "USCC_MISMATCH",
                                          "NAME_MISMATCH",
                                          "NOT_IN_SONGJIANG",
                                          "CREDIT_SERIOUS_DISHONESTY",
                                          "CREDIT_RECORDS_FOUND",
                                          "AUDIT_YEAR_MISMATCH",
                                          "AUDIT_UNBALANCED",
                                          "INVESTMENT_SUM_MISMATCH",
                                          "HARDWARE_SHARE_EXCEEDED",
                                          "REQUEST_EXCEEDS_CAP",
                                          "FILING_MISSING",
                                          "PARAMETERS_BELOW_THRESHOLD",
                                          "CATEGORY_UNKNOWN",
                                          "DOCUMENT_UNREADABLE",
                                          "ARCHIVE_REJECTED",
                                          "OCR_LOW_CONFIDENCE",
                                          "DUPLICATE_DOCUMENT"};
  std::set<std::string> planted;
  std::set<Category> categories;
  bool folder = false, nested = false, merged = false, clean = false;
  Rng rng = make_rng(1);
  for (int i = 0; i < kScriptedPlans; ++i) {
    const BundlePlan p = make_plan(i, rng);
    for (const auto& d : p.defects) planted.insert(defect_code(d.kind));
    categories.insert(p.has(Defect::kCategoryUnknown) ? Category::kUnknown : p.category);
    folder |= p.packaging == Packaging::kFolder;
    nested |= p.nested_zip;
    merged |= p.merged_pdf;
    clean |= p.defects.empty();
    CHECK(p.defects.size() <= 3);
  }
  CHECK(planted == contract);
  CHECK(categories.size() == 5);
  CHECK((folder && nested && merged && clean));
}

TEST_CASE("gbk_zip_names_are_stored_without_the_utf8_flag") {
  ZipWriter z(NameEncoding::kGbk);
  REQUIRE(z.add("申报材料/营业执照.jpg", "x").ok());
  auto bytes = z.finish();
  REQUIRE(bytes.ok());
  const std::string& b = bytes.value();
  REQUIRE(b.size() > 30);
  CHECK(b.substr(0, 4) == std::string("PK\x03\x04", 4));
  const unsigned flags = static_cast<unsigned char>(b[6]) | (static_cast<unsigned char>(b[7]) << 8);
  CHECK((flags & 0x800) == 0);
  const unsigned name_len =
      static_cast<unsigned char>(b[26]) | (static_cast<unsigned char>(b[27]) << 8);
  auto gbk = utf8_to_gb18030("申报材料/营业执照.jpg");
  REQUIRE(gbk.ok());
  CHECK(b.substr(30, name_len) == gbk.value());
}

TEST_CASE("a_bundle_is_deterministic_and_its_truth_follows_its_plan") {
  // Bundle 9 of the script: no application form, no category, a faint scan.
  auto a = generate_bundle(9, 2025);
  auto b = generate_bundle(9, 2025);
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  CHECK(a.value().zip_bytes == b.value().zip_bytes);
  const auto truth = make_truth_json(a.value());
  CHECK(truth["category"] == "unknown");
  CHECK(truth["verdict"] == "incomplete");
  const std::set<std::string> codes(truth["findings"].begin(), truth["findings"].end());
  CHECK(codes ==
        std::set<std::string>{"CATEGORY_UNKNOWN", "MATERIAL_MISSING", "OCR_LOW_CONFIDENCE"});
  CHECK(truth["subsidy"]["max_award_fen"].is_null());
  CHECK(truth["extracted"]["application"]["requested_fen"].is_null());
  bool faint = false;
  for (const auto& d : truth["documents"]) {
    CHECK(d["path"].get<std::string>().find("申报书") == std::string::npos);
    if (d["path"] == "场地使用证明.pdf") faint = d["sealed"] == false;
  }
  CHECK(faint);
}

TEST_CASE("a_serious_dishonesty_listing_counts_as_a_bad_record_within_two_years") {
  Credit c;
  c.report_date = Date{2025, 6, 10};
  CHECK(c.records_in_two_years() == 0);
  c.serious_dishonesty = true;
  c.serious_date = Date{2024, 8, 17};
  CHECK(c.records_in_two_years() == 1);
  c.serious_date = Date{2022, 8, 17};
  CHECK(c.records_in_two_years() == 0);
  c.records.push_back({"行政处罚", "", "", "", "", Date{2021, 3, 1}, false});
  c.records.push_back({"经营异常", "", "", "", "", Date{2024, 3, 1}, true});
  CHECK(c.records_in_two_years() == 1);
}
