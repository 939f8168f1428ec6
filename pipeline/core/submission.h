// The submission record: everything the pipeline knows about one bundle, in the contract's
// terms (../shared/spec/contract.md, schema_version "1"). Stages fill it in order:
// intake (bundle, documents), load (documents' pages), extract (applicant, extracted,
// documents' material/sealed), judge (materials, findings, subsidy, verdict); emit writes it.
//
// A value that was not found is std::nullopt (JSON null), never a guess. Money is int64 fen.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"

namespace shenbao {

// Where a value came from, so reviewers can check it.
struct Evidence {
  std::string document;     // path inside the bundle
  std::optional<int> page;  // 1-based
  std::string snippet;      // the text it was read from
  std::optional<Box> box;   // in the page's units
  bool uncertain = false;   // read from a page whose OCR confidence is low
};

struct Section {
  std::string material;
  int first_page = 1, last_page = 1;
};

struct DocumentRecord {
  std::string path, sha256;
  Format format = Format::kOther;
  int pages = 0;
  TextSource text_source = TextSource::kNone;
  std::string material = "unclassified";
  double material_score = 0;        // classifier's score 0..1 (additive to the contract)
  std::optional<bool> sealed;       // nullopt: not applicable or undecidable
  std::vector<int> seal_pages;
  std::optional<double> ocr_confidence;
  DocStatus status = DocStatus::kOk;
  std::string error;
  std::vector<Section> sections;    // for documents merging several materials
  int64_t size = 0;
};

struct MaterialState {
  bool present = false;
  bool required = false;
  std::vector<std::string> documents;
  std::optional<bool> sealed;
};

struct Applicant {
  std::optional<std::string> name, uscc, address, legal_representative;
  std::optional<bool> uscc_valid, in_songjiang;
};

struct InvestmentRow {
  std::string category;  // hardware | development | testing | personnel | other
  std::string item;
  int64_t amount_fen = 0;
};

struct Extracted {
  struct {
    std::optional<std::string> project_name, category_text, date;
    std::optional<int64_t> requested_fen;
  } application;
  struct {
    std::optional<std::string> uscc, name, address, legal_representative;
  } license;
  struct {
    std::optional<std::string> report_date;
    std::optional<bool> serious_dishonesty;
    std::optional<int> records_in_two_years;
  } credit;
  struct {
    std::optional<int> fiscal_year;
    std::optional<int64_t> total_assets_fen, total_liabilities_fen, owners_equity_fen,
        revenue_fen, net_profit_fen, rd_expense_fen;
  } audit;
  struct {
    std::vector<InvestmentRow> rows;
    std::optional<int64_t> total_fen, stated_total_fen;
    std::optional<double> hardware_share;
  } investment;
  struct {
    std::optional<int64_t> total_investment_fen;
    std::optional<double> parameters;
  } project;
  struct {
    std::optional<std::string> number, kind;  // kind: filing | registration
  } filing;
  struct {
    std::vector<std::string> industries;
    bool found = false;  // an industries list was found (it may be empty)
  } adaptation;
  struct {
    std::optional<std::string> product_name, lab_name;
    std::optional<int64_t> test_fee_fen;
    std::optional<bool> first_pass;
  } security;
  // Evidence per field, keyed by the field's path ("application.requested_fen").
  std::map<std::string, Evidence> evidence;
};

struct Subsidy {
  std::optional<double> rate;
  std::optional<int64_t> cap_fen, eligible_cost_fen, max_award_fen, requested_fen;
  std::optional<int> tier;
  std::vector<std::string> steps;  // the calculation, step by step, Chinese (additive)
};

struct BundleInfo {
  std::string id, source, sha256, processed_at, pipeline_version;
};

struct Submission {
  std::string schema_version = "1";
  BundleInfo bundle;
  std::string category = "unknown";
  std::string category_evidence;  // why (additive)
  Applicant applicant;
  std::vector<DocumentRecord> documents;
  std::map<std::string, MaterialState> materials;
  Extracted extracted;
  std::vector<Finding> findings;
  Subsidy subsidy;
  std::string verdict = "needs_review";
};

}  // namespace shenbao
