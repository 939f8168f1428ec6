// The finding catalog: severity, verdict class and message templates (Chinese and English)
// of every contract finding code, loaded from schemas/findings.json.
//
// Every stage builds its findings with make_finding, so that a code's severity and wording
// live in one data file; the report renders the same finding in English with
// render_message(..., Lang::kEn) from the params the finding keeps.
//
//   FindingCatalog c = load_finding_catalog(dir / "findings.json").value();
//   Finding f = make_finding(c, "MATERIAL_MISSING", "street_approval", "", std::nullopt,
//                            "", {{"material_name", "街镇审批表（…）"}});
//   // f.message == "缺少必需材料：街镇审批表（…）"
//
// Templates: "{name}" is replaced by params["name"]; "{document}" and "{page}" are always
// available (the finding's document and page). A variant (params["variant"]) selects an
// alternative message and possibly severity for one way a code is raised.
//
// Thread safety: a FindingCatalog is immutable after loading; the functions are pure.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/finding.h"
#include "pipeline/core/status.h"
#include "pipeline/emit/html.h"  // Lang (kZh | kEn), shared with the report

namespace shenbao {

// Which verdict a code pushes towards (contract.md, "Verdict").
enum class VerdictClass {
  kIneligible,  // a condition is shown false
  kIncomplete,  // something required is missing
  kReview,      // a person must look when the finding is an error or warning
};

struct FindingTemplate {
  Severity severity = Severity::kError;
  std::string zh, en;
};

struct FindingKind {
  std::string code;
  VerdictClass verdict = VerdictClass::kReview;
  FindingTemplate base;
  std::map<std::string, FindingTemplate> variants;
};

class FindingCatalog {
 public:
  std::map<std::string, FindingKind> codes;

  // nullptr when the code is not in the catalog.
  const FindingKind* find(const std::string& code) const;
  // The template of `code`'s `variant` ("" or unknown variant: the base template).
  const FindingTemplate* template_for(const std::string& code, const std::string& variant) const;
};

// Reads schemas/findings.json. Errors: kNotFound, kInvalidArgument (bad JSON, an unknown
// severity or verdict class, a template missing zh or en; the message names the code).
Result<FindingCatalog> load_finding_catalog(const std::filesystem::path& file);
Result<FindingCatalog> parse_finding_catalog(const nlohmann::json& doc);
// <schemas_dir>/findings.json
std::filesystem::path finding_catalog_path(const std::filesystem::path& schemas_dir);

// Builds a finding of `code`: severity and Chinese message from the catalog, params kept
// for rendering in English. An unknown code is a bug of the caller: the finding is still
// built (severity error, message = the code) so that nothing is lost.
Finding make_finding(const FindingCatalog& catalog, const std::string& code,
                     const std::string& material, const std::string& document,
                     std::optional<int> page, const std::string& detail,
                     std::map<std::string, std::string> params = {});

// The finding's message in `lang`. Chinese returns f.message. English renders the catalog's
// template from f.params; when the code is unknown or a placeholder has no value (a finding
// built without the catalog), it falls back to f.message.
std::string render_message(const FindingCatalog& catalog, const Finding& f, Lang lang);
// The same for a finding of submission.json ({code, message, document, page, params?}):
// English needs the finding's "params" object, else the Chinese message is returned.
std::string render_message(const FindingCatalog& catalog, const nlohmann::json& finding, Lang lang);

// Replaces each "{name}" of `tmpl` with params[name]. A name without a value is left as
// "{name}" and reported through `missing` when given.
std::string render_template(const std::string& tmpl,
                            const std::map<std::string, std::string>& params,
                            std::vector<std::string>* missing = nullptr);

// "1,234,567.89元" (negative: "-1,234.00元"), exact, from fen.
std::string format_yuan(int64_t fen);
// "50%", "33.33%" from basis points.
std::string format_percent_bp(int64_t bp);

}  // namespace shenbao
