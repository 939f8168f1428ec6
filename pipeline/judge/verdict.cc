#include "pipeline/judge/verdict.h"

#include <algorithm>
#include <tuple>

namespace shenbao {

namespace {

int severity_rank(Severity s) {
  switch (s) {
    case Severity::kError:
      return 0;
    case Severity::kWarning:
      return 1;
    case Severity::kInfo:
      return 2;
  }
  return 3;
}

}  // namespace

std::string decide_verdict(const FindingCatalog& catalog, const std::vector<Finding>& findings) {
  bool ineligible = false, incomplete = false, review = false;
  for (const Finding& f : findings) {
    const FindingKind* k = catalog.find(f.code);
    const VerdictClass v = k ? k->verdict : VerdictClass::kReview;
    switch (v) {
      case VerdictClass::kIneligible:
        ineligible = true;
        break;
      case VerdictClass::kIncomplete:
        incomplete = true;
        break;
      case VerdictClass::kReview:
        if (f.severity != Severity::kInfo) review = true;
        break;
    }
  }
  if (ineligible) return "ineligible";
  if (incomplete) return "incomplete";
  if (review) return "needs_review";
  return "complete";
}

void order_findings(const Policy& policy, std::vector<Finding>& findings) {
  // Findings tied to no material sort after every material (material_index of "" is
  // materials.size(), like an unknown id; unknown ids then sort by their name).
  auto key = [&policy](const Finding& f) {
    const size_t m =
        f.material.empty() ? policy.materials.size() + 1 : policy.material_index(f.material);
    return std::make_tuple(severity_rank(f.severity), m, std::cref(f.material),
                           std::cref(f.document), std::cref(f.code), f.page.value_or(0));
  };
  std::stable_sort(findings.begin(), findings.end(),
                   [&key](const Finding& a, const Finding& b) { return key(a) < key(b); });
}

void dedupe_findings(std::vector<Finding>& findings) {
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (Finding& f : findings) {
    const bool seen = std::any_of(kept.begin(), kept.end(), [&f](const Finding& k) {
      return k.code == f.code && k.severity == f.severity && k.material == f.material &&
             k.document == f.document && k.page == f.page && k.message == f.message &&
             k.detail == f.detail;
    });
    if (!seen) kept.push_back(std::move(f));
  }
  findings = std::move(kept);
}

}  // namespace shenbao
