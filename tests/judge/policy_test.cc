// The policy as data (issue 7.1): loading, agreement with the contract, validation, and an
// edited copy changing the award without a rebuild.
#include "pipeline/judge/policy.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdlib>
#include <set>

#include "pipeline/judge/award.h"
#include "tests/judge/judge_fixtures.h"

using namespace shenbao;
using namespace shenbao::testing;
using nlohmann::json;

namespace {

// A scratch folder holding schemas/policy/<id>.json edited by `edit`.
class EditedPolicy {
 public:
  template <typename Edit>
  explicit EditedPolicy(Edit edit) {
    char tmpl[] = "/tmp/shenbao-policy-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir_ = tmpl;
    json doc = read_json(policy_path(schemas_dir()));
    edit(doc);
    std::filesystem::create_directories(dir_ / "policy");
    std::ofstream(dir_ / "policy" / "songjiang-2025.json") << doc.dump(2);
  }
  ~EditedPolicy() { std::filesystem::remove_all(dir_); }
  std::filesystem::path file() const { return policy_path(dir_); }

 private:
  std::filesystem::path dir_;
};

json& category(json& doc, const std::string& id) {
  for (json& c : doc["categories"]) {
    if (c["id"] == id) return c;
  }
  FAIL("no category " << id);
  return doc;
}

}  // namespace

TEST_CASE("default_policy_loads_and_is_consistent_with_the_catalog") {
  Result<Policy> p = load_policy(default_policy_path());
  REQUIRE_MESSAGE(p.ok(), p.status().ToString());
  CHECK(p->id == "songjiang-2025");
  CHECK(p->document_number == "沪松数〔2025〕16号");
  Result<FindingCatalog> c = load_finding_catalog(finding_catalog_path(schemas_dir()));
  REQUIRE(c.ok());
  CHECK(validate_policy(p.value(), &c.value()).ok());
}

TEST_CASE("policy_materials_and_categories_are_the_contracts") {
  const json schema = read_json(schemas_dir() / "submission.schema.json");
  std::vector<std::string> contract_materials = schema["definitions"]["material_id"]["enum"];
  std::vector<std::string> policy_materials;
  for (const MaterialRule& m : the_policy().materials) policy_materials.push_back(m.id);
  CHECK(policy_materials == contract_materials);  // same ids, in the order of section 七

  std::set<std::string> contract_categories;
  for (const json& c : schema["properties"]["category"]["enum"]) {
    if (c != "unknown") contract_categories.insert(c.get<std::string>());
  }
  std::set<std::string> policy_categories;
  for (const CategoryRule& c : the_policy().categories) policy_categories.insert(c.id);
  CHECK(policy_categories == contract_categories);

  std::set<std::string> row_categories;
  for (const json& c : schema["properties"]["extracted"]["properties"]["investment"]["properties"]
                             ["rows"]["items"]["properties"]["category"]["enum"]) {
    row_categories.insert(c.get<std::string>());
  }
  std::set<std::string> cost_categories;
  for (const CostCategory& c : the_policy().cost_categories) cost_categories.insert(c.id);
  CHECK(cost_categories == row_categories);
}

TEST_CASE("policy_names_materials_and_categories_as_the_rules_do") {
  const Policy& p = the_policy();
  CHECK(p.material("street_approval")->name_zh ==
        "街镇审批表（松江区产业专项补贴项目街镇初审意见表）");
  CHECK(p.material("credit_report")->name_zh == "“信用中国”企业信用信息报告");
  CHECK(p.material("audit_report")->clause == "七（五）");
  CHECK(p.category("general_model")->name_zh == "支持通用大模型设计构建");
  CHECK(p.category("security_testing")->clause == "三（四）");
  // 申报材料均需加盖企业公章 binds the materials the applicant issues, (一)–(九); 其它 may hold
  // third-party papers (the bureau's own notice), so an unsealed one is no missing seal.
  for (const MaterialRule& m : p.materials) CHECK(m.must_seal == (m.id != "other"));
}

TEST_CASE("required_materials_are_those_of_section_seven_except_honors_and_other") {
  const std::vector<std::string> expected = {
      "application_form", "business_license", "street_approval",  "credit_report",
      "audit_report",     "project_report",   "investment_table", "eligibility_proof"};
  for (const std::string& c : all_categories()) {
    CAPTURE(c);
    CHECK(the_policy().required_materials(c) == expected);
  }
  CHECK(the_policy().required_materials("unknown") == expected);
}

