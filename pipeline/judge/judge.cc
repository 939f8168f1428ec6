#include "pipeline/judge/judge.h"

#include <algorithm>

#include "pipeline/emit/submission_json.h"
#include "pipeline/judge/award.h"
#include "pipeline/judge/eligibility.h"
#include "pipeline/judge/verdict.h"

namespace shenbao {

Result<std::shared_ptr<const Judge>> Judge::create(Policy policy, FindingCatalog catalog) {
  Status st = validate_policy(policy, &catalog);
  if (!st.ok()) return st;
  std::shared_ptr<Judge> j(new Judge());
  j->policy_ = std::move(policy);
  j->catalog_ = std::move(catalog);
  for (const std::string& c : completeness_categories(j->policy_)) {
    auto v = CompletenessValidator::build(j->policy_, c);
    if (!v.ok()) return v.status();
    j->completeness_.emplace(c, std::move(v.value()));
  }
  return std::shared_ptr<const Judge>(std::move(j));
}

Result<std::shared_ptr<const Judge>> Judge::load(const std::filesystem::path& schemas_dir,
                                                 const std::string& edition) {
  Result<Policy> policy = load_policy(policy_path(schemas_dir, edition));
  if (!policy.ok()) return policy.status();
  Result<FindingCatalog> catalog = load_finding_catalog(finding_catalog_path(schemas_dir));
  if (!catalog.ok()) return catalog.status();
  return create(std::move(policy.value()), std::move(catalog.value()));
}

const CompletenessValidator& Judge::completeness(const std::string& category) const {
  auto it = completeness_.find(category);
  if (it == completeness_.end()) it = completeness_.find("unknown");
  return *it->second;
}

void fill_materials(const Policy& policy, Submission& s) {
  const std::vector<std::string> required = policy.required_materials(s.category);
  s.materials.clear();
  for (const MaterialRule& m : policy.materials) {
    MaterialState state;
    state.required = std::find(required.begin(), required.end(), m.id) != required.end();
    bool any_unsealed = false, all_sealed = true;
    for (const DocumentRecord& d : s.documents) {
      if (d.status != DocStatus::kOk) continue;
      bool has = d.material == m.id;
      for (const Section& sec : d.sections) has = has || sec.material == m.id;
      if (!has) continue;
      state.documents.push_back(d.path);
      if (d.sealed == false) any_unsealed = true;
      if (d.sealed != true) all_sealed = false;
    }
    state.present = !state.documents.empty();
    if (any_unsealed) {
      state.sealed = false;
    } else if (state.present && all_sealed) {
      state.sealed = true;
    }
    s.materials[m.id] = std::move(state);
  }
}

void judge_submission(Submission& s, const Judge& judge, int run_year) {
  const Policy& policy = judge.policy();
  const FindingCatalog& catalog = judge.catalog();
  fill_materials(policy, s);
  s.subsidy = compute_award(policy, s.category, s.extracted);

  std::vector<Finding> found;
  if (!policy.category(s.category)) {
    found.push_back(make_finding(catalog, "CATEGORY_UNKNOWN", "application_form", "", std::nullopt,
                                 s.category_evidence.empty()
                                     ? "category = " + s.category
                                     : "category = " + s.category + "; " + s.category_evidence));
  }
  for (Finding& f : judge.completeness(s.category).check(to_json(s), policy, catalog)) {
    found.push_back(std::move(f));
  }
  for (Finding& f : check_eligibility(policy, catalog, s, run_year)) found.push_back(std::move(f));

  for (Finding& f : found) s.findings.push_back(std::move(f));
  dedupe_findings(s.findings);
  order_findings(policy, s.findings);
  s.verdict = decide_verdict(catalog, s.findings);
}

}  // namespace shenbao
