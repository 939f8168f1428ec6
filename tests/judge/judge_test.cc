// judge_submission end to end (issue 7.3, 7.6): materials, each finding code the judge
// raises, the verdict, appending to earlier findings, thread sharing.
#include <doctest/doctest.h>

#include <thread>

#include "pipeline/emit/submission_json.h"
#include "pipeline/judge/eligibility.h"
#include "tests/judge/judge_fixtures.h"

using namespace shenbao;
using namespace shenbao::testing;

namespace {

DocumentRecord& doc_of(Submission& s, const std::string& material) {
  for (DocumentRecord& d : s.documents) {
    if (d.material == material) return d;
  }
  FAIL("no document of " << material);
  return s.documents.front();
}

void drop_material(Submission& s, const std::string& material) {
  s.documents.erase(std::remove_if(s.documents.begin(), s.documents.end(),
                                   [&](const DocumentRecord& d) { return d.material == material; }),
                    s.documents.end());
}

}  // namespace

TEST_CASE("clean_submission_of_each_category_is_complete_without_findings") {
  for (const std::string& c : all_categories()) {
    CAPTURE(c);
    const Submission s = judged(clean_submission(c));
    for (const Finding& f : s.findings) INFO(f.code << " " << f.message);
    CHECK(s.findings.empty());
    CHECK(s.verdict == "complete");
    CHECK(s.subsidy.max_award_fen.has_value());
    CHECK(s.subsidy.max_award_fen == s.extracted.application.requested_fen);
  }
}

TEST_CASE("judged_clean_submission_is_valid_against_the_contract_schema") {
  auto v = SchemaValidator::load(schemas_dir() / "submission.schema.json");
  REQUIRE(v.ok());
  for (const std::string& c : all_categories()) {
    CAPTURE(c);
    const auto errors = v.value()->validate(to_json(judged(clean_submission(c))));
    for (const std::string& e : errors) INFO(e);
    CHECK(errors.empty());
  }
}

TEST_CASE("materials_have_one_entry_per_material_with_presence_documents_and_seal") {
  Submission s = clean_submission("general_model");
  doc_of(s, "audit_report").sealed = std::nullopt;  // undecidable
  s.documents.push_back(doc("extra_audit.pdf", "audit_report", true));
  s.documents.push_back(doc("broken.pdf", "honors", std::nullopt));
  s.documents.back().status = DocStatus::kUnreadable;  // does not make honors present
  fill_materials(the_policy(), s);
  CHECK(s.materials.size() == the_policy().materials.size());
  CHECK(s.materials["application_form"].present);
  CHECK(s.materials["application_form"].required);
  CHECK(s.materials["application_form"].sealed == true);
  CHECK(s.materials["audit_report"].documents.size() == 2);
  CHECK_FALSE(s.materials["audit_report"].sealed.has_value());  // one unknown, none unsealed
  CHECK_FALSE(s.materials["honors"].present);
  CHECK_FALSE(s.materials["honors"].required);
  CHECK_FALSE(s.materials["honors"].sealed.has_value());
  doc_of(s, "audit_report").sealed = false;
  fill_materials(the_policy(), s);
  CHECK(s.materials["audit_report"].sealed == false);
}

TEST_CASE("a_merged_document_makes_each_of_its_sections_materials_present") {
  Submission s = clean_submission("general_model");
  drop_material(s, "business_license");
  drop_material(s, "street_approval");
  DocumentRecord merged = doc("合并材料.pdf", "unclassified", false);
  merged.sections = {{"business_license", 1, 2}, {"street_approval", 3, 3}};
  s.documents.push_back(merged);
  s = judged(s);
  CHECK(s.materials["business_license"].present);
  CHECK(s.materials["street_approval"].documents == std::vector<std::string>{"合并材料.pdf"});
  CHECK_FALSE(has_code(s, "MATERIAL_MISSING"));
  const auto seal = with_code(s, "SEAL_MISSING");
  REQUIRE(seal.size() == 1);  // one per document, not per section
  CHECK(seal[0].document == "合并材料.pdf");
  CHECK(seal[0].material == "business_license");
}

TEST_CASE("material_missing_per_missing_required_material_makes_it_incomplete") {
  Submission s = clean_submission("general_model");
  drop_material(s, "street_approval");
  drop_material(s, "credit_report");
  s = judged(s);
  const auto missing = with_code(s, "MATERIAL_MISSING");
  REQUIRE(missing.size() == 2);
  CHECK(missing[0].material == "street_approval");  // order of section 七
  CHECK(missing[0].message == "缺少必需材料：街镇审批表（松江区产业专项补贴项目街镇初审意见表）");
  CHECK(missing[1].message == "缺少必需材料：“信用中国”企业信用信息报告");
  CHECK(s.verdict == "incomplete");
  check_messages_filled(s);
}