TEST_CASE("policy_holds_rates_caps_tiers_and_thresholds_in_fen_and_basis_points") {
  const Policy& p = the_policy();
  CHECK(p.category("general_model")->award.rate_bp == 5000);
  CHECK(p.category("general_model")->award.cap_fen == 2'000'000'000);
  CHECK(p.category("general_model")->award.hardware_share_max_bp == 3000);
  CHECK(p.category("general_model")->parameters_exceed == doctest::Approx(1e11));
  CHECK(p.category("specialized_model")->award.rate_bp == 8000);
  CHECK(p.category("specialized_model")->award.cap_fen == 500'000'000);
  CHECK(p.category("security_testing")->award.cap_fen == 25'000'000);
  CHECK(p.category("security_testing")->award.first_pass_only);
  const auto& tiers = p.category("adaptation_service")->award.tiers;
  REQUIRE(tiers.size() == 3);
  CHECK(tiers[0].min_industries == 5);
  CHECK(tiers[2].cap_fen == 20'000'000);
  CHECK(p.thresholds.credit_lookback_years == 2);
  CHECK(p.thresholds.audit_years_before_application == 1);
  CHECK(p.thresholds.audit_balance_tolerance_fen == 100);
}

TEST_CASE("editing_a_cap_in_a_copy_of_the_policy_changes_the_award_without_rebuild") {
  Extracted x;
  x.investment.rows = {{"development", "开发", 4'000'000'000}};  // 50 % = 2000万, at the cap
  CHECK(compute_award(the_policy(), "general_model", x).max_award_fen == 2'000'000'000);

  EditedPolicy edited([](json& doc) {
    category(doc, "general_model")["award"]["cap_fen"] = 100'000'000;  // 100万
    category(doc, "general_model")["award"]["rate_bp"] = 4000;
  });
  Result<Policy> p = load_policy(edited.file());
  REQUIRE_MESSAGE(p.ok(), p.status().ToString());
  const Subsidy s = compute_award(p.value(), "general_model", x);
  CHECK(s.max_award_fen == 100'000'000);
  CHECK(s.cap_fen == 100'000'000);
  CHECK(s.rate == doctest::Approx(0.4));
  x.investment.rows = {{"development", "开发", 1'000'001}};
  CHECK(compute_award(p.value(), "general_model", x).max_award_fen == 400'000);
}

TEST_CASE("editing_a_tier_boundary_moves_the_adaptation_tier") {
  EditedPolicy edited([](json& doc) {
    json& tiers = category(doc, "adaptation_service")["award"]["tiers"];
    tiers[0]["min_industries"] = 4;
    tiers[1]["max_industries"] = 3;
  });
  Result<Policy> p = load_policy(edited.file());
  REQUIRE_MESSAGE(p.ok(), p.status().ToString());
  Extracted x;
  x.adaptation.found = true;
  x.adaptation.industries = {"a", "b", "c", "d"};
  CHECK(compute_award(p.value(), "adaptation_service", x).tier == 1);
  CHECK(compute_award(the_policy(), "adaptation_service", x).tier == 2);
}

TEST_CASE("validate_policy_rejects_inconsistent_editions") {
  struct BadEdit {
    const char* what;
    void (*edit)(json&);
  };
  const BadEdit edits[] = {
      {"rate above 100 %",
       [](json& d) { category(d, "general_model")["award"]["rate_bp"] = 10001; }},
      {"zero cap", [](json& d) { category(d, "specialized_model")["award"]["cap_fen"] = 0; }},
      {"gap between tiers",
       [](json& d) {
         category(d, "adaptation_service")["award"]["tiers"][1]["max_industries"] = 3;
       }},
      {"tier cap above the category cap",
       [](json& d) {
         category(d, "adaptation_service")["award"]["tiers"][0]["cap_fen"] = 100'000'001;
       }},
      {"evidence of an unknown field",
       [](json& d) {
         category(d, "adaptation_service")["evidence"][0]["checks"][0]["field"] =
             "adaptation.sectors";
       }},
      {"required for an unknown category",
       [](json& d) { d["materials"][0]["required"].push_back("quantum"); }},
      {"duplicate material", [](json& d) { d["materials"][1]["id"] = "application_form"; }},
      {"cap as a string",
       [](json& d) { category(d, "general_model")["award"]["cap_fen"] = "2000万"; }},
      {"missing thresholds", [](json& d) { d.erase("thresholds"); }},
      {"unknown award basis",
       [](json& d) { category(d, "general_model")["award"]["basis"] = "vibes"; }},
  };
  for (const BadEdit& e : edits) {
    CAPTURE(e.what);
    EditedPolicy edited(e.edit);
    Result<Policy> p = load_policy(edited.file());
    CHECK_FALSE(p.ok());
    CHECK(p.status().code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("validate_policy_with_catalog_rejects_an_unknown_finding_code") {
  Policy p = the_policy();
  p.categories[0].evidence[0].finding = "FILING_LOST";
  CHECK(validate_policy(p).ok());  // without a catalog the code is not checked
  CHECK_FALSE(validate_policy(p, &the_judge().catalog()).ok());
}

TEST_CASE("load_policy_reports_a_missing_file_as_not_found") {
  Result<Policy> p = load_policy("/nonexistent/policy.json");
  CHECK(p.status().code() == Status::Code::kNotFound);
}
