// The verdict and the order of findings, as pure functions.
//
// Verdict (contract.md): "ineligible" when any finding of verdict class ineligible
// (NOT_IN_SONGJIANG, CREDIT_SERIOUS_DISHONESTY, PARAMETERS_BELOW_THRESHOLD); else
// "incomplete" when any of class incomplete (MATERIAL_MISSING, SEAL_MISSING, FILING_MISSING);
// else "needs_review" when any other error or warning; else "complete". The classes come
// from schemas/findings.json; a code missing from the catalog counts as review.
//
// Order: severity (error, warning, info), then the material's position in section 七
// (findings tied to no material last), then document path, then code, then page; stable
// for everything else.
//
// Thread safety: pure.
#pragma once

#include <string>
#include <vector>

#include "pipeline/core/finding.h"
#include "pipeline/judge/finding_catalog.h"
#include "pipeline/judge/policy.h"

namespace shenbao {

std::string decide_verdict(const FindingCatalog& catalog, const std::vector<Finding>& findings);

void order_findings(const Policy& policy, std::vector<Finding>& findings);

// Drops findings identical to an earlier one (code, severity, material, document, page,
// message, detail), keeping the first.
void dedupe_findings(std::vector<Finding>& findings);

}  // namespace shenbao