TEST_CASE("optional_materials_missing_raise_nothing") {
  const Submission s = judged(clean_submission("general_model"));  // no honors, no other
  CHECK_FALSE(s.materials.at("honors").present);
  CHECK_FALSE(has_code(s, "MATERIAL_MISSING"));
}

TEST_CASE("seal_missing_per_unsealed_document_and_nothing_for_undecidable") {
  Submission s = clean_submission("adaptation_service");
  doc_of(s, "audit_report").sealed = false;
  doc_of(s, "project_report").sealed = std::nullopt;
  s.documents.push_back(doc("附件/投资发票.pdf", "investment_table", false));
  s = judged(s);
  const auto seal = with_code(s, "SEAL_MISSING");
  REQUIRE(seal.size() == 2);
  CHECK(seal[0].material == "audit_report");
  CHECK(seal[0].message == "未加盖企业公章：05_audit_report.pdf（上一年度审计报告或财务报表）");
  CHECK(seal[1].document == "附件/投资发票.pdf");
  CHECK(s.verdict == "incomplete");
  check_messages_filled(s);
}

TEST_CASE("filing_missing_for_model_categories_without_a_number") {
  for (const std::string c : {"general_model", "specialized_model"}) {
    CAPTURE(c);
    Submission s = clean_submission(c);
    s.extracted.filing.number.reset();
    s.extracted.filing.kind.reset();
    s = judged(s);
    const auto f = with_code(s, "FILING_MISSING");
    REQUIRE(f.size() == 1);
    CHECK(f[0].material == "eligibility_proof");
    CHECK(f[0].message.find("未找到生成式人工智能服务") == 0);
    CHECK(s.verdict == "incomplete");
    check_messages_filled(s);
  }
}

TEST_CASE("general_model_registration_is_not_a_filing_but_specialized_accepts_it") {
  Submission g = clean_submission("general_model");
  g.extracted.filing.number = "沪登记-2024-0007";
  g.extracted.filing.kind = "registration";
  g = judged(g);
  const auto f = with_code(g, "FILING_MISSING");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("沪登记-2024-0007") != std::string::npos);
  CHECK(f[0].message.find("须完成生成式人工智能服务备案") != std::string::npos);
  CHECK(g.verdict == "incomplete");
  CHECK_FALSE(has_code(judged(clean_submission("specialized_model")), "FILING_MISSING"));
  Submission unknown_kind = clean_submission("general_model");
  unknown_kind.extracted.filing.kind.reset();  // a number whose kind was not read
  CHECK_FALSE(has_code(judged(unknown_kind), "FILING_MISSING"));
}

TEST_CASE("category_evidence_missing_is_material_missing_of_eligibility_proof") {
  Submission a = clean_submission("adaptation_service");
  a.extracted.adaptation.found = false;
  a.extracted.adaptation.industries.clear();
  a = judged(a);
  auto f = with_code(a, "MATERIAL_MISSING");
  REQUIRE(f.size() == 1);
  CHECK(f[0].material == "eligibility_proof");
  CHECK(f[0].message == "缺少支持实用适配服务所需材料：服务行业清单（三（三）1）");

  Submission sec = clean_submission("security_testing");
  sec.extracted.security.test_fee_fen.reset();
  sec.extracted.security.lab_name.reset();
  sec = judged(sec);
  f = with_code(sec, "MATERIAL_MISSING");
  REQUIRE(f.size() == 2);
  CHECK(f[0].message.find("安全性测试服务费发票") != std::string::npos);
  CHECK(f[1].message.find("密码安全性测试报告") != std::string::npos);
  CHECK(sec.verdict == "incomplete");
  check_messages_filled(sec);
}

TEST_CASE("not_in_songjiang_makes_it_ineligible_and_unknown_location_does_not") {
  Submission s = clean_submission("general_model");
  s.applicant.in_songjiang = false;
  s.applicant.address = "上海市闵行区某路1号";
  s.extracted.evidence["license.address"] = {
      "02_business_license.pdf", 1, "住所：上海市闵行区", {}, false};
  s = judged(s);
  const auto f = with_code(s, "NOT_IN_SONGJIANG");
  REQUIRE(f.size() == 1);
  CHECK(f[0].document == "02_business_license.pdf");
  CHECK(f[0].page == 1);
  CHECK(f[0].message.find("上海市闵行区某路1号") != std::string::npos);
  CHECK(s.verdict == "ineligible");
  Submission unknown = clean_submission("general_model");
  unknown.applicant.in_songjiang.reset();
  CHECK_FALSE(has_code(judged(unknown), "NOT_IN_SONGJIANG"));
}

