#include "extractors/labelled.h"

#include <algorithm>

#include "pipeline/core/text.h"

namespace shenbao {

namespace {

bool is_separator(char32_t cp) {
  return cp == U':' || cp == U'：' || cp == U' ' || cp == U'\t' || cp == 0x3000 ||
         cp == U'|' || cp == U'_' || cp == U'"' || cp == U'“' || cp == U'”' || cp == U'‘' ||
         cp == U'’' || cp == U'\'' || cp == U'。' || cp == U'，' || cp == U',' || cp == U'、' ||
         cp == U'`' || cp == U'.' || cp == U';' || cp == U'；';
}

// What OCR puts between the characters of a printed label: its letter spacing, and specks
// read as quotes or stops ("住”所", "名。称").
bool is_label_noise(char32_t cp) {
  return cp == U' ' || cp == U'\t' || cp == 0x3000 || cp == U'"' || cp == U'“' || cp == U'”' ||
         cp == U'‘' || cp == U'’' || cp == U'\'' || cp == U'。' || cp == U'·' || cp == U'`' ||
         cp == U'.' || cp == U',';
}

struct Span {
  size_t begin = std::string::npos, end = std::string::npos;  // bytes
  bool found() const { return begin != std::string::npos; }
};

// The first occurrence of `label` in `text` at or after byte `from`, with up to two noise
// characters between two of its characters. `field_start`: the character before the match
// must not be CJK (else it is part of a longer word).
Span match_label(const std::string& text, const std::string& label, size_t from,
                 bool field_start) {
  const std::vector<char32_t> want = utf8_to_codepoints(label);
  if (want.empty()) return {};
  // Code points of text with their byte offsets.
  std::vector<char32_t> cps;
  std::vector<size_t> at;
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
    const auto one = utf8_to_codepoints(std::string_view(text).substr(i, n));
    cps.push_back(one.empty() ? U'?' : one[0]);
    at.push_back(i);
    i += n;
  }
  at.push_back(text.size());
  for (size_t s = 0; s < cps.size(); ++s) {
    if (at[s] < from || cps[s] != want[0]) continue;
    if (field_start && s > 0 && is_cjk(cps[s - 1])) continue;
    size_t k = s + 1, w = 1;
    while (w < want.size() && k < cps.size()) {
      int skipped = 0;
      while (k < cps.size() && cps[k] != want[w] && is_label_noise(cps[k]) && skipped < 2) {
        ++k;
        ++skipped;
      }
      if (k >= cps.size() || cps[k] != want[w]) break;
      ++k;
      ++w;
    }
    if (w == want.size()) return {at[s], at[k]};
  }
  return {};
}

// Strips separators at both ends (code-point aware).
std::string trim_separators(const std::string& s) {
  std::vector<char32_t> cps = utf8_to_codepoints(s);
  size_t b = 0, e = cps.size();
  while (b < e && is_separator(cps[b])) ++b;
  while (e > b && is_separator(cps[e - 1])) --e;
  return codepoints_to_utf8(std::vector<char32_t>(cps.begin() + b, cps.begin() + e));
}

// The rest of `s` after the separators at its front.
std::string_view trim_separators_front(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t n = 1;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
    const auto cps = utf8_to_codepoints(s.substr(i, n));
    if (cps.empty() || !is_separator(cps[0])) break;
    i += n;
  }
  return s.substr(i);
}

// Drops a bracketed remark that forms stand after a label: "（盖章）：上海…" → "上海…".
std::string drop_leading_remark(const std::string& value) {
  const std::vector<char32_t> cps = utf8_to_codepoints(value);
  // OCR reads the brackets in many ways: （ ( 〈 < 【 [.
  auto opens = [](char32_t c) {
    return c == U'（' || c == U'(' || c == U'〈' || c == U'<' || c == U'【' || c == U'[';
  };
  auto closes = [](char32_t c) {
    return c == U'）' || c == U')' || c == U'〉' || c == U'>' || c == U'】' || c == U']';
  };
  if (cps.empty() || !opens(cps[0])) return value;
  for (size_t i = 1; i < cps.size() && i <= 8; ++i) {
    if (!closes(cps[i])) continue;
    const std::string rest =
        trim_separators(codepoints_to_utf8(std::vector<char32_t>(cps.begin() + i + 1, cps.end())));
    return rest.empty() ? value : rest;
  }
  return value;
}

