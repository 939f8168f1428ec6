// Synthetic pages of positioned words for the table tests: a Sheet places words the way a
// PDF text layer (Poppler: one word per space-separated run, boxes in points, dpi 72) or
// Tesseract (one word per CJK character, boxes in pixels at the scan's dpi) would report
// them, and draw_table lays a table out cell by cell — alignment, multi-line cells centred
// vertically, cells spanning columns or rows — without drawing any ruling line.
//
// Also: the real schemas (patterns.json, tables.json) loaded once per test binary.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "extractors/patterns.h"
#include "extractors/tables.h"
#include "pipeline/core/document.h"
#include "pipeline/core/text.h"

namespace shenbao::tables_test {

inline const PatternSet& patterns() {
  static const std::shared_ptr<const PatternSet> set = [] {
    auto r = PatternSet::load(SHENBAO_SOURCE_DIR "/schemas/patterns.json");
    if (!r.ok()) throw std::runtime_error(r.status().ToString());
    return r.value();
  }();
  return *set;
}

inline const TableRules& rules() {
  static const TableRules r = [] {
    auto loaded = load_table_rules(SHENBAO_SOURCE_DIR "/schemas/tables.json");
    if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
    return std::move(loaded).value();
  }();
  return r;
}

enum class Align { kLeft, kCenter, kRight };

// How words are cut.
enum class Cut {
  kPoppler,    // runs between ASCII spaces
  kTesseract,  // CJK one character per word, other runs between spaces
};

class Sheet {
 public:
  // An A4 page numbered `number`, coordinates reported in units of `dpi`.
  explicit Sheet(int number, double dpi = 72, Cut cut = Cut::kPoppler, float confidence = 1.0f)
      : dpi_(dpi), cut_(cut), confidence_(confidence) {
    page_.number = number;
    page_.dpi = dpi;
    page_.width = 595.276 * k();
    page_.height = 841.89 * k();
    page_.text_source = cut == Cut::kTesseract ? TextSource::kOcr : TextSource::kTextLayer;
    if (cut == Cut::kTesseract) page_.ocr_confidence = confidence;
  }

  // Page units per point.
  double k() const { return dpi_ / 72.0; }

  // Width in points of `text` at `size`: CJK and full-width forms one em, others 0.55 em.
  static double text_width(const std::string& text, double size) {
    double w = 0;
    for (char32_t cp : utf8_to_codepoints(text)) {
      const bool wide = is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
      w += wide ? size : 0.55 * size;
    }
    return w;
  }

  // Text whose top-left corner is at (x, y) points.
  void text(const std::string& s, double x, double y, double size = 10) {
    const double top = y;
    std::string run;
    double run_x = x, cursor = x;
    auto flush = [&]() {
      if (!run.empty()) add_word(run, run_x, top, text_width(run, size), size);
      run.clear();
    };
    for (char32_t cp : utf8_to_codepoints(s)) {
      std::string ch;
      append_utf8(ch, cp);
      const double w = text_width(ch, size);
      if (cp == U' ') {
        flush();
        cursor += w;
        run_x = cursor;
        continue;
      }
      if (cut_ == Cut::kTesseract && is_cjk(cp)) {
        flush();
        add_word(ch, cursor, top, w, size);
        cursor += w;
        run_x = cursor;
        continue;
      }
      if (run.empty()) run_x = cursor;
      run += ch;
      cursor += w;
    }
    flush();
  }

  // Text placed in [x0, x1] by alignment, with 3 pt of padding.
  void text_in(const std::string& s, double x0, double x1, double y, Align a, double size = 10) {
    const double w = text_width(s, size);
    double x = x0 + 3;
    if (a == Align::kCenter) x = (x0 + x1 - w) / 2;
    if (a == Align::kRight) x = x1 - 3 - w;
    text(s, x, y, size);
  }

  // Rotates every word about the page's top-left corner by `degrees` (clockwise, y down):
  // a sheet fed crooked into a scanner.
  void skew(double degrees) { skew_ = std::tan(degrees * M_PI / 180); }

