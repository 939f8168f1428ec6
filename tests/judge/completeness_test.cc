// Completeness schemas generated from the policy (issue 7.2): they agree with the policy,
// match the committed copies in schemas/completeness/, accept a clean submission and map
// their violations to the contract's findings.
//
// To regenerate the committed copies after a policy edit:
//   SHENBAO_WRITE_COMPLETENESS=1 build-*/tests/test_judge -tc='committed*'
#include "pipeline/judge/completeness.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <set>

#include "pipeline/emit/submission_json.h"
#include "tests/judge/judge_fixtures.h"

using namespace shenbao;
using namespace shenbao::testing;
using nlohmann::json;

TEST_CASE("completeness_schema_requires_every_required_material_of_the_policy") {
  std::vector<std::string> categories = all_categories();
  categories.push_back("unknown");
  for (const std::string& c : categories) {
    CAPTURE(c);
    const json schema = completeness_schema(the_policy(), c);
    const json& materials = schema["properties"]["materials"];
    std::vector<std::string> required = materials["required"];
    CHECK(required == the_policy().required_materials(c));
    for (const std::string& id : required) {
      CHECK(materials["properties"][id]["properties"]["present"]["const"] == true);
    }
    CHECK_FALSE(materials["properties"].contains("honors"));
    // Every material that must be sealed is in the documents' seal condition.
    const json& sealed_enum = schema["properties"]["documents"]["items"]["if"]["anyOf"][0]
                                    ["properties"]["material"]["enum"];
    for (const MaterialRule& m : the_policy().materials) {
      CHECK((std::find(sealed_enum.begin(), sealed_enum.end(), m.id) != sealed_enum.end()) ==
            m.must_seal);
    }
  }
}

TEST_CASE("completeness_schema_carries_the_category_evidence") {
  const json general = completeness_schema(the_policy(), "general_model");
  const json& filing = general["properties"]["extracted"]["properties"]["filing"];
  CHECK(filing["properties"]["number"]["not"] == json{{"type", "null"}});
  CHECK(filing["properties"]["kind"]["enum"] == json::array({"filing", nullptr}));
  const json specialized = completeness_schema(the_policy(), "specialized_model");
  CHECK_FALSE(specialized["properties"]["extracted"]["properties"]["filing"]["properties"].contains(
      "kind"));
  const json adaptation = completeness_schema(the_policy(), "adaptation_service");
  CHECK(adaptation["properties"]["extracted"]["properties"]["adaptation"]["properties"].contains(
      "industries"));
  const json security = completeness_schema(the_policy(), "security_testing");
  const json& sec = security["properties"]["extracted"]["properties"]["security"]["properties"];
  CHECK(sec.contains("test_fee_fen"));
  CHECK(sec.contains("lab_name"));
  const json unknown = completeness_schema(the_policy(), "unknown");
  CHECK_FALSE(unknown["properties"]["extracted"].contains("properties"));
}

TEST_CASE("committed_completeness_schemas_equal_the_generated_ones") {
  const std::filesystem::path dir = schemas_dir() / "completeness";
  if (std::getenv("SHENBAO_WRITE_COMPLETENESS")) {
    REQUIRE(write_completeness_schemas(the_policy(), dir).ok());
  }
  for (const std::string& c : completeness_categories(the_policy())) {
    CAPTURE(c);
    const std::filesystem::path file = dir / completeness_schema_file_name(the_policy(), c);
    std::ifstream in(file, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), file.string() << " missing");
    std::stringstream ss;
    ss << in.rdbuf();
    CHECK(ss.str() == completeness_schema_text(the_policy(), c));
  }
}

TEST_CASE("committed_completeness_schema_loads_in_the_emit_validator_and_agrees") {
  // Downstream systems can use the file on disk with any draft-07 validator; emit's does.
  auto v = SchemaValidator::load(schemas_dir() / "completeness" /
                                 completeness_schema_file_name(the_policy(), "general_model"));
  REQUIRE_MESSAGE(v.ok(), v.status().ToString());
  Submission s = clean_submission("general_model");
  fill_materials(the_policy(), s);
  CHECK(v.value()->validate(to_json(s)).empty());
  s.documents[2].sealed = false;
  fill_materials(the_policy(), s);
  CHECK_FALSE(v.value()->validate(to_json(s)).empty());
}

TEST_CASE("clean_submissions_satisfy_their_completeness_schema") {
  for (const std::string& c : all_categories()) {
    CAPTURE(c);
    Submission s = clean_submission(c);
    fill_materials(the_policy(), s);
    const CompletenessValidator& v = the_judge().completeness(c);
    CHECK(v.violations(to_json(s)).empty());
    CHECK(v.check(to_json(s), the_policy(), the_judge().catalog()).empty());
  }
}

TEST_CASE("missing_material_maps_to_material_missing_named_as_the_rules_name_it") {
  Submission s = clean_submission("security_testing");
  s.documents.erase(
      std::remove_if(s.documents.begin(), s.documents.end(),
                     [](const DocumentRecord& d) { return d.material == "street_approval"; }),
      s.documents.end());
  fill_materials(the_policy(), s);
  const auto findings = the_judge()
                            .completeness("security_testing")
                            .check(to_json(s), the_policy(), the_judge().catalog());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "MATERIAL_MISSING");
  CHECK(findings[0].material == "street_approval");
  CHECK(findings[0].message == "缺少必需材料：街镇审批表（松江区产业专项补贴项目街镇初审意见表）");
  CHECK(findings[0].severity == Severity::kError);
}

TEST_CASE("a_submission_json_without_a_materials_key_still_maps_to_material_missing") {
  Submission s = clean_submission("general_model");
  fill_materials(the_policy(), s);
  json doc = to_json(s);
  doc["materials"].erase("credit_report");
  const auto findings =
      the_judge().completeness("general_model").check(doc, the_policy(), the_judge().catalog());
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "MATERIAL_MISSING");
  CHECK(findings[0].material == "credit_report");
}

TEST_CASE("unknown_category_uses_the_materials_every_category_needs") {
  CHECK(the_judge().completeness("no_such_category").category() == "unknown");
  CHECK(&the_judge().completeness("no_such_category") == &the_judge().completeness("unknown"));
}