std::vector<std::string> longest_first(std::vector<std::string> labels) {
  std::stable_sort(labels.begin(), labels.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return labels;
}

// Where the earliest stop label (other than `label`) starts in `text` after its first
// byte; npos when none. Stop labels end a value wherever they stand: OCR runs two table
// cells together ("名称上海松智科技有限公司类型有限责任公司"), so a CJK character before
// one is normal.
size_t first_stop(const std::string& text, const std::string& label,
                  const std::vector<std::string>& stop_labels) {
  size_t cut = std::string::npos;
  for (const std::string& stop : stop_labels) {
    if (stop == label) continue;
    const Span at = match_label(text, stop, 1, /*field_start=*/false);
    if (at.found() && at.begin < cut) cut = at.begin;
  }
  return cut;
}

// The value that starts at byte `from` of `text` up to the next stop label.
std::string value_from(const std::string& text, size_t from, const std::string& label,
                       const std::vector<std::string>& stop_labels) {
  std::string rest = text.substr(from);
  // Skip separators before looking for the next label, then cut at the earliest stop label.
  const std::string trimmed = trim_separators(rest);
  const size_t cut = first_stop(trimmed, label, stop_labels);
  return drop_leading_remark(
      trim_separators(cut == std::string::npos ? trimmed : trimmed.substr(0, cut)));
}

bool has_any_label(const std::string& text, const std::vector<std::string>& labels) {
  return std::any_of(labels.begin(), labels.end(), [&](const std::string& l) {
    return find_label(text, l) != std::string::npos;
  });
}

// A stop label anywhere in `text` (a row of a form names its field somewhere).
bool names_any_label(const std::string& text, const std::vector<std::string>& labels) {
  return std::any_of(labels.begin(), labels.end(), [&](const std::string& l) {
    return match_label(text, l, 0, /*field_start=*/false).found();
  });
}

// A line's words with their byte spans in Line::text() and their boxes.
struct WordAt {
  size_t begin, end;
  Box box;
};

std::vector<WordAt> word_spans(const Line& line, const std::string& text) {
  std::vector<WordAt> out;
  size_t cursor = 0;
  for (const Word& w : line.words) {
    const size_t at = w.text.empty() ? std::string::npos : text.find(w.text, cursor);
    if (at == std::string::npos) continue;
    out.push_back({at, at + w.text.size(), w.box});
    cursor = at + w.text.size();
  }
  return out;
}

// The x where byte `offset` of the line's text stands (words that hold several characters,
// as text layers give them, are divided evenly).
std::optional<double> x_at(const std::vector<WordAt>& words, const std::string& text,
                           size_t offset) {
  for (const WordAt& w : words) {
    if (offset < w.begin || offset >= w.end) continue;
    const double n = static_cast<double>(
        utf8_to_codepoints(std::string_view(text).substr(w.begin, w.end - w.begin)).size());
    const double k = static_cast<double>(
        utf8_to_codepoints(std::string_view(text).substr(w.begin, offset - w.begin)).size());
    return w.box.x0 + (w.box.x1 - w.box.x0) * (n > 0 ? k / n : 0);
  }
  return std::nullopt;
}

// The text of `line`'s words from the first word whose left edge is at or right of `x0`
// (and left of `x1`) up to a wide horizontal gap (a column gap: more than `gap` points);
// empty when the words just left of that word touch it (running text, not a column).
std::string column_text(const Line& line, double x0, double x1, double gap, Box* box) {
  const std::string text = line.text();
  const std::vector<WordAt> words = word_spans(line, text);
  size_t first = words.size();
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].box.x0 >= x0 && words[i].box.x0 < x1) {
      first = i;
      break;
    }
  }
  if (first == words.size()) return "";
  if (first > 0 && words[first].box.x0 - words[first - 1].box.x1 < gap) return "";
  size_t last = first;
  while (last + 1 < words.size() && words[last + 1].box.x0 - words[last].box.x1 < gap) ++last;
  *box = words[first].box;
  box->x1 = words[last].box.x1;
  return text.substr(words[first].begin, words[last].end - words[first].begin);
}

