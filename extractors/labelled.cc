#include "extractors/labelled.h"

#include <algorithm>

#include "pipeline/core/text.h"

namespace shenbao {

namespace {

bool is_separator(char32_t cp) {
  return cp == U':' || cp == U'：' || cp == U' ' || cp == U'\t' || cp == 0x3000 ||
         cp == U'|' || cp == U'_' || cp == U'"' || cp == U'“' || cp == U'”';
}

// Strips separators at both ends (code-point aware).
std::string trim_separators(const std::string& s) {
  std::vector<char32_t> cps = utf8_to_codepoints(s);
  size_t b = 0, e = cps.size();
  while (b < e && is_separator(cps[b])) ++b;
  while (e > b && is_separator(cps[e - 1])) --e;
  return codepoints_to_utf8(std::vector<char32_t>(cps.begin() + b, cps.begin() + e));
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

// The value after the label at `pos` up to the next stop label.
std::string value_after(const std::string& text, size_t pos, const std::string& label,
                        const std::vector<std::string>& stop_labels) {
  std::string rest = text.substr(pos + label.size());
  // Skip separators before looking for the next label, then cut at the earliest stop label.
  const std::string trimmed = trim_separators(rest);
  size_t cut = std::string::npos;
  // Stop labels end a value wherever they stand: OCR runs two table cells together
  // ("名称上海松智科技有限公司类型有限责任公司"), so a CJK character before one is normal.
  for (const std::string& stop : stop_labels) {
    if (stop == label) continue;
    const size_t at = trimmed.find(stop, 1);
    if (at != std::string::npos && at < cut) cut = at;
  }
  return drop_leading_remark(
      trim_separators(cut == std::string::npos ? trimmed : trimmed.substr(0, cut)));
}

bool has_any_label(const std::string& text, const std::vector<std::string>& labels) {
  return std::any_of(labels.begin(), labels.end(), [&](const std::string& l) {
    return find_label(text, l) != std::string::npos;
  });
}

void scan_document(const Document& doc, const std::vector<std::string>& labels,
                   const std::vector<std::string>& stop_labels, bool first_only,
                   std::vector<LabelledValue>& out) {
  const std::vector<std::string> ordered = longest_first(labels);
  for (const Page& page : doc.pages) {
    for (size_t li = 0; li < page.lines.size(); ++li) {
      const std::string text = page.lines[li].text();
      for (const std::string& label : ordered) {
        const size_t pos = find_label(text, label);
        if (pos == std::string::npos) continue;
        LabelledValue v;
        v.label = label;
        v.document = &doc;
        v.page = page.number;
        v.snippet = text;
        v.box = page.lines[li].box;
        v.value = value_after(text, pos, label, stop_labels);
        // A label standing alone: the value is on the next line (unless that is a label).
        if (v.value.empty() && li + 1 < page.lines.size()) {
          const std::string next = page.lines[li + 1].text();
          if (!has_any_label(next, stop_labels) && !has_any_label(next, labels)) {
            v.value = trim_separators(next);
            v.snippet += " / " + next;
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
  if (label.empty()) return std::string::npos;
  for (size_t pos = text.find(label, from); pos != std::string::npos;
       pos = text.find(label, pos + 1)) {
    if (pos == 0) return pos;
    // The character before the label must not be CJK (else it is part of a longer word).
    size_t start = pos;
    do { --start; } while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80);
    const auto cps = utf8_to_codepoints(std::string_view(text).substr(start, pos - start));
    if (cps.empty() || !is_cjk(cps.back())) return pos;
  }
  return std::string::npos;
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
