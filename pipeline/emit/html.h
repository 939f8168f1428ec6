// Reviewer pages: OUT/<bundle id>/report.html per bundle and OUT/index.html for the run.
//
// Both are self-contained (inline CSS, images as data URIs, no network, no web fonts),
// Chinese by default (English with Lang::kEn), print-friendly (A4, a page break between
// sections), and escape every string that came from input. They are rendered from the
// submission.json record (the contract), so what reviewers see is exactly what downstream
// systems get.
//
//   auto schemas = load_report_schemas(schemas_dir);          // once, at start-up
//   if (!schemas.ok()) die(schemas.status().ToString());
//   Status st = write_report_html(out, to_json(submission), Lang::kZh, thumbnails, *schemas);
//   st = write_index_html(out, read_latest_records(out), Lang::kZh, *schemas);
//
// The report opens with the verdict (in words and colour), the applicant, the category, the
// largest award, and what is missing, unsealed or disqualifying; then the findings by
// severity, page pictures with their outlines, the materials checklist in the rules' order
// (七、申报材料), the award calculation, the extracted facts with their evidence, and the
// document inventory. The index lists every bundle newest first, sortable and filterable
// with a small inline script and readable without it.
//
// Names (materials, categories, cost categories) come from the policy and English finding
// messages from the finding catalog (schemas/), never from C++. The overloads without a
// ReportSchemas use default_report_schemas().
//
// Safety: the pages carry a Content-Security-Policy (default-src 'none'; img-src data:;
// inline style; inline script only on the index). No script or style comes from input;
// every name, path and extracted string is HTML-escaped, links are percent-encoded.
//
// Thread safety: rendering is a pure function of its arguments (default_report_schemas is
// loaded once, thread-safely); writing uses write_file_atomic.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pipeline/core/status.h"

namespace shenbao {

enum class Lang { kZh, kEn };

// A page picture for the report: a thumbnail of a page with a finding or a seal, and the
// regions to outline on it (in the thumbnail's pixels).
struct PageThumbnail {
  std::string document;  // path inside the bundle
  int page = 0;          // 1-based
  std::string png;       // PNG bytes
  struct Outline {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    std::string kind;    // "seal" | "table" | "finding"
  };
  std::vector<Outline> outlines;
};

// What the pages read from schemas/. Either member may be null (not loaded): the pages then
// show material and category ids and the records' Chinese finding messages.
struct ReportSchemas {
  nlohmann::json policy;    // schemas/policy/<edition>.json: names and order of materials,
                            // categories and cost categories, award rules
  nlohmann::json findings;  // schemas/findings.json: message templates (zh, en) per code
};

// Reads <schemas_dir>/policy/<edition>.json and <schemas_dir>/findings.json.
// Errors: kNotFound (a file is missing), kInvalidArgument (a file is not a JSON object).
Result<ReportSchemas> load_report_schemas(const std::filesystem::path& schemas_dir,
                                          const std::string& edition = "songjiang-2025");

// The schemas of the source tree's schemas/ (SHENBAO_DEFAULT_SCHEMAS_DIR), loaded on first
// use; empty (both members null) when they cannot be read.
const ReportSchemas& default_report_schemas();

// The report page of one bundle.
std::string render_report_html(const nlohmann::json& submission, Lang lang,
                               const std::vector<PageThumbnail>& thumbnails);
std::string render_report_html(const nlohmann::json& submission, Lang lang,
                               const std::vector<PageThumbnail>& thumbnails,
                               const ReportSchemas& schemas);

// The index of every bundle (id → latest record), newest first (bundle.processed_at).
std::string render_index_html(const std::map<std::string, nlohmann::json>& records, Lang lang);
std::string render_index_html(const std::map<std::string, nlohmann::json>& records, Lang lang,
                              const ReportSchemas& schemas);

// Write OUT/<id>/report.html (creating OUT/<id>/) and OUT/index.html atomically.
// Errors: kInvalidArgument (the record has no bundle.id, or an id that is not one path
// component), kIoError.
Status write_report_html(const std::filesystem::path& out_dir, const nlohmann::json& submission,
                         Lang lang, const std::vector<PageThumbnail>& thumbnails);
Status write_report_html(const std::filesystem::path& out_dir, const nlohmann::json& submission,
                         Lang lang, const std::vector<PageThumbnail>& thumbnails,
                         const ReportSchemas& schemas);
Status write_index_html(const std::filesystem::path& out_dir,
                        const std::map<std::string, nlohmann::json>& records, Lang lang);
Status write_index_html(const std::filesystem::path& out_dir,
                        const std::map<std::string, nlohmann::json>& records, Lang lang,
                        const ReportSchemas& schemas);

// "¥5,000,000.00" from fen (negative: "-¥1,234.00"): the pages' money format.
std::string format_money(int64_t fen);

// Percent-encodes `s` for one URL path segment: every byte but A-Z a-z 0-9 - . _ ~ becomes
// %XX (UTF-8 bytes), so ids with spaces, '#', '?', '%' or Chinese link correctly.
std::string percent_encode(std::string_view s);

}  // namespace shenbao