TEST_CASE("serious_dishonesty_makes_it_ineligible_and_records_need_review") {
  Submission d = clean_submission("specialized_model");
  d.extracted.credit.serious_dishonesty = true;
  d = judged(d);
  CHECK(has_code(d, "CREDIT_SERIOUS_DISHONESTY"));
  CHECK(d.verdict == "ineligible");

  Submission r = clean_submission("specialized_model");
  r.extracted.credit.records_in_two_years = 2;
  r = judged(r);
  const auto f = with_code(r, "CREDIT_RECORDS_FOUND");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::kWarning);
  CHECK(f[0].message.find("2年内有2条不良信用记录") != std::string::npos);
  CHECK(f[0].document == "04_credit_report.pdf");  // no evidence: the material's document
  CHECK(r.verdict == "needs_review");
}

TEST_CASE("audit_year_must_be_the_year_before_the_application") {
  Submission s = clean_submission("general_model");  // application 2025-06-10, audit 2024
  CHECK_FALSE(has_code(judged(s), "AUDIT_YEAR_MISMATCH"));
  s.extracted.audit.fiscal_year = 2023;
  const Submission old = judged(s);
  const auto f = with_code(old, "AUDIT_YEAR_MISMATCH");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("2023年度") != std::string::npos);
  CHECK(f[0].message.find("2024年度") != std::string::npos);
  CHECK(old.verdict == "needs_review");
  // Without an application date the run's year decides.
  s.extracted.application.date.reset();
  CHECK_FALSE(has_code(judged(s, 2024), "AUDIT_YEAR_MISMATCH"));
  CHECK(has_code(judged(s, 2026), "AUDIT_YEAR_MISMATCH"));
  CHECK(application_year(s, 2031) == 2031);
}

TEST_CASE("audit_unbalanced_beyond_the_tolerance_of_one_yuan") {
  Submission s = clean_submission("general_model");
  s.extracted.audit.total_assets_fen = *s.extracted.audit.total_assets_fen + 100;
  CHECK_FALSE(has_code(judged(s), "AUDIT_UNBALANCED"));
  s.extracted.audit.total_assets_fen = *s.extracted.audit.total_assets_fen + 1;
  const Submission u = judged(s);
  const auto f = with_code(u, "AUDIT_UNBALANCED");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("相差1.01元") != std::string::npos);
  CHECK(u.verdict == "needs_review");
}

TEST_CASE("investment_rows_not_adding_up_and_project_total_differing") {
  Submission s = clean_submission("general_model");
  s.extracted.investment.stated_total_fen = wan(1000) + 1;
  s.extracted.project.total_investment_fen = wan(1000) + 1;  // agrees with the stated total
  Submission j = judged(s);
  auto f = with_code(j, "INVESTMENT_SUM_MISMATCH");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::kError);
  CHECK(f[0].material == "investment_table");
  CHECK(f[0].message.find("相差0.01元") != std::string::npos);

  Submission p = clean_submission("general_model");
  p.extracted.project.total_investment_fen = wan(1200);
  j = judged(p);
  f = with_code(j, "INVESTMENT_SUM_MISMATCH");
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::kWarning);
  CHECK(f[0].material == "project_report");
  CHECK(j.verdict == "needs_review");
  check_messages_filled(j);
}

TEST_CASE("hardware_share_above_the_limit_is_flagged_for_model_categories_only") {
  for (const std::string c : {"general_model", "specialized_model"}) {
    CAPTURE(c);
    Submission s = clean_submission(c);
    // O = 700万; at the limit H = 300万 (30 %) raises nothing, one fen more does.
    s.extracted.investment.rows = {{"hardware", "GPU", wan(300)},
                                   {"development", "开发", wan(700)}};
    CHECK_FALSE(has_code(judged(s), "HARDWARE_SHARE_EXCEEDED"));
    s.extracted.investment.rows[0].amount_fen += 1;
    s.extracted.investment.total_fen = wan(1000) + 1;
    s.extracted.investment.stated_total_fen = wan(1000) + 1;
    const Submission j = judged(s);
    const auto f = with_code(j, "HARDWARE_SHARE_EXCEEDED");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.find("30.01%") != std::string::npos);  // rounded up, never "30%"
    CHECK(f[0].severity == Severity::kWarning);
  }
  Submission a = clean_submission("adaptation_service");
  a.extracted.investment.rows = {{"hardware", "GPU", wan(900)}, {"development", "开发", wan(100)}};
  CHECK_FALSE(has_code(judged(a), "HARDWARE_SHARE_EXCEEDED"));
}

TEST_CASE("hardware_share_without_rows_uses_the_extracted_share") {
  Submission s = clean_submission("general_model");
  s.extracted.investment.rows.clear();
  s.extracted.investment.total_fen.reset();
  s.extracted.investment.hardware_share = 0.35;
  const auto f = with_code(judged(s), "HARDWARE_SHARE_EXCEEDED");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("35.00%") != std::string::npos);
}

