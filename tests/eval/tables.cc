// Plain-text tables of figures for a terminal.
#include <algorithm>
#include <array>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "pipeline/core/text.h"
#include "tests/eval/score.h"

namespace shenbao::eval {

namespace {

// The headline figures, in the order a reader wants them. Figures not listed here (a new
// extracted group, say) follow in name order.
constexpr std::string_view kHeadline[] = {
    "bundles.output_found",
    "fields.all",
    "fields.applicant",
    "fields.license",
    "fields.application",
    "fields.credit",
    "fields.audit",
    "fields.investment",
    "fields.project",
    "fields.filing",
    "fields.adaptation",
    "fields.security",
    "uscc.exact",
    kWrongCodeReportedValid,
    "documents.listed",
    "documents.status",
    "material.documents",
    "material.sections",
    "seal.document.precision",
    "seal.document.recall",
    "seal.page.precision",
    "seal.page.recall",
    "findings.recall",
    "findings.precision",
    "findings.details",
    "verdict",
    "category",
    "award.exact",
};

// Terminal columns of a UTF-8 string: East Asian wide and full-width characters take two.
size_t display_width(std::string_view s) {
  size_t w = 0;
  for (char32_t cp : utf8_to_codepoints(s)) {
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

std::string pad(std::string_view s, size_t width) {
  std::string out(s);
  const size_t w = display_width(s);
  if (w < width) out.append(width - w, ' ');
  return out;
}

std::string pad_left(std::string_view s, size_t width) {
  const size_t w = display_width(s);
  return std::string(w < width ? width - w : 0, ' ') + std::string(s);
}

std::string counts(const Figure& f) {
  return std::to_string(f.correct) + "/" + std::to_string(f.total);
}

std::string ratio_text(const Figure& f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", f.ratio());
  return buf;
}

// Rows of (name, figure) as an aligned table under `title`.
void append_table(std::string& out, std::string_view title,
                  const std::vector<std::pair<std::string, Figure>>& rows) {
  if (rows.empty()) return;
  size_t name_w = display_width(title);
  size_t count_w = 7;
  for (const auto& [name, f] : rows) {
    name_w = std::max(name_w, display_width(name));
    count_w = std::max(count_w, counts(f).size());
  }
  out += pad(title, name_w) + "  " + pad_left("correct", count_w) + "  ratio\n";
  for (const auto& [name, f] : rows) {
    out += pad(name, name_w) + "  " + pad_left(counts(f), count_w) + "  " + ratio_text(f);
    if (name == kWrongCodeReportedValid) out += "  (a count: lower is better)";
    out += "\n";
  }
}

bool starts_with(std::string_view s, std::string_view head) {
  return s.substr(0, head.size()) == head;
}

}  // namespace

std::string format_summary(const Scorecard& summary) {
  std::vector<std::pair<std::string, Figure>> headline, fields, codes;
  std::set<std::string> listed;
  for (std::string_view name : kHeadline) {
    if (!summary.has(std::string(name))) continue;
    headline.emplace_back(std::string(name), summary.get(std::string(name)));
    listed.insert(std::string(name));
  }
  for (const auto& [name, f] : summary.figures()) {
    if (listed.count(name) != 0) continue;
    if (starts_with(name, "field.")) {
      fields.emplace_back(name.substr(6), f);
    } else if (starts_with(name, "finding.")) {
      codes.emplace_back(name.substr(8), f);
    } else {
      headline.emplace_back(name, f);
    }
  }
  std::string out;
  append_table(out, "figure", headline);
  if (!fields.empty()) out += "\n";
  append_table(out, "field", fields);
  if (!codes.empty()) out += "\n";
  append_table(out, "finding code", codes);
  return out;
}

std::string format_per_bundle(const EvalRun& run) {
  struct Column {
    std::string_view title;
    std::string_view figure;
  };
  static constexpr std::array<Column, 11> kColumns = {{
      {"fields", "fields.all"},
      {"uscc", "uscc.exact"},
      {"listed", "documents.listed"},
      {"material", "material.documents"},
      {"seal P", "seal.document.precision"},
      {"seal R", "seal.document.recall"},
      {"find R", "findings.recall"},
      {"find P", "findings.precision"},
      {"verdict", "verdict"},
      {"category", "category"},
      {"award", "award.exact"},
  }};

  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {"bundle", "output"};
  for (const auto& c : kColumns) header.emplace_back(c.title);
  rows.push_back(header);
  for (const auto& b : run.bundles) {
    std::vector<std::string> row = {b.bundle_id};
    row.emplace_back(b.output == OutputState::kFound     ? "found"
                     : b.output == OutputState::kMissing ? "missing"
                                                         : "bad json");
    for (const auto& c : kColumns) {
      const std::string name(c.figure);
      row.push_back(b.card.has(name) ? counts(b.card.get(name)) : "-");
    }
    rows.push_back(std::move(row));
  }
  std::vector<size_t> widths(header.size(), 0);
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }

  std::string out;
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t i = 0; i < rows[r].size(); ++i) {
      if (i > 0) out += "  ";
      out += i < 2 ? pad(rows[r][i], widths[i]) : pad_left(rows[r][i], widths[i]);
    }
    out += "\n";
    if (r == 0) continue;
    for (const auto& m : run.bundles[r - 1].misses) out += "    - " + m + "\n";
  }
  return out;
}

}  // namespace shenbao::eval
