// Eligibility: the checks on an application's extracted facts and applicant that do not
// depend on which documents are present (sections 二, 三, 七 of the rules).
//
//   NOT_IN_SONGJIANG            applicant.in_songjiang == false
//   CREDIT_SERIOUS_DISHONESTY   credit.serious_dishonesty == true
//   CREDIT_RECORDS_FOUND        credit.records_in_two_years > 0
//   AUDIT_YEAR_MISMATCH         audit.fiscal_year != application year − 1 (application year
//                               from application.date, else the run's year)
//   AUDIT_UNBALANCED            |assets − (liabilities + equity)| > tolerance
//   INVESTMENT_SUM_MISMATCH     rows' total vs stated total (error); stated total vs the
//                               project report's total investment (warning variant)
//   HARDWARE_SHARE_EXCEEDED     hardware above the category's share limit (model categories)
//   PARAMETERS_BELOW_THRESHOLD  parameters not above the category's threshold (null: nothing)
//   REQUEST_EXCEEDS_CAP         requested > max award, or > the category cap when the award
//                               is unknown
// A fact that was not found (null) raises nothing: the pipeline never guesses. Findings point
// at the document and page the fact was read from (extracted.evidence) when known.
// Filing and category-evidence checks belong to completeness (completeness.h);
// CATEGORY_UNKNOWN to judge_submission.
//
// Thread safety: pure.
#pragma once

#include <vector>

#include "pipeline/core/submission.h"
#include "pipeline/judge/finding_catalog.h"
#include "pipeline/judge/policy.h"

namespace shenbao {

// The application's year: the year of extracted.application.date ("YYYY-MM-DD"), else
// `run_year`.
int application_year(const Submission& s, int run_year);

// Eligibility findings of `s`; `s.subsidy` must already hold compute_award's result (for
// REQUEST_EXCEEDS_CAP).
std::vector<Finding> check_eligibility(const Policy& policy, const FindingCatalog& catalog,
                                       const Submission& s, int run_year);

}  // namespace shenbao
