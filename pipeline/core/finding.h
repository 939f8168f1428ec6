// Findings: what the pipeline tells reviewers, one per problem, in the contract's terms.
//
// Codes and severities are the contract's (../shared/spec/contract.md); never rename one.
// Messages are Chinese, built by the stage that raises the finding.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace shenbao {

enum class Severity { kError, kWarning, kInfo };
const char* to_string(Severity s);  // "error" | "warning" | "info"

struct Finding {
  std::string code;                 // e.g. "ARCHIVE_REJECTED"
  Severity severity = Severity::kError;
  std::string material;             // material id, empty when not tied to one
  std::string document;             // document path inside the bundle, empty when none
  std::optional<int> page;          // 1-based page, when tied to one
  std::string message;              // Chinese, for reviewers
  std::string detail;               // technical detail (raw text, library error), may be empty
  // The values the message was built from (additive; not part of submission.json): lets
  // the report render the message in another language from schemas/findings.json. Key
  // "variant" names the message variant. Empty for findings built without the catalog.
  std::map<std::string, std::string> params;
};

}  // namespace shenbao
