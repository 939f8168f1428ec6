// The extract stage: from a bundle's loaded documents to facts in the contract's terms.
//
// extract_facts classifies every document (material, sections), decides the category,
// reads the labelled fields (schemas/fields.json) with the value parsers (USCC, money, dates,
// parameter counts, filing numbers, places), the credit report's sections, industries and
// the security test facts, keeps evidence for each value, and raises the cross-document
// findings: USCC_INVALID, USCC_MISMATCH, NAME_MISMATCH.
// Tables (investment, audit) are read by their own unit (extractors/tables) and merged here.
//
// Thread safety: ExtractRules is immutable after load and shared by threads; extract_facts
// is reentrant.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extractors/classify.h"
#include "extractors/patterns.h"
#include "extractors/place.h"
#include "extractors/tables.h"
#include "pipeline/core/status.h"
#include "pipeline/core/submission.h"

namespace shenbao {

struct FieldRule {
  std::vector<std::string> materials;  // searched in this order
  std::vector<std::string> labels;
  std::string kind;  // text | name | money | date | parameters
  std::vector<std::string> prose;       // phrases followed by the value in running text
  std::vector<std::string> categories;  // read only for these categories; empty: all
};

struct FieldRules {
  std::map<std::string, FieldRule> fields;
  std::vector<std::string> stop_labels;
  std::vector<std::string> applicant_name_fields;
  std::vector<std::string> uscc_materials;
  struct {
    std::vector<std::string> serious_section, record_sections, none_words, section_end_words;
    int lookback_years = 2;
  } credit;
  struct {
    std::vector<std::string> first_pass_words, retest_words;
  } security;
  struct {
    std::vector<std::string> labels, industries, categories;
  } adaptation;
  std::vector<std::string> filing_categories;  // filing numbers are read for these
  // A company name's place prefix (上海市, 上海) and legal form (有限公司 …), taken off to
  // recognise a short or wrapped mention of the applicant; longest first.
  std::vector<std::string> name_prefixes, name_suffixes;
};

Result<FieldRules> load_field_rules(const std::filesystem::path& file);

struct ExtractRules {
  std::shared_ptr<const PatternSet> patterns;
  ClassifyRules classify;
  FieldRules fields;
  std::shared_ptr<const Places> places;
  TableRules tables;  // investment and audit tables (schemas/tables.json)  // Songjiang and elsewhere (schemas/places.json)
};

// Loads patterns.json, classify.json, fields.json, places.json and tables.json from `schemas_dir`.
Result<std::shared_ptr<const ExtractRules>> load_extract_rules(
    const std::filesystem::path& schemas_dir);

// A person's name (法定代表人) at the start of a labelled value: the leading run of 2–4 CJK
// characters (OCR spaces between them dropped; more only with ·), or a value in Latin
// letters; nullopt when the run is longer (the name runs into other text) or shorter.
std::optional<std::string> parse_person_name(const std::string& value);

// Fills s.documents[i].material/material_score/sections (documents and s.documents are
// parallel), s.category, s.applicant, s.extracted and appends findings.
void extract_facts(const std::vector<Document>& docs, const ExtractRules& rules, Submission& s);

}  // namespace shenbao
