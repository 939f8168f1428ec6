// The finding catalog (schemas/findings.json), make_finding, English rendering, the verdict
// and the order of findings (issue 7.3, 7.5).
#include <doctest/doctest.h>

#include <set>

#include "pipeline/judge/finding_catalog.h"
#include "pipeline/judge/verdict.h"
#include "tests/judge/judge_fixtures.h"

using namespace shenbao;
using namespace shenbao::testing;
using nlohmann::json;

namespace {

const FindingCatalog& catalog() { return the_judge().catalog(); }

Finding finding(const std::string& code, Severity severity, const std::string& material = "",
                const std::string& document = "") {
  Finding f;
  f.code = code;
  f.severity = severity;
  f.material = material;
  f.document = document;
  f.message = code;
  return f;
}

}  // namespace

TEST_CASE("catalog_has_every_contract_finding_code_and_nothing_else") {
  const json schema = read_json(schemas_dir() / "submission.schema.json");
  std::set<std::string> contract;
  for (const json& c : schema["properties"]["findings"]["items"]["properties"]["code"]["enum"]) {
    contract.insert(c.get<std::string>());
  }
  std::set<std::string> codes;
  for (const auto& [code, kind] : catalog().codes) codes.insert(code);
  CHECK(codes == contract);
}

TEST_CASE("catalog_verdict_classes_are_the_contracts") {
  std::set<std::string> ineligible, incomplete;
  for (const auto& [code, kind] : catalog().codes) {
    if (kind.verdict == VerdictClass::kIneligible) ineligible.insert(code);
    if (kind.verdict == VerdictClass::kIncomplete) incomplete.insert(code);
  }
  CHECK(ineligible == std::set<std::string>{"NOT_IN_SONGJIANG", "CREDIT_SERIOUS_DISHONESTY",
                                            "PARAMETERS_BELOW_THRESHOLD"});
  CHECK(incomplete == std::set<std::string>{"MATERIAL_MISSING", "SEAL_MISSING", "FILING_MISSING"});
}

TEST_CASE("make_finding_takes_severity_and_chinese_message_from_the_catalog") {
  const Finding f =
      make_finding(catalog(), "MATERIAL_MISSING", "street_approval", "", std::nullopt, "",
                   {{"material_name", "街镇审批表（松江区产业专项补贴项目街镇初审意见表）"}});
  CHECK(f.severity == Severity::kError);
  CHECK(f.message == "缺少必需材料：街镇审批表（松江区产业专项补贴项目街镇初审意见表）");
  CHECK(f.material == "street_approval");
  const Finding dup = make_finding(catalog(), "DUPLICATE_DOCUMENT", "", "a/b.pdf", 3, "");
  CHECK(dup.message == "文件内容重复：a/b.pdf");
  CHECK(dup.severity == Severity::kWarning);
}

TEST_CASE("make_finding_variant_overrides_message_and_severity") {
  const Finding f =
      make_finding(catalog(), "INVESTMENT_SUM_MISMATCH", "project_report", "", std::nullopt, "",
                   {{"variant", "project_total"},
                    {"stated_total", "1元"},
                    {"project_total", "2元"},
                    {"difference", "1元"}});
  CHECK(f.severity == Severity::kWarning);
  CHECK(f.message == "投资明细表总计1元与项目情况报告所述实际总投资2元不一致，相差1元");
  const Finding base = make_finding(catalog(), "INVESTMENT_SUM_MISMATCH", "investment_table", "",
                                    std::nullopt, "", {});
  CHECK(base.severity == Severity::kError);
}

TEST_CASE("make_finding_with_an_unknown_code_keeps_the_finding_as_an_error") {
  const Finding f = make_finding(catalog(), "NO_SUCH_CODE", "", "x.pdf", std::nullopt, "d");
  CHECK(f.code == "NO_SUCH_CODE");
  CHECK(f.severity == Severity::kError);
  CHECK(f.message == "NO_SUCH_CODE");
}

TEST_CASE("render_message_in_english_uses_the_findings_params") {
  const Finding f = make_finding(catalog(), "OCR_LOW_CONFIDENCE", "", "scan.jpg", 2, "");
  CHECK(f.message == "scan.jpg 第2页文字识别置信度低，所读数值需人工核对");
  CHECK(render_message(catalog(), f, Lang::kEn) ==
        "scan.jpg page 2: OCR confidence is low; check the values read from it");
  CHECK(render_message(catalog(), f, Lang::kZh) == f.message);
}

TEST_CASE("render_message_falls_back_to_chinese_when_a_value_is_missing") {
  Finding f;  // built by hand, as intake does, without params
  f.code = "MATERIAL_MISSING";
  f.message = "缺少必需材料：项目申报书";
  CHECK(render_message(catalog(), f, Lang::kEn) == f.message);
}

TEST_CASE("every_catalog_template_renders_in_both_languages") {
  for (const auto& [code, kind] : catalog().codes) {
    CAPTURE(code);
    CHECK_FALSE(kind.base.zh.empty());
    CHECK_FALSE(kind.base.en.empty());
    for (const auto& [name, t] : kind.variants) {
      CAPTURE(name);
      CHECK_FALSE(t.zh.empty());
      CHECK_FALSE(t.en.empty());
    }
  }
}

TEST_CASE("render_template_leaves_unknown_placeholders_and_reports_them") {
  std::vector<std::string> missing;
  CHECK(render_template("{a}和{b}", {{"a", "甲"}}, &missing) == "甲和{b}");
  CHECK(missing == std::vector<std::string>{"b"});
}

