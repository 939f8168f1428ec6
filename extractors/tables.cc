#include "extractors/tables.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "extractors/dates.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {

using nlohmann::json;

// ---------------------------------------------------------------------------------------
// Rules

Result<json> read_json(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  json doc = json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Status::InvalidArgument(file.string() + ": not JSON");
  return doc;
}

bool string_list(const json& j, const char* key, std::vector<std::string>& out, std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) {
    error = std::string("missing list \"") + key + "\"";
    return false;
  }
  for (const json& v : *it) {
    if (!v.is_string()) {
      error = std::string("\"") + key + "\" holds a non-string";
      return false;
    }
    out.push_back(v.get<std::string>());
  }
  return true;
}

bool string_map(const json& j, const char* key, std::map<std::string, std::vector<std::string>>& out,
                std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) {
    error = std::string("missing object \"") + key + "\"";
    return false;
  }
  for (const auto& [name, list] : it->items()) {
    std::vector<std::string> words;
    if (!string_list(json{{"w", list}}, "w", words, error)) {
      error = std::string("\"") + key + "." + name + "\": " + error;
      return false;
    }
    out[name] = std::move(words);
  }
  return true;
}

bool compile(const json& j, const char* key, std::shared_ptr<const RE2>& out, std::string& error) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) {
    error = std::string("missing pattern \"") + key + "\"";
    return false;
  }
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<RE2>(it->get<std::string>(), options);
  if (!re->ok()) {
    error = std::string("pattern \"") + key + "\": " + re->error() + " at '" + re->error_arg() + "'";
    return false;
  }
  out = std::move(re);
  return true;
}

// ---------------------------------------------------------------------------------------
// Text helpers

bool cjk_edge(std::string_view s, bool front) {
  if (s.empty()) return false;
  const auto cps = utf8_to_codepoints(s);
  const char32_t cp = front ? cps.front() : cps.back();
  return is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

// Appends `piece` to `out` the way Line::text joins words: a space only between two
// non-CJK sides.
void join_into(std::string& out, std::string_view piece) {
  if (piece.empty()) return;
  if (!out.empty() && !cjk_edge(out, false) && !cjk_edge(piece, true)) out.push_back(' ');
  out += piece;
}

size_t cp_count(std::string_view s) { return utf8_to_codepoints(s).size(); }

// Drops bracketed notes: "净利润(净亏损以"-"号填列)" → "净利润", "金额(万元)" → "金额".
std::string strip_brackets(const std::string& key) {
  std::string out;
  int depth = 0;
  for (char32_t cp : utf8_to_codepoints(key)) {
    if (cp == U'(' || cp == U'[' || cp == U'（' || cp == U'〔') {
      ++depth;
      continue;
    }
    if (cp == U')' || cp == U']' || cp == U'）' || cp == U'〕') {
      if (depth > 0) --depth;
      continue;
    }
    if (depth == 0) append_utf8(out, cp);
  }
  return out;
}

bool contains_any(const std::string& key, const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    const std::string k = table_key(w);
    if (!k.empty() && key.find(k) != std::string::npos) return true;
  }
  return false;
}

int distinct_hits(const std::string& key, const std::vector<std::string>& words) {
  std::set<std::string> hits;
  for (const std::string& w : words) {
    const std::string k = table_key(w);
    if (!k.empty() && key.find(k) != std::string::npos) hits.insert(k);
  }
  // A word inside another hit (项目 in 项目名称 is not a second word) counts once.
  int n = 0;
  for (const std::string& a : hits) {
    bool inside = false;
    for (const std::string& b : hits) {
      if (a != b && b.find(a) != std::string::npos) inside = true;
    }
    if (!inside) ++n;
  }
  return n;
}

bool is_total_text(std::string_view text, const TableRules& rules) {
  const std::string key = strip_brackets(table_key(text));
  for (const std::string& w : rules.total_words) {
    if (key == table_key(w)) return true;
  }
  return false;
}