TEST_CASE("parameters_not_above_100_billion_make_a_general_model_ineligible") {
  Submission s = clean_submission("general_model");
  s.extracted.project.parameters = 1e11;  // 千亿 exactly is not 超过千亿
  Submission j = judged(s);
  const auto f = with_code(j, "PARAMETERS_BELOW_THRESHOLD");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message == "通用大模型参数量1000亿，未超过千亿（三（一）1（1））");
  CHECK(j.verdict == "ineligible");
  s.extracted.project.parameters = 1.0001e11;
  CHECK_FALSE(has_code(judged(s), "PARAMETERS_BELOW_THRESHOLD"));
  s.extracted.project.parameters.reset();  // not found: no finding
  CHECK_FALSE(has_code(judged(s), "PARAMETERS_BELOW_THRESHOLD"));
  Submission sp = clean_submission("specialized_model");
  sp.extracted.project.parameters = 7e9;  // no threshold for specialised models
  CHECK_FALSE(has_code(judged(sp), "PARAMETERS_BELOW_THRESHOLD"));
}

TEST_CASE("request_exceeding_the_award_or_the_cap") {
  Submission s = clean_submission("general_model");  // award 500万
  s.extracted.application.requested_fen = wan(500) + 1;
  Submission j = judged(s);
  auto f = with_code(j, "REQUEST_EXCEEDS_CAP");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("5,000,000.00元") != std::string::npos);
  CHECK(j.verdict == "needs_review");

  Submission a = clean_submission("adaptation_service");  // industries unknown: cap 100万
  a.extracted.adaptation.found = false;
  a.extracted.adaptation.industries.clear();
  a.extracted.application.requested_fen = wan(100);
  CHECK_FALSE(has_code(judged(a), "REQUEST_EXCEEDS_CAP"));
  a.extracted.application.requested_fen = wan(100) + 1;
  f = with_code(judged(a), "REQUEST_EXCEEDS_CAP");
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("补助上限1,000,000.00元") != std::string::npos);

  Submission nf = clean_submission("security_testing");  // not the first pass: award 0
  nf.extracted.security.first_pass = false;
  CHECK(has_code(judged(nf), "REQUEST_EXCEEDS_CAP"));
}

TEST_CASE("unknown_category_is_flagged_and_needs_review") {
  Submission s = clean_submission("unknown");
  s.category_evidence = "申报书未勾选类别";
  s = judged(s);
  const auto f = with_code(s, "CATEGORY_UNKNOWN");
  REQUIRE(f.size() == 1);
  CHECK(f[0].detail.find("申报书未勾选类别") != std::string::npos);
  CHECK(s.verdict == "needs_review");
  CHECK_FALSE(s.subsidy.max_award_fen.has_value());
}

TEST_CASE("judge_appends_to_earlier_findings_and_is_idempotent") {
  Submission s = clean_submission("general_model");
  Finding intake;
  intake.code = "ARCHIVE_REJECTED";
  intake.severity = Severity::kError;
  intake.document = "../evil.txt";
  intake.message = "压缩包条目被拒绝：../evil.txt";
  s.findings.push_back(intake);
  drop_material(s, "street_approval");
  s = judged(s);
  CHECK(has_code(s, "ARCHIVE_REJECTED"));
  CHECK(has_code(s, "MATERIAL_MISSING"));
  CHECK(s.findings.front().code == "MATERIAL_MISSING");  // tied to a material: first
  CHECK(s.verdict == "incomplete");
  const Submission again = judged(s);
  CHECK(to_json(again) == to_json(s));
}

TEST_CASE("english_rendering_of_judge_findings") {
  Submission s = clean_submission("general_model");
  drop_material(s, "street_approval");
  s = judged(s);
  const auto f = with_code(s, "MATERIAL_MISSING");
  REQUIRE(f.size() == 1);
  CHECK(render_message(the_judge().catalog(), f[0], Lang::kEn) ==
        "Required material missing: Town approval form (Songjiang industry subsidy preliminary "
        "review opinion form)");
}

TEST_CASE("one_judge_is_shared_by_threads_with_identical_results") {
  Submission base = clean_submission("general_model");
  drop_material(base, "credit_report");
  base.extracted.audit.fiscal_year = 2022;
  const nlohmann::json expected = to_json(judged(base));
  std::vector<nlohmann::json> results(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int k = 0; k < 20; ++k) results[i] = to_json(judged(base));
    });
  }
  for (std::thread& t : threads) t.join();
  for (const nlohmann::json& r : results) CHECK(r == expected);
}
