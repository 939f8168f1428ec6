#include "extractors/classify.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/core/text.h"

namespace shenbao {

namespace {

// Ordered: the materials keep the file's order, which is the rules' (ties go to the earlier).
using json = nlohmann::ordered_json;

std::vector<std::string> folded_list(const json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const json& v : j) {
    if (v.is_string()) out.push_back(normalise_for_compare(v.get<std::string>()));
  }
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return !needle.empty() && haystack.find(needle) != std::string::npos;
}

size_t codepoint_count(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Whether `line` (a short heading) holds `keyword` with exactly one character misread:
// OCR's 荣誉证市 for 荣誉证书. Only for keywords of rules.slip_min_chars or more, in lines at
// most rules.slip_extra_chars longer than the keyword.
bool heading_with_one_slip(const std::string& line, const std::string& keyword,
                           const ClassifyRules& rules) {
  const std::vector<char32_t> l = utf8_to_codepoints(line), k = utf8_to_codepoints(keyword);
  if (static_cast<int>(k.size()) < rules.slip_min_chars || l.size() < k.size() ||
      static_cast<int>(l.size() - k.size()) > rules.slip_extra_chars) {
    return false;
  }
  for (size_t start = 0; start + k.size() <= l.size(); ++start) {
    int differ = 0;
    for (size_t i = 0; i < k.size() && differ <= 1; ++i) differ += l[start + i] != k[i];
    if (differ == 1) return true;
  }
  return false;
}

// Per-material scores of one page, with the title match that fired (for sections).
struct PageScore {
  std::vector<double> score;        // per material, rules order
  std::vector<bool> title_hit;      // per material
  std::vector<std::string> why;     // per material, short reason
};

PageScore score_page(const Page& page, const ClassifyRules& rules) {
  PageScore ps;
  const size_t n = rules.materials.size();
  ps.score.assign(n, 0);
  ps.title_hit.assign(n, false);
  ps.why.assign(n, "");
  std::vector<std::string> title_lines;
  for (const Line& line : page.lines) {
    std::string t = normalise_for_compare(line.text());
    if (t.empty()) continue;
    title_lines.push_back(std::move(t));
    if (static_cast<int>(title_lines.size()) >= rules.title_lines) break;
  }
  const std::string body = normalise_for_compare(page.text());
  for (size_t m = 0; m < n; ++m) {
    const auto& mat = rules.materials[m];
    double best_title = 0;
    std::string title_kw;
    for (const std::string& kw : mat.title) {
      for (const std::string& line : title_lines) {
        if (!contains(line, kw) && !heading_with_one_slip(line, kw, rules)) continue;
        // A heading is short; a keyword inside a long sentence is a weaker sign.
        const double w = codepoint_count(line) <= 30 ? rules.title_weight : rules.title_weight / 2;
        if (w > best_title || (w == best_title && kw.size() > title_kw.size())) {
          best_title = w;
          title_kw = kw;
        }
      }
    }
    int body_hits = 0;
    for (const std::string& kw : mat.body) body_hits += contains(body, kw);
    ps.score[m] = best_title + rules.body_weight * body_hits;
    ps.title_hit[m] = best_title >= rules.title_weight;
    if (!title_kw.empty()) ps.why[m] = "title " + title_kw;
    if (body_hits) ps.why[m] += (ps.why[m].empty() ? "" : ", ") + std::to_string(body_hits) + " keywords";
  }
  return ps;
}

double filename_score(const std::string& path, const ClassifyRules::Material& mat,
                      const ClassifyRules& rules) {
  const std::string base = normalise_for_compare(std::filesystem::path(path).filename().string());
  std::string lower = base;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const std::string& kw : mat.filename) {
    if (contains(lower, kw)) return rules.filename_weight;
  }
  return 0;
}

size_t argmax(const std::vector<double>& v) {
  return static_cast<size_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

double to_unit(double score, const ClassifyRules& rules) {
  return std::min(1.0, score / (2 * rules.title_weight));
}

}  // namespace

Result<ClassifyRules> load_classify_rules(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("materials")) {
    return Status::InvalidArgument(file.string() + ": not a classification rules file");
  }
  ClassifyRules r;
  r.min_score = doc.value("min_score", r.min_score);
  r.title_lines = doc.value("title_lines", r.title_lines);
  r.min_other_chars = doc.value("min_other_chars", r.min_other_chars);
  const json slip = doc.value("heading_slip", json::object());
  r.slip_min_chars = slip.value("min_keyword_chars", r.slip_min_chars);
  r.slip_extra_chars = slip.value("max_extra_chars", r.slip_extra_chars);
  const json w = doc.value("weights", json::object());
  r.title_weight = w.value("title", r.title_weight);
  r.filename_weight = w.value("filename", r.filename_weight);
  r.body_weight = w.value("body", r.body_weight);
  for (const auto& [id, m] : doc["materials"].items()) {
    ClassifyRules::Material mat;
    mat.id = id;
    mat.title = folded_list(m.value("title", json::array()));
    mat.body = folded_list(m.value("body", json::array()));
    mat.filename = folded_list(m.value("filename", json::array()));
    for (std::string& f : mat.filename) {
      std::transform(f.begin(), f.end(), f.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    }
    r.materials.push_back(std::move(mat));
  }
  const json categories = doc.value("categories", json::object());  // keep alive for items()
  for (const auto& [cat, c] : categories.items()) {
    r.category_keywords[cat] = folded_list(c.value("keywords", json::array()));
  }
  r.category_labels = folded_list(doc.value("category_labels", json::array()));
  const json moves = doc.value("category_materials", json::object());
  for (const auto& [cat, list] : moves.items()) {
    if (!list.is_array()) continue;  // "_comment"
    for (const json& m : list) {
      ClassifyRules::CategoryMaterial move;
      move.from = m.value("from", "");
      move.to = m.value("to", "");
      move.invoice_with_any = folded_list(m.value("invoice_with_any", json::array()));
      if (move.from.empty() || move.to.empty() || move.from == move.to ||
          move.invoice_with_any.empty()) {
        return Status::InvalidArgument(file.string() + ": category_materials." + cat +
                                       " needs from, a different to, and invoice_with_any");
      }
      r.category_materials[cat].push_back(std::move(move));
    }
  }
  return r;
}

Classification classify_document(const Document& doc, const ClassifyRules& rules) {
  Classification c;
  if (doc.status != DocStatus::kOk || doc.format == Format::kArchive ||
      rules.materials.empty()) {
    return c;
  }
  const size_t n = rules.materials.size();
  std::vector<double> total(n, 0);
  std::vector<std::string> why(n);
  for (size_t m = 0; m < n; ++m) {
    total[m] = filename_score(doc.path, rules.materials[m], rules);
    if (total[m] > 0) why[m] = "file name";
  }

  // Page by page: scores add up, and a page whose title names a material starts a section.
  std::vector<Section> sections;
  for (const Page& page : doc.pages) {
    const PageScore ps = score_page(page, rules);
    for (size_t m = 0; m < n; ++m) {
      total[m] += ps.score[m];
      if (!ps.why[m].empty() && why[m].find("p" + std::to_string(page.number)) == std::string::npos) {
        why[m] += (why[m].empty() ? "" : "; ") + ps.why[m] + " (p" + std::to_string(page.number) + ")";
      }
    }
    const size_t best = argmax(ps.score);
    const bool starts_section = ps.title_hit[best] && ps.score[best] >= rules.min_score;
    if (starts_section && (sections.empty() || sections.back().material != rules.materials[best].id)) {
      sections.push_back({rules.materials[best].id, page.number, page.number});
    } else if (!sections.empty()) {
      sections.back().last_page = page.number;
    } else {
      // Pages before any titled page: an untitled leading section, resolved below.
      sections.push_back({"", page.number, page.number});
    }
  }

  const size_t best = argmax(total);
  if (total[best] < rules.min_score) {
    // Readable text that is none of the listed materials is 其它 (other); a document with
    // no text at all stays unclassified.
    if (count_meaningful_chars(doc.text()) >= rules.min_other_chars) {
      c.material = "other";
      c.reason = "no material matched";
    }
    return c;
  }
  c.material = rules.materials[best].id;
  c.score = to_unit(total[best], rules);
  c.reason = why[best];

  // Leading untitled pages belong to the document's overall material.
  for (Section& s : sections) {
    if (s.material.empty()) s.material = c.material;
  }
  // Merge neighbours that ended up with the same material.
  std::vector<Section> merged;
  for (const Section& s : sections) {
    if (!merged.empty() && merged.back().material == s.material) merged.back().last_page = s.last_page;
    else merged.push_back(s);
  }
  std::set<std::string> distinct;
  for (const Section& s : merged) distinct.insert(s.material);
  if (distinct.size() > 1) {
    c.sections = std::move(merged);
    // The document's own material: the one covering the most pages.
    std::map<std::string, int> pages_of;
    for (const Section& s : c.sections) pages_of[s.material] += s.last_page - s.first_page + 1;
    c.material = std::max_element(pages_of.begin(), pages_of.end(), [](auto& a, auto& b) {
                   return a.second < b.second;
                 })->first;
  }
  return c;
}

CategoryDecision decide_category(const std::vector<const Document*>& docs,
                                 const std::vector<std::string>& materials,
                                 const ClassifyRules& rules) {
  CategoryDecision d;
  // Which category's keyword appears in `text`; the longest keyword wins ties.
  auto match = [&](const std::string& text, std::string& why) -> std::string {
    std::string best;
    size_t best_len = 0;
    for (const auto& [cat, kws] : rules.category_keywords) {
      for (const std::string& kw : kws) {
        if (contains(text, kw) && kw.size() > best_len) {
          best = cat;
          best_len = kw.size();
          why = kw;
        }
      }
    }
    return best;
  };
  // Pass 1: a 申报类别 line in the application form; pass 2: any keyword in the form;
  // pass 3: the project report; pass 4: anything else.
  for (int pass = 1; pass <= 4; ++pass) {
    for (size_t i = 0; i < docs.size(); ++i) {
      const std::string& m = materials[i];
      const bool is_form = m == "application_form";
      if ((pass <= 2 && !is_form) || (pass == 3 && m != "project_report")) continue;
      for (const Page& page : docs[i]->pages) {
        for (const Line& line : page.lines) {
          const std::string raw = line.text();
          const std::string t = normalise_for_compare(raw);
          if (pass == 1) {
            bool labelled = false;
            for (const std::string& label : rules.category_labels) labelled |= contains(t, label);
            if (!labelled) continue;
          }
          std::string why;
          const std::string cat = match(t, why);
          if (cat.empty()) continue;
          d.category = cat;
          d.evidence = docs[i]->path + " p" + std::to_string(page.number) + ": " + raw;
          if (pass == 1) {
            const size_t colon = raw.find("：") != std::string::npos ? raw.find("：") + 3
                                 : raw.find(':') != std::string::npos ? raw.find(':') + 1
                                                                      : 0;
            d.category_text = raw.substr(colon);
          }
          return d;
        }
      }
    }
  }
  return d;
}

}  // namespace shenbao