double height(const Box& b) { return b.y1 - b.y0; }

// The lines continuing a value that wraps in its cell: the nearest line just below `value_box`
// whose words start inside the value's columns (right of `value_x0`, left of the value's
// right edge) after a column gap, naming no label; then the line below that one.
std::string wrapped_continuation(const Page& page, size_t line_index, double value_x0,
                                 Box value_box, const std::vector<std::string>& stop_labels,
                                 std::string& snippet) {
  std::string out;
  for (int round = 0; round < 2; ++round) {
    const double h = height(value_box);
    if (h <= 0) break;
    const Line* best = nullptr;
    for (size_t k = 0; k < page.lines.size(); ++k) {
      if (k == line_index) continue;
      const Box& b = page.lines[k].box;
      if (b.y0 < value_box.y1 - 0.5 * h || b.y0 > value_box.y1 + 0.8 * h) continue;
      if (b.x1 <= value_x0 || b.x0 >= value_box.x1) continue;
      if (!best || b.y0 < best->box.y0) best = &page.lines[k];
    }
    if (!best) break;
    const std::string line_text = best->text();
    if (names_any_label(line_text, stop_labels)) break;
    Box got{};
    const std::string piece =
        trim_separators(column_text(*best, value_x0 - 0.5 * h, value_box.x1, 1.5 * h, &got));
    if (piece.empty() || got.x1 > value_box.x1 + h) break;
    // The rest of a Chinese value holds Chinese (a code or a figure below is another field).
    const auto cps = utf8_to_codepoints(piece);
    if (std::none_of(cps.begin(), cps.end(), [](char32_t c) { return is_cjk(c); })) break;
    out += piece;
    snippet += " / " + line_text;
    value_box = got;
    value_box.x1 = std::max(value_box.x1, got.x1);
    line_index = static_cast<size_t>(best - page.lines.data());
  }
  return out;
}

