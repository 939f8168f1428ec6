// Reviewer pages: OUT/<bundle id>/report.html per bundle and OUT/index.html for the run.
//
// Both are self-contained (inline CSS, images as data URIs, no network), Chinese by default
// (English with Lang::kEn), print-friendly, and escape every string that came from input.
// They are rendered from the submission.json record (the contract), so what reviewers see is
// exactly what downstream systems get.
//
// Thread safety: pure functions of their arguments; writing uses write_file_atomic.
#pragma once

#include <filesystem>
#include <map>
#include <string>
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

// The report page of one bundle.
std::string render_report_html(const nlohmann::json& submission, Lang lang,
                               const std::vector<PageThumbnail>& thumbnails);

// The index of every bundle (id → latest record), newest first.
std::string render_index_html(const std::map<std::string, nlohmann::json>& records, Lang lang);

// Write OUT/<id>/report.html and OUT/index.html atomically.
Status write_report_html(const std::filesystem::path& out_dir, const nlohmann::json& submission,
                         Lang lang, const std::vector<PageThumbnail>& thumbnails);
Status write_index_html(const std::filesystem::path& out_dir,
                        const std::map<std::string, nlohmann::json>& records, Lang lang);

}  // namespace shenbao