TEST_CASE("format_yuan_and_percent_are_exact") {
  CHECK(format_yuan(0) == "0.00元");
  CHECK(format_yuan(5) == "0.05元");
  CHECK(format_yuan(123456789) == "1,234,567.89元");
  CHECK(format_yuan(-100000) == "-1,000.00元");
  CHECK(format_yuan(2'000'000'000) == "20,000,000.00元");
  CHECK(format_percent_bp(5000) == "50%");
  CHECK(format_percent_bp(3001) == "30.01%");
  CHECK(format_percent_bp(3010) == "30.1%");
}

TEST_CASE("verdict_for_each_class_with_precedence") {
  using V = std::vector<Finding>;
  CHECK(decide_verdict(catalog(), V{}) == "complete");
  CHECK(decide_verdict(catalog(), V{finding("DUPLICATE_DOCUMENT", Severity::kInfo)}) == "complete");
  CHECK(decide_verdict(catalog(), V{finding("CREDIT_RECORDS_FOUND", Severity::kWarning)}) ==
        "needs_review");
  CHECK(decide_verdict(catalog(), V{finding("CATEGORY_UNKNOWN", Severity::kError)}) ==
        "needs_review");
  CHECK(decide_verdict(catalog(), V{finding("CREDIT_RECORDS_FOUND", Severity::kWarning),
                                    finding("SEAL_MISSING", Severity::kError)}) == "incomplete");
  CHECK(decide_verdict(catalog(), V{finding("FILING_MISSING", Severity::kError)}) == "incomplete");
  CHECK(decide_verdict(catalog(), V{finding("MATERIAL_MISSING", Severity::kError),
                                    finding("NOT_IN_SONGJIANG", Severity::kError)}) ==
        "ineligible");
  CHECK(decide_verdict(catalog(), V{finding("PARAMETERS_BELOW_THRESHOLD", Severity::kError)}) ==
        "ineligible");
  CHECK(decide_verdict(catalog(), V{finding("CREDIT_SERIOUS_DISHONESTY", Severity::kError)}) ==
        "ineligible");
  CHECK(decide_verdict(catalog(), V{finding("SOMETHING_NEW", Severity::kWarning)}) ==
        "needs_review");
}

TEST_CASE("findings_are_ordered_by_severity_material_order_document_then_code") {
  std::vector<Finding> v = {
      finding("DUPLICATE_DOCUMENT", Severity::kWarning, "", "z.pdf"),
      finding("SEAL_MISSING", Severity::kError, "audit_report", "b.pdf"),
      finding("SEAL_MISSING", Severity::kError, "audit_report", "a.pdf"),
      finding("MATERIAL_MISSING", Severity::kError, "street_approval"),
      finding("ARCHIVE_REJECTED", Severity::kError, "", "evil.zip"),
      finding("AUDIT_UNBALANCED", Severity::kWarning, "audit_report", "a.pdf"),
      finding("AUDIT_YEAR_MISMATCH", Severity::kError, "audit_report", "a.pdf"),
  };
  order_findings(the_policy(), v);
  std::vector<std::string> order;
  for (const Finding& f : v) order.push_back(f.code + "@" + f.document);
  CHECK(order == std::vector<std::string>{
                     "MATERIAL_MISSING@",          // error, 七（三）
                     "AUDIT_YEAR_MISMATCH@a.pdf",  // error, 七（五）, a.pdf, code A < S
                     "SEAL_MISSING@a.pdf",
                     "SEAL_MISSING@b.pdf",
                     "ARCHIVE_REJECTED@evil.zip",  // error, no material: last of errors
                     "AUDIT_UNBALANCED@a.pdf",     // warnings
                     "DUPLICATE_DOCUMENT@z.pdf",
                 });
}

TEST_CASE("dedupe_keeps_the_first_of_identical_findings_only") {
  std::vector<Finding> v = {finding("SEAL_MISSING", Severity::kError, "audit_report", "a.pdf"),
                            finding("SEAL_MISSING", Severity::kError, "audit_report", "a.pdf"),
                            finding("SEAL_MISSING", Severity::kError, "audit_report", "b.pdf")};
  dedupe_findings(v);
  REQUIRE(v.size() == 2);
  CHECK(v[0].document == "a.pdf");
  CHECK(v[1].document == "b.pdf");
}

TEST_CASE("render_message_of_a_json_finding_uses_its_params_when_present") {
  const Finding f = make_finding(catalog(), "OCR_LOW_CONFIDENCE", "", "scan.jpg", 2, "");
  json j = {{"code", f.code}, {"message", f.message}, {"document", f.document}, {"page", 2}};
  CHECK(render_message(catalog(), j, Lang::kEn) ==
        "scan.jpg page 2: OCR confidence is low; check the values read from it");
  const Finding m = make_finding(catalog(), "MATERIAL_MISSING", "honors", "", std::nullopt, "",
                                 {{"material_name", "已获得荣誉的印证材料"},
                                  {"material_name_en", "Evidence of honours received"}});
  json k = {{"code", m.code}, {"message", m.message}, {"document", nullptr}, {"page", nullptr}};
  CHECK(render_message(catalog(), k, Lang::kEn) == m.message);  // no params: Chinese
  k["params"] = m.params;
  CHECK(render_message(catalog(), k, Lang::kEn) ==
        "Required material missing: Evidence of honours received");
}