void scan_document(const Document& doc, const std::vector<std::string>& labels,
                   const std::vector<std::string>& stop_labels, bool first_only,
                   std::vector<LabelledValue>& out) {
  const std::vector<std::string> ordered = longest_first(labels);
  for (const Page& page : doc.pages) {
    const bool ocr_page = page.text_source == TextSource::kOcr;
    for (size_t li = 0; li < page.lines.size(); ++li) {
      const Line& line = page.lines[li];
      const std::string text = line.text();
      for (const std::string& label : ordered) {
        Span at = match_label(text, label, 0, /*field_start=*/true);
        // OCR runs a row's cells together ("法定代表人姚欣然住所上海市…"): there a label
        // that names a field of its own (a stop label) may follow a Chinese character.
        if (!at.found() && ocr_page &&
            std::find(stop_labels.begin(), stop_labels.end(), label) != stop_labels.end()) {
          at = match_label(text, label, 0, /*field_start=*/false);
        }
        if (!at.found()) continue;
        LabelledValue v;
        v.label = label;
        v.document = &doc;
        v.page = page.number;
        v.snippet = text;
        v.box = line.box;
        const std::vector<WordAt> words = word_spans(line, text);
        const double h = height(line.box);
        // OCR runs the cells of one row into a line: the value ends at a column gap. (A
        // text layer keeps its words in their cells, and wide gaps inside one cell, as in
        // "价税合计（大写） 伍拾陆万柒仟元整 （小写）¥567000.00", are common there.)
        std::string own = text;
        const size_t value_start =
            text.size() - trim_separators_front(std::string_view(text).substr(at.end)).size();
        for (size_t w = 1; w < words.size(); ++w) {
          if (ocr_page && words[w].begin >= value_start && words[w - 1].end > value_start &&
              words[w].box.x0 - words[w - 1].box.x1 > 2.0 * h) {
            own = text.substr(0, words[w].begin);
            break;
          }
        }
        v.value = value_from(own, at.end, label, stop_labels);
        if (!v.value.empty()) {
          // A value that wraps in its cell continues on the line below.
          const size_t value_at = text.find(v.value, at.end);
          const auto x0 = value_at == std::string::npos ? std::nullopt
                                                        : x_at(words, text, value_at);
          if (x0 && h > 0) {
            v.wrapped = wrapped_continuation(page, li, *x0, line.box, stop_labels, v.snippet);
          }
        } else {
          // A label standing alone: the value stands to its right on the same band (a
          // label column beside a value column that OCR read as separate lines) …
          for (size_t k = 0; k < page.lines.size() && v.value.empty(); ++k) {
            const Box& b = page.lines[k].box;
            if (k == li || b.x0 < line.box.x1 - 0.5 * h) continue;
            const double overlap = std::min(b.y1, line.box.y1) - std::max(b.y0, line.box.y0);
            if (overlap < 0.5 * std::min(height(b), h)) continue;
            const std::string beside = page.lines[k].text();
            if (has_any_label(beside, labels)) continue;
            v.value = value_from(beside, 0, label, stop_labels);
            if (!v.value.empty()) v.snippet += " / " + beside;
          }
          // … or on the next line (unless that is a label).
          if (v.value.empty() && li + 1 < page.lines.size()) {
            const std::string next = page.lines[li + 1].text();
            if (!has_any_label(next, stop_labels) && !has_any_label(next, labels)) {
              v.value = trim_separators(next);
              v.snippet += " / " + next;
            }
          }
        }
        if (v.value.empty()) continue;
        out.push_back(std::move(v));
        if (first_only) return;
        break;  // one value per line
      }
    }
  }
  // Native tables: a row whose cell is a label; the value is the next non-empty cell.
  for (const Table& table : doc.tables) {
    for (const auto& row : table.rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        const std::string cell = trim_separators(row[c]);
        const auto it = std::find_if(ordered.begin(), ordered.end(), [&](const std::string& l) {
          return normalise_for_compare(cell) == normalise_for_compare(l);
        });
        if (it == ordered.end()) continue;
        for (size_t k = c + 1; k < row.size(); ++k) {
          const std::string value = trim_separators(row[k]);
          if (value.empty() || value == cell) continue;
          LabelledValue v;
          v.label = *it;
          v.document = &doc;
          v.page = table.page;
          v.snippet = cell + " | " + value;
          v.value = value;
          out.push_back(std::move(v));
          if (first_only) return;
          break;
        }
      }
    }
  }
}

}  // namespace

size_t find_label(const std::string& text, const std::string& label, size_t from) {
  return match_label(text, label, from, /*field_start=*/true).begin;
}

std::optional<LabelledValue> find_labelled_value(const Document& doc,
                                                 const std::vector<std::string>& labels,
                                                 const std::vector<std::string>& stop_labels) {
  std::vector<LabelledValue> out;
  scan_document(doc, labels, stop_labels, /*first_only=*/true, out);
  if (out.empty()) return std::nullopt;
  return out.front();
}

std::vector<LabelledValue> find_all_labelled_values(const Document& doc,
                                                    const std::vector<std::string>& labels,
                                                    const std::vector<std::string>& stop_labels) {
  std::vector<LabelledValue> out;
  scan_document(doc, labels, stop_labels, /*first_only=*/false, out);
  return out;
}

}  // namespace shenbao
