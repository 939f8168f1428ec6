// The policy: one edition of the district's rules as data (schemas/policy/<edition>.json).
//
// A Policy says which materials an application needs (section 七), which must bear the
// company seal, the four support categories (section 三) with their rate, cap, tiers,
// hardware limit and category-specific evidence, and the thresholds of the general
// conditions (section 二). Every rule carries the clause it comes from, so findings and
// award steps can cite it. Nothing of this is repeated in C++: changing a cap in the JSON
// changes the award without a rebuild.
//
// Money is int64 fen; rates and shares are basis points (1 bp = 0.01 %), so that money
// never goes through floating point.
//
//   Result<Policy> p = load_policy(default_policy_path());
//   if (!p.ok()) die(p.status().ToString());
//   const CategoryRule* c = p->category("general_model");
//
// Thread safety: a Policy is an immutable value after loading; share it freely.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace shenbao {

class FindingCatalog;

// One material of section 七.
struct MaterialRule {
  std::string id;  // contract material id ("street_approval")
  std::string
      name_zh;  // as the rules name it ("街镇审批表（松江区产业专项补贴项目街镇初审意见表）")
  std::string name_en;
  std::string clause;                     // "七（三）"
  std::vector<std::string> required_for;  // category ids that require it (empty: optional)
  bool must_seal = true;                  // 申报材料均需加盖企业公章
};

// One check of a piece of category evidence on submission.json's `extracted` object.
struct EvidenceCheck {
  enum class Rule {
    kPresent,  // the field is not null
    kOneOf,    // the field's value is one of `values` (null allowed when listed)
  };
  std::string field;  // path under extracted, dot-separated ("filing.number")
  Rule rule = Rule::kPresent;
  nlohmann::json values = nlohmann::json::array();  // for kOneOf
  std::string variant;  // finding message variant when this check fails ("" = default)
};

// A category-specific requirement (domain.md "Category-specific materials").
struct EvidenceRule {
  std::string id;  // "filing"
  std::string name_zh, name_en;
  std::string clause;
  std::string finding;   // code raised when a check fails; empty: not checked for completeness
  std::string material;  // material the finding is tied to ("eligibility_proof")
  std::vector<EvidenceCheck> checks;  // in order; the first failing one names the variant
};

// A tier of the adaptation-service award (三（三）2).
struct AwardTier {
  int tier = 0;                       // 1, 2, 3
  int min_industries = 0;             // inclusive
  std::optional<int> max_industries;  // inclusive; nullopt: no upper bound
  int64_t cap_fen = 0;
  std::string text;  // the rule's wording
};

// What a category's award is computed from.
enum class AwardBasis {
  kRdCost,         // rate × eligible R&D cost (hardware limited), capped
  kIndustryTiers,  // a fixed maximum by number of industries served
  kTestFee,        // rate × security testing fee, capped, first pass only
};

struct AwardRule {
  AwardBasis basis = AwardBasis::kRdCost;
  std::optional<int> rate_bp;                // 5000 = 50 %; nullopt for tiers
  int64_t cap_fen = 0;                       // the category's highest award
  std::optional<int> hardware_share_max_bp;  // hardware ≤ this share of R&D cost
  bool first_pass_only = false;              // 仅支持首次通过测试
  std::vector<AwardTier> tiers;              // kIndustryTiers, tier 1 first
  std::string clause;                        // "三（一）2"
};

// One support category of section 三.
struct CategoryRule {
  std::string id;       // "general_model"
  std::string name_zh;  // "支持通用大模型设计构建"
  std::string name_en;
  std::string clause;                       // "三（一）"
  std::optional<double> parameters_exceed;  // the model must have MORE parameters than this
  std::string parameters_clause;
  AwardRule award;
  std::vector<EvidenceRule> evidence;
};

struct CostCategory {
  std::string id;  // the contract's investment row category ("hardware")
  std::string name_zh, name_en;
};

struct PolicyThresholds {
  int credit_lookback_years = 2;  // 两年内无不良信用记录
  std::string credit_clause;
  int audit_years_before_application = 1;  // 上一年度审计报告
  std::string audit_clause;
  int64_t audit_balance_tolerance_fen = 100;  // |assets − (liabilities + equity)| allowed
  int64_t investment_sum_tolerance_fen = 0;   // |rows − stated total| allowed
  // |table total − the project report's 实际总投资| allowed: reports state totals in 万元 with
  // two decimals, so they are rounded to 100 yuan (at most 50 yuan, 5000 fen, off).
  int64_t report_total_tolerance_fen = 5000;
  std::string investment_clause;
  std::string location_clause;  // 本区依法设立
};

class Policy {
 public:
  std::string id;                       // "songjiang-2025"
  std::string title;                    // 松江区智算服务业专项支持实施细则
  std::string document_number;          // 沪松数〔2025〕16号
  std::string seal_clause;              // "七"
  std::vector<MaterialRule> materials;  // in the order of section 七
  std::vector<CostCategory> cost_categories;
  std::vector<CategoryRule> categories;  // in the order of section 三
  PolicyThresholds thresholds;
  nlohmann::json award_steps = nlohmann::json::object();  // templates of subsidy.steps

  // Lookups; nullptr when unknown.
  const MaterialRule* material(const std::string& id) const;
  const CategoryRule* category(const std::string& id) const;
  const CostCategory* cost_category(const std::string& id) const;
  // Position of a material in section 七 (for ordering findings); materials.size() if unknown.
  size_t material_index(const std::string& id) const;
  // Material ids required for `category`; for an unknown category, those every category needs.
  std::vector<std::string> required_materials(const std::string& category) const;
  // The award_steps template `name`, "" when absent.
  std::string step_template(const std::string& name) const;
};

// The policy file of an edition: <schemas_dir>/policy/<edition>.json.
std::filesystem::path policy_path(const std::filesystem::path& schemas_dir,
                                  const std::string& edition = "songjiang-2025");
// policy_path(default_schemas_dir()).
std::filesystem::path default_policy_path();

// Reads and parses a policy file, then validate_policy(). Errors: kNotFound (no file),
// kInvalidArgument (not JSON, a missing or mistyped key, an inconsistent rule; the message
// names the key).
Result<Policy> load_policy(const std::filesystem::path& file);
// The same from a JSON value (tests, edited copies).
Result<Policy> parse_policy(const nlohmann::json& doc);

// Consistency of a policy: unique ids, required_for naming known categories, rates in
// 1..10000 bp, positive caps, tiers ordered without gaps or overlaps and within the
// category cap, evidence fields that exist in submission.json's `extracted`, known cost
// categories including "hardware". With a catalog, also that every evidence finding code
// and variant exists in it. kInvalidArgument naming the first problem.
Status validate_policy(const Policy& policy, const FindingCatalog* catalog = nullptr);

}  // namespace shenbao
