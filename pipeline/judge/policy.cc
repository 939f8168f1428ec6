#include "pipeline/judge/policy.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "extractors/patterns.h"
#include "pipeline/emit/submission_json.h"
#include "pipeline/judge/finding_catalog.h"

namespace shenbao {

namespace {

using nlohmann::json;

// Thrown by the readers below and caught in parse_policy: a malformed key, with its path.
struct PolicyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& member(const json& obj, const std::string& key, const std::string& where) {
  if (!obj.is_object()) throw PolicyError(where + ": not an object");
  auto it = obj.find(key);
  if (it == obj.end()) throw PolicyError(where + "." + key + ": missing");
  return *it;
}

std::string get_string(const json& obj, const std::string& key, const std::string& where,
                       bool required = true) {
  if (!required && (!obj.contains(key) || obj[key].is_null())) return "";
  const json& v = member(obj, key, where);
  if (!v.is_string()) throw PolicyError(where + "." + key + ": not a string");
  return v.get<std::string>();
}

int64_t get_int(const json& obj, const std::string& key, const std::string& where) {
  const json& v = member(obj, key, where);
  if (!v.is_number_integer()) throw PolicyError(where + "." + key + ": not an integer");
  return v.get<int64_t>();
}

std::optional<int64_t> get_opt_int(const json& obj, const std::string& key,
                                   const std::string& where) {
  if (!obj.contains(key) || obj[key].is_null()) return std::nullopt;
  return get_int(obj, key, where);
}

bool get_bool(const json& obj, const std::string& key, const std::string& where, bool fallback) {
  if (!obj.contains(key)) return fallback;
  const json& v = obj[key];
  if (!v.is_boolean()) throw PolicyError(where + "." + key + ": not a boolean");
  return v.get<bool>();
}

const json& get_array(const json& obj, const std::string& key, const std::string& where) {
  const json& v = member(obj, key, where);
  if (!v.is_array()) throw PolicyError(where + "." + key + ": not an array");
  return v;
}

MaterialRule parse_material(const json& j, const std::string& where) {
  MaterialRule m;
  m.id = get_string(j, "id", where);
  m.name_zh = get_string(j, "name_zh", where);
  m.name_en = get_string(j, "name_en", where);
  m.clause = get_string(j, "clause", where);
  for (const json& c : get_array(j, "required", where)) {
    if (!c.is_string()) throw PolicyError(where + ".required: not a list of category ids");
    m.required_for.push_back(c.get<std::string>());
  }
  m.must_seal = get_bool(j, "must_seal", where, true);
  return m;
}

EvidenceRule parse_evidence(const json& j, const std::string& where) {
  EvidenceRule e;
  e.id = get_string(j, "id", where);
  e.name_zh = get_string(j, "name_zh", where);
  e.name_en = get_string(j, "name_en", where);
  e.clause = get_string(j, "clause", where);
  e.finding = get_string(j, "finding", where, /*required=*/false);
  e.material = get_string(j, "material", where);
  const json& checks = get_array(j, "checks", where);
  for (size_t i = 0; i < checks.size(); ++i) {
    const std::string w = where + ".checks[" + std::to_string(i) + "]";
    EvidenceCheck c;
    c.field = get_string(checks[i], "field", w);
    const std::string rule = get_string(checks[i], "rule", w);
    if (rule == "present") {
      c.rule = EvidenceCheck::Rule::kPresent;
    } else if (rule == "one_of") {
      c.rule = EvidenceCheck::Rule::kOneOf;
      c.values = get_array(checks[i], "values", w);
    } else {
      throw PolicyError(w + ".rule: \"" + rule + "\" is not present | one_of");
    }
    c.variant = get_string(checks[i], "variant", w, /*required=*/false);
    e.checks.push_back(std::move(c));
  }
  return e;
}

AwardRule parse_award(const json& j, const std::string& where) {
  AwardRule a;
  const std::string basis = get_string(j, "basis", where);
  if (basis == "rd_cost") {
    a.basis = AwardBasis::kRdCost;
  } else if (basis == "industry_tiers") {
    a.basis = AwardBasis::kIndustryTiers;
  } else if (basis == "test_fee") {
    a.basis = AwardBasis::kTestFee;
  } else {
    throw PolicyError(where + ".basis: \"" + basis +
                      "\" is not rd_cost | industry_tiers | test_fee");
  }
  if (auto r = get_opt_int(j, "rate_bp", where)) a.rate_bp = static_cast<int>(*r);
  a.cap_fen = get_int(j, "cap_fen", where);
  if (auto h = get_opt_int(j, "hardware_share_max_bp", where)) {
    a.hardware_share_max_bp = static_cast<int>(*h);
  }
  a.first_pass_only = get_bool(j, "first_pass_only", where, false);
  a.clause = get_string(j, "clause", where);
  if (j.contains("tiers")) {
    const json& tiers = get_array(j, "tiers", where);
    for (size_t i = 0; i < tiers.size(); ++i) {
      const std::string w = where + ".tiers[" + std::to_string(i) + "]";
      AwardTier t;
      t.tier = static_cast<int>(get_int(tiers[i], "tier", w));
      t.min_industries = static_cast<int>(get_int(tiers[i], "min_industries", w));
      if (auto m = get_opt_int(tiers[i], "max_industries", w)) {
        t.max_industries = static_cast<int>(*m);
      }
      t.cap_fen = get_int(tiers[i], "cap_fen", w);
      t.text = get_string(tiers[i], "text", w, /*required=*/false);
      a.tiers.push_back(std::move(t));
    }
  }
  return a;
}

CategoryRule parse_category(const json& j, const std::string& where) {
  CategoryRule c;
  c.id = get_string(j, "id", where);
  c.name_zh = get_string(j, "name_zh", where);
  c.name_en = get_string(j, "name_en", where);
  c.clause = get_string(j, "clause", where);
  if (j.contains("parameters_exceed") && !j["parameters_exceed"].is_null()) {
    if (!j["parameters_exceed"].is_number()) {
      throw PolicyError(where + ".parameters_exceed: not a number");
    }
    c.parameters_exceed = j["parameters_exceed"].get<double>();
    c.parameters_clause = get_string(j, "parameters_clause", where);
  }
  c.award = parse_award(member(j, "award", where), where + ".award");
  if (j.contains("evidence")) {
    const json& ev = get_array(j, "evidence", where);
    for (size_t i = 0; i < ev.size(); ++i) {
      c.evidence.push_back(parse_evidence(ev[i], where + ".evidence[" + std::to_string(i) + "]"));
    }
  }
  return c;
}

// True when `dotted` ("filing.number") names a key of `obj` (submission.json's extracted).
bool has_path(const json& obj, const std::string& dotted) {
  const json* cur = &obj;
  std::stringstream ss(dotted);
  std::string part;
  while (std::getline(ss, part, '.')) {
    if (!cur->is_object() || !cur->contains(part)) return false;
    cur = &(*cur)[part];
  }
  return true;
}

Status invalid(const Policy& p, const std::string& what) {
  return Status::InvalidArgument("policy " + p.id + ": " + what);
}

}  // namespace

const MaterialRule* Policy::material(const std::string& id) const {
  for (const MaterialRule& m : materials) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

const CategoryRule* Policy::category(const std::string& id) const {
  for (const CategoryRule& c : categories) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

const CostCategory* Policy::cost_category(const std::string& id) const {
  for (const CostCategory& c : cost_categories) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

size_t Policy::material_index(const std::string& id) const {
  for (size_t i = 0; i < materials.size(); ++i) {
    if (materials[i].id == id) return i;
  }
  return materials.size();
}

std::vector<std::string> Policy::required_materials(const std::string& category_id) const {
  std::vector<std::string> out;
  const bool known = category(category_id) != nullptr;
  for (const MaterialRule& m : materials) {
    bool required;
    if (known) {
      required = std::find(m.required_for.begin(), m.required_for.end(), category_id) !=
                 m.required_for.end();
    } else {
      required = !categories.empty();
      for (const CategoryRule& c : categories) {
        if (std::find(m.required_for.begin(), m.required_for.end(), c.id) == m.required_for.end()) {
          required = false;
        }
      }
    }
    if (required) out.push_back(m.id);
  }
  return out;
}

std::string Policy::step_template(const std::string& name) const {
  auto it = award_steps.find(name);
  if (it == award_steps.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::filesystem::path policy_path(const std::filesystem::path& schemas_dir,
                                  const std::string& edition) {
  return schemas_dir / "policy" / (edition + ".json");
}

std::filesystem::path default_policy_path() { return policy_path(default_schemas_dir()); }

Result<Policy> parse_policy(const json& doc) {
  Policy p;
  try {
    const std::string root = "policy";
    p.id = get_string(doc, "id", root);
    p.title = get_string(doc, "title", root);
    p.document_number = get_string(doc, "document_number", root);
    p.seal_clause = get_string(member(doc, "seal", root), "clause", root + ".seal");
    const json& materials = get_array(doc, "materials", root);
    for (size_t i = 0; i < materials.size(); ++i) {
      p.materials.push_back(parse_material(materials[i], "materials[" + std::to_string(i) + "]"));
    }
    const json& costs = get_array(doc, "cost_categories", root);
    for (size_t i = 0; i < costs.size(); ++i) {
      const std::string w = "cost_categories[" + std::to_string(i) + "]";
      p.cost_categories.push_back({get_string(costs[i], "id", w),
                                   get_string(costs[i], "name_zh", w),
                                   get_string(costs[i], "name_en", w)});
    }
    const json& categories = get_array(doc, "categories", root);
    for (size_t i = 0; i < categories.size(); ++i) {
      p.categories.push_back(
          parse_category(categories[i], "categories[" + std::to_string(i) + "]"));
    }
    const json& t = member(doc, "thresholds", root);
    const std::string tw = "thresholds";
    p.thresholds.credit_lookback_years = static_cast<int>(get_int(t, "credit_lookback_years", tw));
    p.thresholds.credit_clause = get_string(t, "credit_clause", tw);
    p.thresholds.audit_years_before_application =
        static_cast<int>(get_int(t, "audit_years_before_application", tw));
    p.thresholds.audit_clause = get_string(t, "audit_clause", tw);
    p.thresholds.audit_balance_tolerance_fen = get_int(t, "audit_balance_tolerance_fen", tw);
    p.thresholds.investment_sum_tolerance_fen = get_int(t, "investment_sum_tolerance_fen", tw);
    p.thresholds.report_total_tolerance_fen = get_int(t, "report_total_tolerance_fen", tw);
    p.thresholds.investment_clause = get_string(t, "investment_clause", tw);
    p.thresholds.location_clause = get_string(t, "location_clause", tw);
    p.award_steps = member(doc, "award_steps", root);
    if (!p.award_steps.is_object()) throw PolicyError("award_steps: not an object");
  } catch (const PolicyError& e) {
    return Status::InvalidArgument(std::string("policy: ") + e.what());
  } catch (const json::exception& e) {  // a number out of range for its type
    return Status::InvalidArgument(std::string("policy: ") + e.what());
  }
  Status st = validate_policy(p);
  if (!st.ok()) return st;
  return p;
}

Result<Policy> load_policy(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open policy " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidArgument("policy is not JSON: " + file.string());
  return parse_policy(doc);
}

Status validate_policy(const Policy& p, const FindingCatalog* catalog) {
  if (p.id.empty()) return Status::InvalidArgument("policy: empty id");
  if (p.materials.empty()) return invalid(p, "no materials");
  if (p.categories.empty()) return invalid(p, "no categories");

  std::set<std::string> category_ids;
  for (const CategoryRule& c : p.categories) {
    if (c.id.empty() || c.id == "unknown") return invalid(p, "bad category id \"" + c.id + "\"");
    if (!category_ids.insert(c.id).second) return invalid(p, "duplicate category " + c.id);
  }
  std::set<std::string> material_ids;
  for (const MaterialRule& m : p.materials) {
    if (m.id.empty() || m.name_zh.empty()) return invalid(p, "a material without id or name");
    if (!material_ids.insert(m.id).second) return invalid(p, "duplicate material " + m.id);
    for (const std::string& c : m.required_for) {
      if (!category_ids.count(c)) {
        return invalid(p, "material " + m.id + " required for unknown category " + c);
      }
    }
  }
  std::set<std::string> cost_ids;
  for (const CostCategory& c : p.cost_categories) {
    if (!cost_ids.insert(c.id).second) return invalid(p, "duplicate cost category " + c.id);
  }
  if (!cost_ids.count("hardware")) return invalid(p, "cost_categories lacks hardware");

  const json extracted = to_json(Submission{})["extracted"];
  for (const CategoryRule& c : p.categories) {
    const AwardRule& a = c.award;
    const std::string where = "category " + c.id + ": ";
    if (a.cap_fen <= 0) return invalid(p, where + "cap_fen must be positive");
    if (a.rate_bp && (*a.rate_bp <= 0 || *a.rate_bp > 10000)) {
      return invalid(p, where + "rate_bp must be in 1..10000");
    }
    if (a.hardware_share_max_bp &&
        (*a.hardware_share_max_bp < 0 || *a.hardware_share_max_bp >= 10000)) {
      return invalid(p, where + "hardware_share_max_bp must be in 0..9999");
    }
    switch (a.basis) {
      case AwardBasis::kRdCost:
      case AwardBasis::kTestFee:
        if (!a.rate_bp) return invalid(p, where + "rate_bp is required");
        break;
      case AwardBasis::kIndustryTiers: {
        if (a.tiers.empty()) return invalid(p, where + "industry_tiers without tiers");
        // Tier 1 first, covering industry counts downwards without gaps or overlaps.
        for (size_t i = 0; i < a.tiers.size(); ++i) {
          const AwardTier& t = a.tiers[i];
          if (t.cap_fen <= 0 || t.cap_fen > a.cap_fen) {
            return invalid(p, where + "tier " + std::to_string(t.tier) +
                                  " cap must be positive and within the category cap");
          }
          if (t.min_industries < 1) {
            return invalid(p, where + "tier " + std::to_string(t.tier) + " min_industries < 1");
          }
          if (t.max_industries && *t.max_industries < t.min_industries) {
            return invalid(p, where + "tier " + std::to_string(t.tier) + " max < min");
          }
          if (i == 0 && t.max_industries) {
            return invalid(p, where + "the first tier must have no upper bound");
          }
          if (i > 0 &&
              (!t.max_industries || *t.max_industries + 1 != a.tiers[i - 1].min_industries)) {
            return invalid(p, where + "tier " + std::to_string(t.tier) +
                                  " does not end just below the tier before it");
          }
          if (i > 0 && t.cap_fen > a.tiers[i - 1].cap_fen) {
            return invalid(p, where + "tier caps must not grow with fewer industries");
          }
        }
        break;
      }
    }
    if (c.parameters_exceed && *c.parameters_exceed < 0) {
      return invalid(p, where + "parameters_exceed must not be negative");
    }
    std::set<std::string> evidence_ids;
    for (const EvidenceRule& e : c.evidence) {
      if (!evidence_ids.insert(e.id).second) {
        return invalid(p, where + "duplicate evidence " + e.id);
      }
      if (!material_ids.count(e.material)) {
        return invalid(p, where + "evidence " + e.id + " names unknown material " + e.material);
      }
      if (e.checks.empty()) return invalid(p, where + "evidence " + e.id + " has no checks");
      for (const EvidenceCheck& k : e.checks) {
        if (!has_path(extracted, k.field)) {
          return invalid(p,
                         where + "evidence " + e.id + " checks unknown field extracted." + k.field);
        }
        if (catalog && !e.finding.empty() && !k.variant.empty()) {
          const FindingKind* kind = catalog->find(e.finding);
          if (kind && !kind->variants.count(k.variant)) {
            return invalid(p, where + "evidence " + e.id + ": no variant " + k.variant + " of " +
                                  e.finding + " in the finding catalog");
          }
        }
      }
      if (catalog && !e.finding.empty() && !catalog->find(e.finding)) {
        return invalid(p, where + "evidence " + e.id + " raises " + e.finding +
                              ", which the finding catalog does not know");
      }
    }
  }
  // Two evidence rules of one category must not check the same field: the violation
  // would not say which rule failed.
  for (const CategoryRule& c : p.categories) {
    std::set<std::string> fields;
    for (const EvidenceRule& e : c.evidence) {
      if (e.finding.empty()) continue;
      for (const EvidenceCheck& k : e.checks) {
        if (!fields.insert(k.field).second) {
          return invalid(p, "category " + c.id + ": two evidence rules check " + k.field);
        }
      }
    }
  }
  const PolicyThresholds& t = p.thresholds;
  if (t.credit_lookback_years <= 0) return invalid(p, "credit_lookback_years must be positive");
  if (t.audit_years_before_application < 0) {
    return invalid(p, "audit_years_before_application must not be negative");
  }
  if (t.audit_balance_tolerance_fen < 0 || t.investment_sum_tolerance_fen < 0) {
    return invalid(p, "tolerances must not be negative");
  }
  return Status::Ok();
}

}  // namespace shenbao
