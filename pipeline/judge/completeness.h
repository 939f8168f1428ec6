// Completeness: for each category, a JSON Schema (draft-07) GENERATED from the policy that
// an assembled submission.json must satisfy to be complete, and the mapping of its
// violations to the contract's findings.
//
// The generated schema requires, for the category:
//   - materials.<id>.present == true for each required material       → MATERIAL_MISSING
//   - documents[i].sealed != false for each document of a material that must be sealed
//     (its material, or one of its sections' materials)                → SEAL_MISSING (per
//     document; a document whose seal is undecidable, sealed null, raises nothing)
//   - each category evidence check on `extracted` (filing.number not null, filing.kind a
//     filing for the general model, adaptation.industries, security.test_fee_fen, …) →
//     the evidence rule's finding (FILING_MISSING, MATERIAL_MISSING …), one per rule
// Each constrained location carries a "description" (the rule and its clause) so that the
// schema reads on its own; the same schemas can be written to schemas/completeness/.
// "unknown" (or any category not in the policy) gets the materials every category needs.
//
// Thread safety: a CompletenessValidator is immutable after build() and may be shared by
// threads (valijson validates against a const schema with a per-call validator).
#pragma once

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/core/finding.h"
#include "pipeline/core/status.h"
#include "pipeline/judge/finding_catalog.h"
#include "pipeline/judge/policy.h"

namespace shenbao {

// The completeness schema of `category` ("unknown" for the common part).
nlohmann::json completeness_schema(const Policy& policy, const std::string& category);

// The file name of a category's schema under schemas/completeness/:
// "<policy id>.<category>.schema.json".
std::string completeness_schema_file_name(const Policy& policy, const std::string& category);

// The policy's categories and "unknown": every schema there is.
std::vector<std::string> completeness_categories(const Policy& policy);

// The schema as written to disk: pretty-printed (2 spaces), UTF-8, final newline.
std::string completeness_schema_text(const Policy& policy, const std::string& category);

// Writes every completeness schema of `policy` to `dir` (schemas/completeness/), atomically,
// creating the folder. Errors: kIoError.
Status write_completeness_schemas(const Policy& policy, const std::filesystem::path& dir);

class CompletenessValidator {
 public:
  // Generates and parses the schema of `category`. kInternal if valijson refuses it (a bug
  // of the generator).
  static Result<std::shared_ptr<const CompletenessValidator>> build(const Policy& policy,
                                                                    const std::string& category);
  ~CompletenessValidator();

  const std::string& category() const { return category_; }
  const nlohmann::json& schema() const { return schema_; }

  // Findings for every violation of `submission_json` (to_json of the submission whose
  // materials are filled), built from the catalog with Chinese messages naming the
  // material as the rules name it. Empty when complete.
  std::vector<Finding> check(const nlohmann::json& submission_json, const Policy& policy,
                             const FindingCatalog& catalog) const;

  // The raw violations, "<root>[materials][street_approval][present]: …" (for debugging).
  std::vector<std::string> violations(const nlohmann::json& submission_json) const;

 private:
  CompletenessValidator();
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string category_;
  nlohmann::json schema_;
};

}  // namespace shenbao