  Page page() const {
    Page p = page_;
    std::map<long, size_t> line_of;
    for (const auto& [key, w] : words_) {
      Word word = w;
      const double cx = (w.box.x0 + w.box.x1) / 2;
      word.box.y0 += skew_ * cx;
      word.box.y1 += skew_ * cx;
      auto it = line_of.find(key);
      if (it == line_of.end()) {
        it = line_of.emplace(key, p.lines.size()).first;
        p.lines.emplace_back();
      }
      Line& l = p.lines[it->second];
      l.words.push_back(word);
      if (l.words.size() == 1) l.box = word.box;
      l.box.x0 = std::min(l.box.x0, word.box.x0);
      l.box.y0 = std::min(l.box.y0, word.box.y0);
      l.box.x1 = std::max(l.box.x1, word.box.x1);
      l.box.y1 = std::max(l.box.y1, word.box.y1);
    }
    return p;
  }

 private:
  void add_word(const std::string& s, double x, double y, double w, double size) {
    Word word;
    word.text = s;
    word.box = Box{x * k(), y * k(), (x + w) * k(), (y + size) * k()};
    word.confidence = confidence_;
    word.source = cut_ == Cut::kTesseract ? TextSource::kOcr : TextSource::kTextLayer;
    words_.emplace_back(std::lround(y * 100), word);
  }

  Page page_;
  double dpi_;
  Cut cut_;
  float confidence_;
  double skew_ = 0;
  std::vector<std::pair<long, Word>> words_;  // keyed by top (a text line)
};

struct CellSpec {
  std::string text;             // '\n' separates the lines of a multi-line cell
  Align align = Align::kCenter;
  int colspan = 1;
  int rowspan = 1;              // the rows below leave this column's cells empty ("")
};
using RowSpec = std::vector<CellSpec>;

struct TableSpec {
  double x = 50;                 // left edge, points
  std::vector<double> widths;    // column widths, points
  double row_height = 24;        // minimum
  double size = 10;              // font size
  double line_pitch = 13;        // between the lines of a multi-line cell
  std::vector<RowSpec> rows;
};

// Draws the table's text with its top at y (points); returns the y of its bottom edge.
inline double draw_table(Sheet& sheet, const TableSpec& t, double y) {
  // Row heights first (a multi-line cell makes its row taller).
  std::vector<double> heights;
  for (const RowSpec& r : t.rows) {
    double h = t.row_height;
    for (const CellSpec& c : r) {
      if (c.rowspan > 1) continue;
      const int lines = 1 + static_cast<int>(std::count(c.text.begin(), c.text.end(), '\n'));
      h = std::max(h, (lines - 1) * t.line_pitch + t.size + 10);
    }
    heights.push_back(h);
  }
  std::vector<double> tops;
  double cursor = y;
  for (double h : heights) {
    tops.push_back(cursor);
    cursor += h;
  }
  for (size_t ri = 0; ri < t.rows.size(); ++ri) {
    size_t col = 0;
    for (const CellSpec& c : t.rows[ri]) {
      double x0 = t.x;
      for (size_t k = 0; k < col; ++k) x0 += t.widths[k];
      double x1 = x0;
      for (int k = 0; k < c.colspan; ++k) x1 += t.widths[col + k];
      col += c.colspan;
      if (c.text.empty()) continue;
      double top = tops[ri], bottom = tops[ri] + heights[ri];
      if (c.rowspan > 1) bottom = tops[ri + c.rowspan - 1] + heights[ri + c.rowspan - 1];
      std::vector<std::string> lines;
      size_t start = 0;
      while (true) {
        const size_t nl = c.text.find('\n', start);
        lines.push_back(c.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      const double block = (lines.size() - 1) * t.line_pitch + t.size;
      double ly = (top + bottom - block) / 2;
      for (const std::string& l : lines) {
        sheet.text_in(l, x0, x1, ly, c.align, t.size);
        ly += t.line_pitch;
      }
    }
  }
  return cursor;
}

// A document of the given pages (format pdf).
inline Document pdf_document(const std::string& path, std::vector<Page> pages) {
  Document d;
  d.path = path;
  d.format = Format::kPdf;
  d.pages = std::move(pages);
  return d;
}

}  // namespace shenbao::tables_test
