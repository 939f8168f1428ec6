// Material classification: which required material (domain.md, 申报材料) a document is,
// from its file name and its content together, page by page, so that a PDF merging several
// materials (申报材料汇编.pdf) is split into sections. Also the support category (申报类别).
//
// The keywords and weights are data (schemas/classify.json); this unit only scores.
// Scoring: for each page, a material gains `title` weight for a title keyword in one of the
// page's first lines (full weight when the line is short like a heading, half otherwise;
// a heading of at most four more characters may hold a keyword of four or more with one
// character misread by OCR, 荣誉证市 for 荣誉证书),
// `body` weight per distinct body keyword anywhere on the page; the file name adds
// `filename` weight. The best material above `min_score` wins, else "unclassified".
//
// Thread safety: ClassifyRules is immutable after load; the functions are pure.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"
#include "pipeline/core/submission.h"

namespace shenbao {

struct ClassifyRules {
  struct Material {
    std::string id;
    std::vector<std::string> title, body, filename;  // width-folded, spaces removed
  };
  std::vector<Material> materials;  // in the file's order (the rules' order)
  double min_score = 3.0;
  int title_lines = 6;
  int min_other_chars = 20;  // a readable document matching no material is "other"
  int slip_min_chars = 4;    // a title keyword this long may match a heading with one
  int slip_extra_chars = 4;  // misread character, when the heading is at most this longer
  double title_weight = 6.0, filename_weight = 4.0, body_weight = 1.0;
  std::map<std::string, std::vector<std::string>> category_keywords;  // category → keywords
  std::vector<std::string> category_labels;  // 申报类别, …
  // Documents that are another material in one category (category_materials): a document
  // classified `from`, every page of it an invoice naming one of invoice_with_any (folded),
  // is `to` when the bundle applies under the category. Applied by extract_facts once the
  // category is known.
  struct CategoryMaterial {
    std::string from, to;
    std::vector<std::string> invoice_with_any;
  };
  std::map<std::string, std::vector<CategoryMaterial>> category_materials;  // category → moves
};

Result<ClassifyRules> load_classify_rules(const std::filesystem::path& file);

struct Classification {
  std::string material = "unclassified";
  double score = 0;               // 0..1
  std::vector<Section> sections;  // only when the document holds more than one material
  std::string reason;             // e.g. "title 营业执照 (p1); file name"
};

// Classifies one loaded document. Unreadable/rejected/archive documents stay unclassified.
Classification classify_document(const Document& doc, const ClassifyRules& rules);

struct CategoryDecision {
  std::string category = "unknown";
  std::string evidence;  // the text that decided it
  std::string category_text;  // the value after 申报类别 when found
};

// Decides the support category from the application form's text first (a 申报类别 line),
// then any keyword in the application form, then the project report, then other documents.
// `docs` and `materials` are parallel (each document's material).
CategoryDecision decide_category(const std::vector<const Document*>& docs,
                                 const std::vector<std::string>& materials,
                                 const ClassifyRules& rules);

}  // namespace shenbao
