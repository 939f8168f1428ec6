// The judge stage: from a Submission whose documents are classified and whose facts are
// extracted, to materials, findings, subsidy and verdict (issue 7).
//
//   auto judge = Judge::load(schemas_dir, "songjiang-2025");    // once, at start-up
//   if (!judge.ok()) die(judge.status().ToString());
//   judge_submission(submission, **judge, /*run_year=*/2025);   // per bundle, any thread
//
// judge_submission:
//   1. materials: one entry per material of the policy; a material is present when a
//      readable document (status ok) has it as its material or as one of its sections';
//      sealed = all its documents sealed (false if any is unsealed, null if unknown);
//      required from the policy for the category.
//   2. subsidy = compute_award (award.h).
//   3. findings: CATEGORY_UNKNOWN, completeness (completeness.h), eligibility
//      (eligibility.h), APPENDED to the findings already there (intake, load, extract);
//      identical findings are dropped and the list put in the stable order (verdict.h).
//   4. verdict (verdict.h).
// It is idempotent: judging a judged submission again gives the same result.
//
// Thread safety: a Judge is immutable after load/create; share one across threads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "pipeline/core/status.h"
#include "pipeline/core/submission.h"
#include "pipeline/judge/completeness.h"
#include "pipeline/judge/finding_catalog.h"
#include "pipeline/judge/policy.h"

namespace shenbao {

class Judge {
 public:
  // Validates the policy against the catalog and builds the completeness validator of every
  // category and of "unknown". Errors: kInvalidArgument (inconsistent policy), kInternal.
  static Result<std::shared_ptr<const Judge>> create(Policy policy, FindingCatalog catalog);
  // Loads <schemas_dir>/policy/<edition>.json and <schemas_dir>/findings.json, then create().
  static Result<std::shared_ptr<const Judge>> load(const std::filesystem::path& schemas_dir,
                                                   const std::string& edition = "songjiang-2025");

  const Policy& policy() const { return policy_; }
  const FindingCatalog& catalog() const { return catalog_; }
  // The validator of `category`; the "unknown" one for a category not in the policy.
  const CompletenessValidator& completeness(const std::string& category) const;

 private:
  Judge() = default;
  Policy policy_;
  FindingCatalog catalog_;
  std::map<std::string, std::shared_ptr<const CompletenessValidator>> completeness_;
};

// Fills s.materials from s.documents (step 1 above).
void fill_materials(const Policy& policy, Submission& s);

// Steps 1–4 above. `run_year` is the year the run happens, used when the application's own
// date was not found.
void judge_submission(Submission& s, const Judge& judge, int run_year);

}  // namespace shenbao