// A caption-like text that heads a group of rows: "一、硬件设施", "（二）", "流动资产：".
bool heading_like(std::string_view text, const TableRules& rules) {
  const std::string key = table_key(text);
  if (key.empty()) return false;
  if (rules.investment.section_enumerator && RE2::PartialMatch(key, *rules.investment.section_enumerator))
    return true;
  if (key.back() == ':') return true;
  for (const auto& [category, words] : rules.investment.sections) {
    for (const std::string& w : words) {
      if (key == table_key(w)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Page layout: words in points, text lines, segments.

struct PWord {
  std::string text;
  Box box;                      // original, page units
  double x0, x1, y0, y1;        // points, skew taken out of y
  float confidence = 1;
  double cx() const { return (x0 + x1) / 2; }
  double cy() const { return (y0 + y1) / 2; }
  double h() const { return y1 - y0; }
};

struct Seg {
  double x0 = 0, x1 = 0;
  std::vector<int> words;
  std::string text;
};

struct PLine {
  std::vector<int> words;  // left to right
  double y0 = 0, y1 = 0;   // union span (points)
  double ref0 = 0, ref1 = 0;  // mean span, for grouping
  std::vector<Seg> segs;
  std::string text, key;
  // y0/y1 take in every box (one tall box of OCR noise stretches them); ref0/ref1, the mean
  // of the words' spans, are what gaps between lines are measured with.
};

struct Layout {
  const Page* page = nullptr;
  std::vector<PWord> words;
  std::vector<PLine> lines;  // top to bottom
  double em = 10;
  double segment_gap = 8;    // points: words further apart are in different segments
  double scale = 1;          // page units → points
  double height_pt = 0;
};

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The slope (dy/dx) of the page's text lines: the median over lines of several words
// spread across at least 10 em. 0 when there is not enough to tell, or beyond max_skew.
double estimate_skew(const Page& page, double scale, double em, const TableOptions& options) {
  std::vector<double> slopes;
  for (const Line& l : page.lines) {
    if (l.words.size() < 2) continue;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    double lo = 1e18, hi = -1e18;
    for (const Word& w : l.words) {
      const double x = (w.box.x0 + w.box.x1) / 2 * scale, y = (w.box.y0 + w.box.y1) / 2 * scale;
      sx += x, sy += y, sxx += x * x, sxy += x * y;
      lo = std::min(lo, x), hi = std::max(hi, x);
    }
    if (hi - lo < 10 * em) continue;
    const double n = static_cast<double>(l.words.size());
    const double den = n * sxx - sx * sx;
    if (den <= 0) continue;
    slopes.push_back((n * sxy - sx * sy) / den);
  }
  if (slopes.size() < 3) return 0;
  const double s = median(slopes);
  if (std::abs(std::atan(s)) * 180 / M_PI > options.max_skew_deg) return 0;
  return s;
}

std::string join_words(const std::vector<PWord>& words, const std::vector<int>& ids) {
  std::string out;
  for (int i : ids) join_into(out, words[i].text);
  return out;
}

// The words of one cell on one line: joined like a line, with a space wherever they stand
// a segment gap apart (a label and a stray mark the OCR found beside it stay apart).
std::string join_cell_words(const std::vector<PWord>& words, const std::vector<int>& ids, double gap) {
  std::string out;
  for (size_t k = 0; k < ids.size(); ++k) {
    if (k > 0 && words[ids[k]].x0 - words[ids[k - 1]].x1 > gap && !out.empty() && out.back() != ' ')
      out.push_back(' ');
    join_into(out, words[ids[k]].text);
  }
  return out;
}

Layout build_layout(const Page& page, const TableOptions& options) {
  Layout L;
  L.page = &page;
  L.scale = page.dpi > 0 ? 72.0 / page.dpi : 1.0;
  L.height_pt = page.height * L.scale;
  std::vector<double> heights;
  for (const Line& l : page.lines) {
    for (const Word& w : l.words) {
      if (table_key(w.text).empty() || w.confidence < options.min_word_confidence) continue;
      heights.push_back((w.box.y1 - w.box.y0) * L.scale);
    }
  }
  if (heights.empty()) return L;
  L.em = std::max(1.0, median(heights));
  L.segment_gap = options.segment_gap_em * L.em;
  const double slope = estimate_skew(page, L.scale, L.em, options);
  for (const Line& l : page.lines) {
    for (const Word& w : l.words) {
      if (table_key(w.text).empty() || w.confidence < options.min_word_confidence) continue;
      PWord p;
      p.text = w.text;
      p.confidence = w.confidence;
      p.box = w.box;
      p.x0 = w.box.x0 * L.scale;
      p.x1 = w.box.x1 * L.scale;
      const double shift = slope * (p.x0 + p.x1) / 2;
      p.y0 = w.box.y0 * L.scale - shift;
      p.y1 = w.box.y1 * L.scale - shift;
      if (p.y1 <= p.y0) p.y1 = p.y0 + 0.1;
      L.words.push_back(std::move(p));
    }
  }
  // Text lines: words by vertical centre, each joining the line it overlaps most.
  std::vector<int> order(L.words.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return L.words[a].cy() != L.words[b].cy() ? L.words[a].cy() < L.words[b].cy()
                                               : L.words[a].x0 < L.words[b].x0;
  });
  std::vector<PLine> lines;
  for (int id : order) {
    const PWord& w = L.words[id];
    int best = -1;
    double best_ratio = 0;
    for (int k = static_cast<int>(lines.size()) - 1; k >= 0; --k) {
      PLine& pl = lines[k];
      if (pl.ref1 < w.y0 - 3 * L.em) break;
      const double overlap = std::min(pl.ref1, w.y1) - std::max(pl.ref0, w.y0);
      const double ratio = overlap / std::max(0.1, std::min(pl.ref1 - pl.ref0, w.h()));
      if (ratio >= options.line_overlap && ratio > best_ratio) {
        best = k;
        best_ratio = ratio;
      }
    }
    if (best < 0) {
      PLine pl;
      pl.words.push_back(id);
      pl.y0 = pl.ref0 = w.y0;
      pl.y1 = pl.ref1 = w.y1;
      lines.push_back(std::move(pl));
    } else {
      PLine& pl = lines[best];
      const double n = static_cast<double>(pl.words.size());
      pl.ref0 = (pl.ref0 * n + w.y0) / (n + 1);
      pl.ref1 = (pl.ref1 * n + w.y1) / (n + 1);
      pl.y0 = std::min(pl.y0, w.y0);
      pl.y1 = std::max(pl.y1, w.y1);
      pl.words.push_back(id);
    }
  }
  std::sort(lines.begin(), lines.end(), [](const PLine& a, const PLine& b) {
    return a.ref0 + a.ref1 < b.ref0 + b.ref1;
  });
  for (PLine& pl : lines) {
    std::sort(pl.words.begin(), pl.words.end(),
              [&](int a, int b) { return L.words[a].x0 < L.words[b].x0; });
    for (int id : pl.words) {
      const PWord& w = L.words[id];
      if (pl.segs.empty() || w.x0 - pl.segs.back().x1 > L.segment_gap) {
        pl.segs.push_back(Seg{w.x0, w.x1, {}, ""});
      }
      Seg& s = pl.segs.back();
      s.words.push_back(id);
      s.x1 = std::max(s.x1, w.x1);
    }
    for (Seg& s : pl.segs) s.text = join_words(L.words, s.words);
    pl.text = join_words(L.words, pl.words);
    pl.key = table_key(pl.text);
  }
  L.lines = std::move(lines);
  return L;
}

// A header cell names a header word; it is short and no "label：value" pair (项目名称：…,
// 单位：万元 are lines above a table, not its header).
bool names_header(const std::string& key, const TableRules& rules) {
  if (key.empty() || cp_count(key) > 16) return false;
  const size_t colon = key.find(':');
  if (colon != std::string::npos && colon + 1 < key.size()) return false;
  return contains_any(key, rules.header_words);
}

// A column dated with a period end or a year (2024年12月31日, 2024年度).
bool dated_cell(const std::string& text, const PatternSet& patterns, const TableRules& rules) {
  const std::string f = fold_width(text);
  if (cp_count(table_key(f)) > 16) return false;
  if (rules.audit.fiscal_year && RE2::PartialMatch(f, *rules.audit.fiscal_year)) return true;
  return !find_dates(patterns, f).empty();
}

// A header row: two or more cells naming header words (two dated cells count as one
// word: year-dated statement columns), at least header_min_words distinct words, most
// cells naming one, and no amount. Repeated neighbours (merged XLSX areas) count once.
bool is_header_cells(const std::vector<std::string>& cells, const PatternSet& patterns, const TableRules& rules) {
  std::vector<std::string> keys;
  for (const std::string& c : cells) {
    const std::string k = table_key(c);
    if (k.empty() || (!keys.empty() && keys.back() == k)) continue;
    if (parse_cell_amount(patterns, c)) return false;
    keys.push_back(k);
  }
  if (keys.size() < 2) return false;
  int naming = 0, dated = 0;
  std::string named;
  for (const std::string& k : keys) {
    if (names_header(k, rules)) {
      ++naming;
      named += k + "|";
    } else if (dated_cell(k, patterns, rules)) {
      ++dated;
    }
  }
  int distinct = distinct_hits(named, rules.header_words);
  if (dated >= 2) {
    naming += dated;
    ++distinct;
  }
  return naming >= 2 && distinct >= rules.header_min_words && naming * 2 >= static_cast<int>(keys.size());
}

bool is_header_line(const PLine& l, const PatternSet& patterns, const TableRules& rules) {
  if (l.segs.size() < 2) return false;
  // A header cell spaced out letter by letter ("项　　目") comes as one-character segments.
  std::vector<std::string> cells;
  bool single_before = false;
  for (const Seg& s : l.segs) {
    const bool single = cp_count(table_key(s.text)) == 1 && count_meaningful_chars(s.text) == 1 &&
                        s.text.find_first_of("0123456789") == std::string::npos;
    if (single && single_before) {
      cells.back() += s.text;
    } else {
      cells.push_back(s.text);
    }
    single_before = single;
  }
  if (cells.size() < 2) return false;
  return is_header_cells(cells, patterns, rules);
}

bool is_total_line(const PLine& l, const TableRules& rules) {
  // The label may be one segment ("合计") or split by wide letter spacing ("合", "计").
  std::string label;
  for (const Seg& s : l.segs) {
    if (is_total_text(s.text, rules)) return true;
    if (s.text.find_first_of("0123456789") == std::string::npos) label += s.text;
  }
  return !label.empty() && is_total_text(label, rules);
}

bool is_footer_line(const Layout& L, const PLine& l, const TableRules& rules) {
  if (rules.page_number && RE2::FullMatch(l.key, *rules.page_number)) return true;
  return L.height_pt > 0 && l.y0 > L.height_pt * 0.92;
}

// A form line under a table: every segment a "label：value" pair (法定代表人：张三
// 主管会计工作负责人：李四, 填表人：… 联系电话：…).
bool is_form_line(const PLine& l) {
  if (l.segs.empty()) return false;
  for (const Seg& s : l.segs) {
    const std::string key = table_key(s.text);
    const size_t colon = key.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 >= key.size()) return false;
  }
  return true;
}

// A line heading a group of rows: heading_like as a whole, or its first segment alone an
// enumerator ("二" then "开发费用" in the next column), or a short line (two segments at
// most: a data row's category cell is not a heading) with a segment exactly a section word.
bool heading_line(const PLine& l, const TableRules& rules) {
  if (heading_like(l.text, rules)) return true;
  if (l.segs.size() >= 2 && heading_like(l.segs.front().text, rules)) return true;
  if (l.segs.size() > 2) return false;
  for (const Seg& s : l.segs) {
    const std::string key = table_key(s.text);
    for (const auto& [category, words] : rules.investment.sections) {
      for (const std::string& w : words) {
        if (key == table_key(w)) return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// Columns

struct Columns {
  std::vector<double> bounds;  // x of the boundaries between columns, ascending (points)
  double lo = 0, hi = 0;       // the table's left and right text edges (points)
  int count() const { return static_cast<int>(bounds.size()) + 1; }
  // Width of column c: between its boundaries, the table's edges outside.
  double width(int c) const {
    const double left = c == 0 ? lo : bounds[c - 1];
    const double right = c == static_cast<int>(bounds.size()) ? hi : bounds[c];
    return std::max(0.0, right - left);
  }
  int of(double x) const {
    return static_cast<int>(std::upper_bound(bounds.begin(), bounds.end(), x) - bounds.begin());
  }
};

// Column gaps: x-ranges that (almost) no word of the regular lines covers.
Columns find_columns(const Layout& L, const PLine& header, const std::vector<const PLine*>& body,
                     const TableRules& rules, const TableOptions& options) {
  // Regular lines have most of the cells a full row has: 60 % of the upper quartile of the
  // segment counts (a noisy OCR line with a dozen fragments does not set the bar).
  std::vector<size_t> counts;
  for (const PLine* l : body) {
    if (l->segs.size() >= 2) counts.push_back(l->segs.size());
  }
  std::sort(counts.begin(), counts.end());
  const size_t full = counts.empty() ? header.segs.size() : counts[counts.size() * 3 / 4];
  const size_t min_segs = std::max<size_t>(2, static_cast<size_t>(std::ceil(0.6 * full)));
  std::vector<const PLine*> regular;
  for (const PLine* l : body) {
    if (l->segs.size() >= min_segs && !is_total_line(*l, rules)) regular.push_back(l);
  }
  double lo = 1e18, hi = -1e18;
  for (const Seg& s : header.segs) lo = std::min(lo, s.x0), hi = std::max(hi, s.x1);
  for (const PLine* l : regular) {
    for (const Seg& s : l->segs) lo = std::min(lo, s.x0), hi = std::max(hi, s.x1);
  }
  Columns cols;
  cols.lo = lo;
  cols.hi = hi;
  if (hi <= lo) return cols;
  // Coverage on a fine grid (a tenth of an em).
  const double step = std::max(0.1, L.em / 10);
  const size_t n = static_cast<size_t>((hi - lo) / step) + 2;
  std::vector<int> cover(n, 0);
  for (const PLine* l : regular) {
    // Words, and the small gaps inside a segment between two words of text: OCR cuts a label
    // into pieces ("研发" "费用") whose gaps line up from one row to the next and are no
    // column gap. A figure next to text may be a cell boundary however close.
    std::vector<char> hit(n, 0);
    auto mark = [&](double x0, double x1) {
      const size_t a = static_cast<size_t>(std::max(0.0, (x0 - lo) / step));
      const size_t b = std::min(n - 1, static_cast<size_t>(std::max(0.0, (x1 - lo) / step)));
      for (size_t k = a; k <= b; ++k) hit[k] = 1;
    };
    auto has_digit = [](const std::string& t) { return t.find_first_of("0123456789") != std::string::npos; };
    for (const Seg& seg : l->segs) {
      for (size_t k = 0; k < seg.words.size(); ++k) {
        const PWord& w = L.words[seg.words[k]];
        mark(w.x0, w.x1);
        if (k == 0) continue;
        const PWord& prev = L.words[seg.words[k - 1]];
        if (!has_digit(prev.text) && !has_digit(w.text)) mark(prev.x1, w.x0);
      }
    }
    for (size_t k = 0; k < n; ++k) cover[k] += hit[k];
  }
  const int tolerance = static_cast<int>(std::floor(options.gap_noise_fraction * regular.size()));
  if (regular.empty()) {
    // Only the header: its segments are the columns.
    for (size_t i = 1; i < header.segs.size(); ++i) {
      cols.bounds.push_back((header.segs[i - 1].x1 + header.segs[i].x0) / 2);
    }
    return cols;
  }
  struct Gap {
    double x0, x1;
  };
  std::vector<Gap> gaps;
  for (size_t k = 0; k < n;) {
    if (cover[k] > tolerance) {
      ++k;
      continue;
    }
    size_t e = k;
    while (e < n && cover[e] <= tolerance) ++e;
    const double x0 = lo + k * step, x1 = lo + e * step;
    if (k > 0 && e < n) gaps.push_back({x0, x1});  // not the margins
    k = e;
  }
  // Where in a gap the boundary goes. Header cells are centred over their columns while the
  // data may be left- or right-aligned, so a wide gap can hold header cells: they go to the
  // side of the gap that has no header cell of its own, else the boundary goes in the widest
  // stretch between them. A header cell with (a few) words of the body
  // under it is a sparse column of its own: boundaries go on both sides of it. A gap inside
  // a header cell is no boundary.
  const double min_gap = options.min_column_gap_em * L.em;
  // (Text of its own under it — two or more characters read with some confidence on one
  // line, entirely inside the gap: a long label reaching in from the left, or a seal's
  // scribbles read by OCR, are not.)
  auto covered_under = [&](const Seg& s, const Gap& g) {
    for (const PLine* l : regular) {
      int chars = 0;
      for (int id : l->words) {
        const PWord& w = L.words[id];
        if (w.x1 > s.x0 && w.x0 < s.x1 && w.x0 >= g.x0 && w.x1 <= g.x1 && w.confidence >= 0.5)
          chars += count_meaningful_chars(w.text);
      }
      if (chars >= 2) return true;
    }
    return false;
  };
  std::vector<Gap> column_gaps;
  for (const Gap& g : gaps) {
    if (g.x1 - g.x0 < min_gap) continue;
    bool inside_header = false;
    for (const Seg& s : header.segs) {
      if (s.x0 < g.x0 - 0.5 * L.em && s.x1 > g.x1 + 0.5 * L.em) inside_header = true;
    }
    if (!inside_header) column_gaps.push_back(g);
  }
  // Whether a header cell stands over the body text between x0 and x1 (a column's own).
  auto headed = [&](double x0, double x1) {
    for (const Seg& s : header.segs) {
      if (s.x1 > x0 && s.x0 < x1) return true;
    }
    return false;
  };
  for (size_t gi = 0; gi < column_gaps.size(); ++gi) {
    const Gap& g = column_gaps[gi];
    std::vector<const Seg*> inside;
    for (const Seg& s : header.segs) {
      if (s.x0 >= g.x0 && s.x1 <= g.x1) inside.push_back(&s);
    }
    // Stretch i lies left of inside[i] (the last one right of the last header cell).
    std::vector<Gap> stretches;
    double from = g.x0;
    for (const Seg* s : inside) {
      stretches.push_back({from, s->x0});
      from = s->x1;
    }
    stretches.push_back({from, g.x1});
    std::vector<double> placed;
    for (size_t i = 0; i < inside.size(); ++i) {
      if (!covered_under(*inside[i], g)) continue;
      for (const Gap& st : {stretches[i], stretches[i + 1]}) {
        const double mid = (st.x0 + st.x1) / 2;
        if (placed.empty() || std::abs(placed.back() - mid) > 1e-6) placed.push_back(mid);
      }
    }
    if (placed.empty()) {
      // Header cells standing in the gap belong to the side with no header cell over its
      // text (a left-aligned 金额 over right-aligned amounts, next to a full text column);
      // when both sides have one, or neither, the widest stretch decides.
      const double left_from = gi == 0 ? lo : column_gaps[gi - 1].x1;
      const double right_to = gi + 1 == column_gaps.size() ? hi : column_gaps[gi + 1].x0;
      const bool left_headed = headed(left_from, g.x0), right_headed = headed(g.x1, right_to);
      // (Without header cells in the gap there is one stretch, and every choice is it.)
      const Gap* chosen = &stretches.front();  // the left side is headed: cells go right
      if (right_headed && !left_headed) {
        chosen = &stretches.back();
      } else if (left_headed == right_headed) {
        for (const Gap& st : stretches) {
          if (st.x1 - st.x0 > chosen->x1 - chosen->x0) chosen = &st;
        }
      }
      placed.push_back((chosen->x0 + chosen->x1) / 2);
    }
    for (double x : placed) cols.bounds.push_back(x);
  }
  std::sort(cols.bounds.begin(), cols.bounds.end());
  return cols;
}

// A line's words per column.
std::vector<std::vector<int>> cells_of(const Layout& L, const PLine& l, const Columns& cols) {
  std::vector<std::vector<int>> cells(cols.count());
  for (int id : l.words) cells[cols.of(L.words[id].cx())].push_back(id);
  return cells;
}

// True when a segment of the line runs across a column boundary by more than an em on
// both sides (a signature line, a paragraph under the table).
bool crosses_columns(const PLine& l, const Columns& cols, double em) {
  for (const Seg& s : l.segs) {
    for (double b : cols.bounds) {
      if (s.x0 < b - em && s.x1 > b + em) return true;
    }
  }
  return false;
}

struct ColumnKinds {
  std::vector<bool> amount;  // mostly amounts, and not a 序号 column
};

ColumnKinds column_kinds(const Layout& L, const std::vector<const PLine*>& lines, const Columns& cols,
                         const std::vector<std::string>& header_keys, const PatternSet& patterns,
                         const TableRules& rules) {
  ColumnKinds k;
  const int n = cols.count();
  std::vector<int> filled(n, 0), numbers(n, 0), small_integers(n, 0);
  for (const PLine* l : lines) {
    const auto cells = cells_of(L, *l, cols);
    for (int c = 0; c < n; ++c) {
      if (cells[c].empty()) continue;
      const std::string text = join_words(L.words, cells[c]);
      ++filled[c];
      if (auto a = parse_cell_amount(patterns, text)) {
        ++numbers[c];
        const std::string key = table_key(text);
        if (key.find_first_not_of("0123456789") == std::string::npos && key.size() <= 3) ++small_integers[c];
      }
    }
  }
  k.amount.assign(n, false);
  for (int c = 0; c < n; ++c) {
    const bool index_header = c < static_cast<int>(header_keys.size()) &&
                              contains_any(header_keys[c], rules.investment.index_header);
    const bool numeric = filled[c] > 0 && numbers[c] * 10 >= filled[c] * 6;
    const bool index_like = index_header || (numbers[c] > 0 && small_integers[c] == numbers[c]);
    k.amount[c] = numeric && !index_like;
  }
  return k;
}

bool line_has_amount(const Layout& L, const PLine& l, const Columns& cols, const ColumnKinds& kinds,
                     const PatternSet& patterns) {
  const auto cells = cells_of(L, l, cols);
  for (int c = 0; c < cols.count(); ++c) {
    if (c < static_cast<int>(kinds.amount.size()) && kinds.amount[c] && !cells[c].empty() &&
        parse_cell_amount(patterns, join_words(L.words, cells[c])))
      return true;
  }
  return false;
}

Box union_box(const std::optional<Box>& a, const Box& b) {
  if (!a) return b;
  return Box{std::min(a->x0, b.x0), std::min(a->y0, b.y0), std::max(a->x1, b.x1), std::max(a->y1, b.y1)};
}

// ---------------------------------------------------------------------------------------
// Rows from lines

struct RowBuild {
  std::vector<std::vector<int>> cells;  // word ids per column, line after line
  std::vector<std::string> texts;       // per column
  std::vector<double> last_extent;      // per column: width of its text on its latest line
  double last_y1 = 0;
  bool has_amount = false;
  bool total = false;
  int lines_before_amount = 0, lines_after_amount = 0;
  bool heading = false;  // the first line is a heading (heading_line)
};

void add_line_to_row(RowBuild& r, const Layout& L, const std::vector<std::vector<int>>& cells) {
  if (r.last_extent.size() < cells.size()) r.last_extent.resize(cells.size(), 0);
  for (size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    r.cells[c].insert(r.cells[c].end(), cells[c].begin(), cells[c].end());
    join_into(r.texts[c], join_cell_words(L.words, cells[c], L.segment_gap));
    double lo = 1e18, hi = -1e18;
    for (int id : cells[c]) lo = std::min(lo, L.words[id].x0), hi = std::max(hi, L.words[id].x1);
    r.last_extent[c] = hi - lo;
  }
}

TableRow to_table_row(const RowBuild& b, const Layout& L) {
  TableRow row;
  row.page = L.page->number;
  row.cells.resize(b.cells.size());
  for (size_t c = 0; c < b.cells.size(); ++c) {
    row.cells[c].text = b.texts[c];
    std::optional<Box> box;
    for (int id : b.cells[c]) box = union_box(box, L.words[id].box);
    row.cells[c].box = box;
    if (box) row.box = union_box(row.box, *box);
  }
  return row;
}

// Groups region lines into rows (multi-line cells joined).
std::vector<RowBuild> build_rows(const Layout& L, const std::vector<const PLine*>& lines, const Columns& cols,
                                 const ColumnKinds& kinds, const std::vector<std::string>& header_keys,
                                 const PatternSet& patterns, const TableRules& rules, const TableOptions& options) {
  std::vector<RowBuild> rows;
  int index_col = -1;
  for (size_t c = 0; c < header_keys.size(); ++c) {
    if (contains_any(header_keys[c], rules.investment.index_header)) {
      index_col = static_cast<int>(c);
      break;
    }
  }
  for (const PLine* l : lines) {
    const auto cells = cells_of(L, *l, cols);
    const bool amount = line_has_amount(L, *l, cols, kinds, patterns);
    const bool total = is_total_line(*l, rules);
    bool cont = false;
    if (!rows.empty()) {
      const RowBuild& r = rows.back();
      const double gap = l->ref0 - r.last_y1;
      bool subset = true;
      for (int c = 0; c < cols.count(); ++c) {
        if (!cells[c].empty() && r.cells[c].empty()) subset = false;
      }
      const bool index_clash =
          index_col >= 0 && !cells[index_col].empty() && !r.cells[index_col].empty();
      cont = gap <= options.continuation_gap_em * L.em && !total && !r.total &&
             !(amount && r.has_amount) && !index_clash && !heading_line(*l, rules);
      if (cont && !r.has_amount) {
        // The row's figure may still come (cells centred on a taller neighbour), unless the
        // row so far is a heading.
        cont = subset || !r.heading;
      } else if (cont) {
        // A complete row continues only where its cells wrap: around a centred figure line
        // (as many lines below it as above), or below a cell that was full to its width.
        bool full = true;
        for (int c = 0; c < cols.count(); ++c) {
          if (cells[c].empty()) continue;
          const double extent = c < static_cast<int>(r.last_extent.size()) ? r.last_extent[c] : 0;
          if (extent < 0.7 * cols.width(c)) full = false;
        }
        cont = subset && (r.lines_after_amount < r.lines_before_amount || full);
      }
    }
    if (!cont) {
      RowBuild r;
      r.cells.resize(cols.count());
      r.texts.resize(cols.count());
      r.heading = heading_line(*l, rules);
      rows.push_back(std::move(r));
    }
    RowBuild& r = rows.back();
    add_line_to_row(r, L, cells);
    r.last_y1 = l->ref1;
    if (r.has_amount) ++r.lines_after_amount;
    else if (!amount) ++r.lines_before_amount;
    r.has_amount = r.has_amount || amount;
    r.total = r.total || total;
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// One table region on a page

struct Region {
  TableGrid grid;
  Columns cols;
  ColumnKinds kinds;
  std::vector<std::string> header_keys;
  size_t end_line = 0;  // first line after the region
  bool open = false;    // ran to the foot of the page without a total
};

bool footers_only(const Layout& L, size_t from, const TableRules& rules) {
  for (size_t i = from; i < L.lines.size(); ++i) {
    if (!is_footer_line(L, L.lines[i], rules)) return false;
  }
  return true;
}

// Walks lines from `first` with known columns; returns the lines of the table body and
// sets region.end_line / open / ends_with_total.
std::vector<const PLine*> walk_body(const Layout& L, size_t first, size_t last, Region& region,
                                    const PatternSet& patterns, const TableRules& rules,
                                    const TableOptions& options) {
  std::vector<const PLine*> body;
  double prev_y1 = first > 0 ? L.lines[first - 1].ref1 : L.lines[first].ref0;
  size_t i = first;
  bool stopped = false;  // ended by what follows, not by running out of page
  for (; i < last; ++i) {
    const PLine& l = L.lines[i];
    if (l.ref0 - prev_y1 > options.max_row_gap_em * L.em) {
      stopped = true;
      break;
    }
    if (is_total_line(l, rules)) {
      body.push_back(&l);
      region.grid.ends_with_total = true;
      ++i;
      break;
    }
    const bool amount = line_has_amount(L, l, region.cols, region.kinds, patterns);
    if (!amount && is_footer_line(L, l, rules) && footers_only(L, i, rules)) break;
    if (!amount && is_form_line(l)) {
      stopped = true;
      break;
    }
    if (!amount && crosses_columns(l, region.cols, L.em) && cp_count(l.key) > 12 &&
        !heading_like(l.text, rules)) {
      stopped = true;
      break;
    }
    body.push_back(&l);
    prev_y1 = l.ref1;
  }
  region.end_line = i;
  region.open = !region.grid.ends_with_total && !stopped && footers_only(L, i, rules);
  return body;
}

void fill_grid_rows(Region& region, const Layout& L, const std::vector<const PLine*>& body,
                    const PatternSet& patterns, const TableRules& rules, const TableOptions& options) {
  for (const RowBuild& b : build_rows(L, body, region.cols, region.kinds, region.header_keys, patterns,
                                      rules, options)) {
    region.grid.rows.push_back(to_table_row(b, L));
  }
}

std::optional<Region> table_at_header(const Layout& L, size_t h, const PatternSet& patterns,
                                      const TableRules& rules, const TableOptions& options) {
  Region region;
  TableGrid& g = region.grid;
  g.origin = TableOrigin::kWords;
  g.name = "page " + std::to_string(L.page->number);
  g.dpi = L.page->dpi;
  // First pass: lines up to another header, a large gap or a total line.
  size_t last = h + 1;
  double prev_y1 = L.lines[h].ref1;
  for (; last < L.lines.size(); ++last) {
    const PLine& l = L.lines[last];
    if (is_header_line(l, patterns, rules) || is_form_line(l)) break;
    if (l.ref0 - prev_y1 > options.max_row_gap_em * L.em) break;
    prev_y1 = l.ref1;
    if (is_total_line(l, rules)) {
      ++last;
      break;
    }
  }
  std::vector<const PLine*> first_pass;
  for (size_t i = h + 1; i < last; ++i) first_pass.push_back(&L.lines[i]);
  region.cols = find_columns(L, L.lines[h], first_pass, rules, options);
  if (region.cols.count() < 2) return std::nullopt;
  // Header cells (a header line wrapped above or below joins it).
  std::vector<std::vector<int>> header_cells = cells_of(L, L.lines[h], region.cols);
  RowBuild hb;
  hb.cells.resize(region.cols.count());
  hb.texts.resize(region.cols.count());
  if (h > 0) {
    const PLine& above = L.lines[h - 1];
    bool all_named = !above.segs.empty();
    for (const Seg& s : above.segs) {
      if (!contains_any(table_key(s.text), rules.header_words) && !find_money_unit(patterns, s.text))
        all_named = false;
    }
    if (all_named && L.lines[h].ref0 - above.ref1 <= options.continuation_gap_em * L.em) {
      add_line_to_row(hb, L, cells_of(L, above, region.cols));
    }
  }
  add_line_to_row(hb, L, header_cells);
  hb.last_y1 = L.lines[h].ref1;
  size_t body_first = h + 1;
  while (body_first < last) {
    const PLine& l = L.lines[body_first];
    if (l.ref0 - hb.last_y1 > options.continuation_gap_em * L.em) break;
    const auto cells = cells_of(L, l, region.cols);
    bool subset = true, amount = false;
    for (int c = 0; c < region.cols.count(); ++c) {
      if (cells[c].empty()) continue;
      if (hb.cells[c].empty()) subset = false;
      if (parse_cell_amount(patterns, join_words(L.words, cells[c]))) amount = true;
    }
    bool header_like = true;  // a wrapped header cell names a header word or a unit: 说明, （万元）
    for (int c = 0; c < region.cols.count(); ++c) {
      if (cells[c].empty()) continue;
      const std::string text = join_words(L.words, cells[c]);
      if (!contains_any(table_key(text), rules.header_words) && !find_money_unit(patterns, text))
        header_like = false;
    }
    if (!subset || amount || !header_like || heading_line(l, rules) || is_total_line(l, rules)) break;
    add_line_to_row(hb, L, cells);
    hb.last_y1 = l.ref1;
    ++body_first;
  }
  const TableRow header_row = to_table_row(hb, L);
  g.header = header_row.cells;
  g.columns = region.cols.count();
  for (const TableCell& c : g.header) region.header_keys.push_back(table_key(c.text));
  std::vector<const PLine*> rest;
  for (size_t i = body_first; i < last; ++i) rest.push_back(&L.lines[i]);
  region.kinds = column_kinds(L, rest, region.cols, region.header_keys, patterns, rules);
  const std::vector<const PLine*> body = walk_body(L, body_first, last, region, patterns, rules, options);
  fill_grid_rows(region, L, body, patterns, rules, options);
  // Units: the header cells, and the lines above the header on this page.
  g.column_units.resize(g.columns);
  for (int c = 0; c < g.columns; ++c) g.column_units[c] = find_money_unit(patterns, g.header[c].text);
  return region;
}

// ---------------------------------------------------------------------------------------
// OCR repairs of numbers

bool is_sep(char32_t c) { return c == U',' || c == U'.'; }
bool is_dig(char32_t c) { return c >= U'0' && c <= U'9'; }

}  // namespace

// ---------------------------------------------------------------------------------------
// Public

std::string table_key(std::string_view text) {
  // OCR reads ruling lines and specks as | “ ” ' and the like: not part of any word.
  std::string out;
  for (char32_t cp : utf8_to_codepoints(normalise_for_compare(text))) {
    if (cp == U'|' || cp == U'"' || cp == U'\'' || cp == U'`' || cp == U'“' || cp == U'”' || cp == U'‘' ||
        cp == U'’' || cp == U'_')
      continue;
    append_utf8(out, cp);
  }
  return out;
}

bool cell_names(std::string_view text, const std::vector<std::string>& words, int slack) {
  const std::string key = table_key(text);
  if (key.empty()) return false;
  const size_t n = cp_count(key);
  for (const std::string& w : words) {
    const std::string k = table_key(w);
    if (k.empty()) continue;
    if (key == k) return true;
    if (slack <= 0 || n > cp_count(k) + static_cast<size_t>(slack)) continue;
    if (key.compare(0, k.size(), k) == 0) return true;
    if (key.size() >= k.size() && key.compare(key.size() - k.size(), k.size(), k) == 0) return true;
  }
  return false;
}

MoneyUnit TableGrid::unit_of(int column) const {
  if (column >= 0 && column < static_cast<int>(column_units.size()) && column_units[column])
    return *column_units[column];
  return unit.value_or(MoneyUnit::kYuan);
}

const std::string& TableGrid::header_text(int column) const {
  static const std::string kEmpty;
  if (column < 0 || column >= static_cast<int>(header.size())) return kEmpty;
  return header[column].text;
}

Result<TableRules> load_table_rules(const std::filesystem::path& file) {
  auto doc = read_json(file);
  if (!doc.ok()) return doc.status();
  const json& j = doc.value();
  TableRules r;
  std::string error;
  const auto fail = [&]() { return Status::InvalidArgument(file.string() + ": " + error); };
  if (!string_list(j, "header_words", r.header_words, error)) return fail();
  if (!string_list(j, "total_words", r.total_words, error)) return fail();
  if (!string_list(j, "subtotal_words", r.subtotal_words, error)) return fail();
  if (!string_list(j, "invoice_words", r.invoice_words, error)) return fail();
  r.header_min_words = j.value("header_min_words", 2);
  r.invoice_min_hits = j.value("invoice_min_hits", 2);
  if (!compile(j, "page_number_pattern", r.page_number, error)) return fail();

  const json inv = j.value("investment", json::object());
  if (!string_list(inv, "amount_header_words", r.investment.amount_header, error) ||
      !string_list(inv, "amount_avoid_words", r.investment.amount_avoid, error) ||
      !string_list(inv, "amount_prefer_words", r.investment.amount_prefer, error) ||
      !string_list(inv, "item_header_words", r.investment.item_header, error) ||
      !string_list(inv, "category_header_words", r.investment.category_header, error) ||
      !string_list(inv, "index_header_words", r.investment.index_header, error) ||
      !string_map(inv, "sections", r.investment.sections, error) ||
      !string_map(inv, "categories", r.investment.categories, error) ||
      !string_list(inv, "category_priority", r.investment.category_priority, error) ||
      !compile(inv, "section_enumerator_pattern", r.investment.section_enumerator, error)) {
    error = "investment: " + error;
    return fail();
  }
  for (const std::string& c : r.investment.category_priority) {
    if (!r.investment.categories.count(c)) {
      error = "investment.category_priority names \"" + c + "\" without keywords";
      return fail();
    }
  }

  const json au = j.value("audit", json::object());
  if (!string_map(au, "labels", r.audit.labels, error) ||
      !compile(au, "label_prefix_pattern", r.audit.label_prefix, error) ||
      !string_list(au, "current_column_words", r.audit.current_column, error) ||
      !string_list(au, "prior_column_words", r.audit.prior_column, error) ||
      !compile(au, "fiscal_year_pattern", r.audit.fiscal_year, error) ||
      !compile(au, "year_end_pattern", r.audit.year_end, error)) {
    error = "audit: " + error;
    return fail();
  }
  return r;
}

std::string repair_number_text(std::string_view cell) {
  std::vector<char32_t> cps = utf8_to_codepoints(fold_width(cell));
  // fold_width leaves the ideographic full stop and comma as '.' and ','; in a figure
  // they are OCR's reading of the separators, which is what we want.
  auto trim = [](std::vector<char32_t>& v) {
    while (!v.empty() && (v.front() == U' ' || v.front() == U'\t' || v.front() == U'\n')) v.erase(v.begin());
    while (!v.empty() && (v.back() == U' ' || v.back() == U'\t' || v.back() == U'\n')) v.pop_back();
  };
  trim(cps);
  // The numeric core: between a prefix of ( - ¥ and a suffix of ) 元 万元 整.
  size_t b = 0, e = cps.size();
  while (b < e && (cps[b] == U'(' || cps[b] == U'-' || cps[b] == U'¥' || cps[b] == U'￥' ||
                   cps[b] == U' ' || cps[b] == U'+'))
    ++b;
  while (e > b && (cps[e - 1] == U')' || cps[e - 1] == U' ' || cps[e - 1] == U'元' ||
                   cps[e - 1] == U'万' || cps[e - 1] == U'千' || cps[e - 1] == U'亿' ||
                   cps[e - 1] == U'整'))
    --e;
  const std::string unchanged = codepoints_to_utf8(cps);
  if (b >= e) return unchanged;
  std::vector<char32_t> core(cps.begin() + static_cast<long>(b), cps.begin() + static_cast<long>(e));
  bool any_digit = false;
  for (char32_t c : core) {
    if (is_dig(c)) any_digit = true;
    else if (!(is_sep(c) || c == U' ' || c == U';' || c == U':' || c == U'O' || c == U'o' || c == U'l' ||
               c == U'I' || c == U'|'))
      return unchanged;
  }
  if (!any_digit) return unchanged;
  // OCR reads a comma as ';' or ':' and sometimes doubles a separator ("344;,581.56").
  for (char32_t& c : core) {
    if (c == U';' || c == U':') c = U',';
  }
  for (size_t i = 1; i < core.size();) {
    if (is_sep(core[i]) && is_sep(core[i - 1])) {
      core.erase(core.begin() + static_cast<long>(i) - 1);
    } else {
      ++i;
    }
  }
  // Letters read for digits, only next to a digit or a separator.
  for (size_t i = 0; i < core.size(); ++i) {
    const char32_t c = core[i];
    if (c != U'O' && c != U'o' && c != U'l' && c != U'I' && c != U'|') continue;
    const bool left = i > 0 && (is_dig(core[i - 1]) || is_sep(core[i - 1]));
    const bool right = i + 1 < core.size() && (is_dig(core[i + 1]) || is_sep(core[i + 1]));
    if (!left && !right) return unchanged;
    core[i] = (c == U'O' || c == U'o') ? U'0' : U'1';
  }
  // Spaces: drop those next to a separator; a number with separators loses all of them.
  bool has_sep = false;
  for (char32_t c : core) has_sep = has_sep || is_sep(c);
  if (has_sep) core.erase(std::remove(core.begin(), core.end(), U' '), core.end());
  // Separators from grouping.
  std::vector<size_t> seps;
  for (size_t i = 0; i < core.size(); ++i) {
    if (is_sep(core[i])) seps.push_back(i);
  }
  if (!seps.empty() && seps.front() > 0 && seps.back() + 1 < core.size()) {
    std::vector<size_t> group_sizes;
    size_t start = 0;
    bool empty_group = false;
    for (size_t s : seps) {
      if (s == start) empty_group = true;
      group_sizes.push_back(s - start);
      start = s + 1;
    }
    const size_t tail = core.size() - start;
    if (!empty_group) {
      bool middles = true;  // every group after the first has three digits
      for (size_t g = 1; g < group_sizes.size(); ++g) middles = middles && group_sizes[g] == 3;
      // A first group over three digits: OCR lost a separator ("1376,042.91"); the others
      // still mark thousands, so they go.
      const bool lost = group_sizes.front() > 3 && middles;
      const bool grouped = group_sizes.front() <= 3 && middles;
      if (seps.size() == 1) {
        if (core[seps[0]] == U',' && (tail == 1 || tail == 2)) core[seps[0]] = U'.';
        else if (core[seps[0]] == U',' && tail == 3 && lost) core[seps[0]] = U' ';
      } else {
        bool same = true;
        for (size_t s : seps) same = same && core[s] == core[seps[0]];
        if ((grouped || lost) && tail == 3 && same) {
          for (size_t s : seps) core[s] = lost ? U' ' : U',';
        } else if ((grouped || lost) && (tail == 1 || tail == 2)) {
          for (size_t s : seps) core[s] = lost ? U' ' : U',';
          core[seps.back()] = U'.';
        }
      }
      core.erase(std::remove(core.begin(), core.end(), U' '), core.end());
    }
  }
  std::vector<char32_t> out(cps.begin(), cps.begin() + static_cast<long>(b));
  out.insert(out.end(), core.begin(), core.end());
  out.insert(out.end(), cps.begin() + static_cast<long>(e), cps.end());
  return codepoints_to_utf8(out);
}

std::optional<MoneyAmount> parse_cell_amount(const PatternSet& patterns, std::string_view cell,
                                             MoneyUnit default_unit) {
  const std::string text = repair_number_text(cell);
  if (text.empty()) return std::nullopt;
  bool digit = false;
  for (char c : text) digit = digit || (c >= '0' && c <= '9');
  if (!digit) {
    // Uppercase numerals are an amount too (壹佰万元整).
    auto a = parse_money(patterns, text, default_unit);
    if (a && a->uppercase && a->begin == 0 && a->end == text.size()) return a;
    return std::nullopt;
  }
  auto a = parse_money(patterns, text, default_unit);
  if (!a || a->begin != 0 || a->end != text.size()) return std::nullopt;
  return a;
}

bool is_invoice_page(const Page& page, const TableRules& rules) {
  const std::string key = table_key(page.text());
  int hits = 0;
  for (const std::string& w : rules.invoice_words) {
    const std::string k = table_key(w);
    if (!k.empty() && key.find(k) != std::string::npos) ++hits;
  }
  return hits >= rules.invoice_min_hits;
}

TableGrid grid_from_native(const Table& table, int page, const PatternSet& patterns,
                           const TableRules& rules) {
  TableGrid g;
  g.origin = TableOrigin::kNative;
  g.name = table.name;
  for (const auto& r : table.rows) g.columns = std::max(g.columns, static_cast<int>(r.size()));
  // The header: the first row naming enough header words, without amounts.
  int header = -1;
  const size_t scan = std::min<size_t>(table.rows.size(), 30);
  for (size_t i = 0; i < scan && header < 0; ++i) {
    if (is_header_cells(table.rows[i], patterns, rules)) header = static_cast<int>(i);
  }
  for (size_t i = 0; i < table.rows.size(); ++i) {
    const auto& r = table.rows[i];
    if (static_cast<int>(i) < header) {
      std::string line;
      std::string last;
      for (const std::string& c : r) {
        if (c.empty() || c == last) continue;  // merged areas repeat their value
        if (!line.empty()) line += ' ';
        line += c;
        last = c;
      }
      if (!line.empty()) g.preamble.push_back(line);
      continue;
    }
    std::vector<TableCell> cells(g.columns);
    for (size_t c = 0; c < r.size(); ++c) cells[c].text = r[c];
    if (static_cast<int>(i) == header) {
      g.header = std::move(cells);
      continue;
    }
    bool any = false;
    for (const TableCell& c : cells) any = any || !table_key(c.text).empty();
    if (!any) continue;
    TableRow row;
    row.page = page;
    row.cells = std::move(cells);
    row.source_row = static_cast<int>(i);
    g.rows.push_back(std::move(row));
  }
  for (const std::string& line : g.preamble) {
    if (auto u = find_money_unit(patterns, line)) g.unit = u;
  }
  g.column_units.resize(g.columns);
  for (int c = 0; c < g.columns && c < static_cast<int>(g.header.size()); ++c)
    g.column_units[c] = find_money_unit(patterns, g.header[c].text);
  if (!g.rows.empty()) {
    for (const TableCell& c : g.rows.back().cells) {
      if (is_total_text(c.text, rules)) g.ends_with_total = true;
    }
  }
  return g;
}

std::vector<TableRow> page_line_rows(const Page& page, const TableOptions& options) {
  const Layout L = build_layout(page, options);
  std::vector<TableRow> rows;
  for (const PLine& l : L.lines) {
    TableRow row;
    row.page = page.number;
    for (const Seg& s : l.segs) {
      TableCell c;
      c.text = s.text;
      for (int id : s.words) c.box = union_box(c.box, L.words[id].box);
      if (c.box) row.box = union_box(row.box, *c.box);
      row.cells.push_back(std::move(c));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<TableGrid> read_tables(const Document& doc, const PatternSet& patterns,
                                   const TableRules& rules, const TableOptions& options) {
  std::vector<TableGrid> out;
  // Native tables.
  for (size_t i = 0; i < doc.tables.size(); ++i) {
    const Table& t = doc.tables[i];
    int page = t.page;
    if (page == 0 && doc.format == Format::kXlsx) page = static_cast<int>(i) + 1;
    if (page == 0 && doc.format == Format::kDocx) page = 1;
    TableGrid g = grid_from_native(t, page, patterns, rules);
    if (!g.unit && doc.format == Format::kDocx && !g.header.empty() && !doc.pages.empty()) {
      // A DOCX states the unit in a paragraph above the table: the last statement before
      // the line holding the header row.
      std::string first_cell;
      for (const TableCell& c : g.header) {
        if (!table_key(c.text).empty()) {
          first_cell = table_key(c.text);
          break;
        }
      }
      for (const Line& l : doc.pages.front().lines) {
        const std::string text = l.text();
        if (!first_cell.empty() && table_key(text).find(first_cell) != std::string::npos &&
            text.find('\t') != std::string::npos)
          break;
        if (auto u = find_money_unit(patterns, text)) g.unit = u;
      }
    }
    out.push_back(std::move(g));
  }
  // Tables rebuilt from words.
  std::optional<Region> open;  // a table that ran to the foot of the previous page
  int open_index = -1, open_page = -1;
  for (const Page& page : doc.pages) {
    if (page.text_source == TextSource::kNative || page.lines.empty()) {
      open.reset();
      continue;
    }
    if (is_invoice_page(page, rules)) {
      open.reset();
      continue;
    }
    const Layout L = build_layout(page, options);
    size_t from = 0;
    std::vector<std::string> preamble;
    if (open && page.number == open_page + 1) {
      // Continued: below a repeated header near the top, else from the first line with an
      // amount in the table's amount columns.
      std::optional<size_t> header_at;
      for (size_t i = 0; i < L.lines.size() && i <= static_cast<size_t>(options.continuation_skip_lines); ++i) {
        if (is_header_line(L.lines[i], patterns, rules)) {
          header_at = i;
          break;
        }
      }
      if (header_at) {
        if (auto r = table_at_header(L, *header_at, patterns, rules, options);
            r && r->grid.columns == open->grid.columns) {
          TableGrid& target = out[open_index];
          for (TableRow& row : r->grid.rows) target.rows.push_back(std::move(row));
          target.ends_with_total = r->grid.ends_with_total;
          from = r->end_line;
          open = r->open ? std::move(r) : std::nullopt;
          open_page = page.number;
          if (!open) open_index = -1;
        } else {
          open.reset();
        }
      } else {
        std::optional<size_t> start;
        for (size_t i = 0; i < L.lines.size() && i <= static_cast<size_t>(options.continuation_skip_lines); ++i) {
          if (line_has_amount(L, L.lines[i], open->cols, open->kinds, patterns)) {
            start = i;
            break;
          }
        }
        if (start) {
          Region cont;
          cont.cols = open->cols;
          cont.kinds = open->kinds;
          cont.header_keys = open->header_keys;
          size_t last = L.lines.size();
          for (size_t i = *start; i < L.lines.size(); ++i) {
            if (is_header_line(L.lines[i], patterns, rules)) {
              last = i;
              break;
            }
          }
          const auto body = walk_body(L, *start, last, cont, patterns, rules, options);
          fill_grid_rows(cont, L, body, patterns, rules, options);
          TableGrid& target = out[open_index];
          for (TableRow& row : cont.grid.rows) target.rows.push_back(std::move(row));
          target.ends_with_total = cont.grid.ends_with_total;
          from = cont.end_line;
          if (cont.open) {
            open_page = page.number;
          } else {
            open.reset();
          }
        } else {
          open.reset();
        }
      }
    } else {
      open.reset();
    }
    for (size_t i = from; i < L.lines.size(); ++i) {
      if (!is_header_line(L.lines[i], patterns, rules)) {
        preamble.push_back(L.lines[i].text);
        continue;
      }
      auto r = table_at_header(L, i, patterns, rules, options);
      if (!r) {
        preamble.push_back(L.lines[i].text);
        continue;
      }
      r->grid.preamble = preamble;
      for (const std::string& p : preamble) {
        if (auto u = find_money_unit(patterns, p)) r->grid.unit = u;
      }
      preamble.clear();
      out.push_back(r->grid);
      i = r->end_line - 1;  // end_line > i: the loop goes on after the table
      if (r->open) {
        open = std::move(r);
        open_index = static_cast<int>(out.size()) - 1;
        open_page = page.number;
      } else {
        open.reset();
      }
    }
  }
  return out;
}

void fill_spanned_column(TableGrid& table, int column, const std::vector<bool>& is_data_row) {
  if (column < 0 || column >= table.columns) return;
  const size_t n = table.rows.size();
  auto data = [&](size_t r) { return r < is_data_row.size() && is_data_row[r]; };
  auto label_of = [&](size_t r) { return table_key(table.rows[r].cells[column].text); };
  auto label_only = [&](size_t r) {
    if (data(r) || label_of(r).empty()) return false;
    for (int c = 0; c < table.columns; ++c) {
      if (c != column && !table_key(table.rows[r].cells[c].text).empty()) return false;
    }
    return true;
  };
  auto centre_y = [&](size_t r) -> std::optional<double> {
    const auto& cell = table.rows[r].cells[column];
    if (cell.box) return (cell.box->y0 + cell.box->y1) / 2;
    if (table.rows[r].box) return (table.rows[r].box->y0 + table.rows[r].box->y1) / 2;
    return std::nullopt;
  };
  std::vector<bool> remove(n, false);
  size_t r = 0;
  while (r < n) {
    if (!data(r) && !label_only(r)) {
      ++r;
      continue;
    }
    // A run: data rows and label-only rows on one page.
    size_t e = r;
    while (e < n && (data(e) || label_only(e)) && table.rows[e].page == table.rows[r].page) ++e;
    std::vector<size_t> rows_data, labels;
    bool any_label_only = false;
    for (size_t k = r; k < e; ++k) {
      if (data(k)) rows_data.push_back(k);
      if (!label_of(k).empty()) labels.push_back(k);
      if (label_only(k)) any_label_only = true;
    }
    const bool boxes = std::all_of(labels.begin(), labels.end(), [&](size_t k) { return centre_y(k).has_value(); }) &&
                       std::all_of(rows_data.begin(), rows_data.end(), [&](size_t k) { return table.rows[k].box.has_value(); });
    const bool centred = !labels.empty() && !rows_data.empty() &&
                         (any_label_only || label_of(rows_data.front()).empty());
    if (centred && boxes) {
      // Partition the data rows among the labels, each label at the middle of its group.
      const size_t m = rows_data.size(), k = labels.size();
      size_t start = 0;
      for (size_t li = 0; li < k && start < m; ++li) {
        size_t end = m - 1;
        if (li + 1 < k) {
          // Leave at least one data row for each label still to come.
          const size_t limit = std::max(start, m - 1 - std::min(m - 1, k - 1 - li));
          const double c = *centre_y(labels[li]);
          const double top = table.rows[rows_data[start]].box->y0;
          double best = 1e18;
          for (size_t x = start; x <= limit; ++x) {
            const double mid = (top + table.rows[rows_data[x]].box->y1) / 2;
            if (std::abs(mid - c) < best) {
              best = std::abs(mid - c);
              end = x;
            }
          }
        }
        const TableCell label = table.rows[labels[li]].cells[column];
        for (size_t x = start; x <= end && x < m; ++x) {
          TableCell& cell = table.rows[rows_data[x]].cells[column];
          if (table_key(cell.text).empty()) cell.text = label.text;
        }
        start = end + 1;
      }
    } else {
      // Labelled on the first row of each group: fill downwards.
      std::string last;
      for (size_t k = r; k < e; ++k) {
        TableCell& cell = table.rows[k].cells[column];
        if (!table_key(cell.text).empty()) last = cell.text;
        else if (data(k) && !last.empty()) cell.text = last;
      }
    }
    for (size_t k = r; k < e; ++k) {
      if (label_only(k) && centred && boxes) remove[k] = true;
    }
    r = e;
  }
  std::vector<TableRow> kept;
  for (size_t k = 0; k < n; ++k) {
    if (!remove[k]) kept.push_back(std::move(table.rows[k]));
  }
  table.rows = std::move(kept);
}

}  // namespace shenbao
