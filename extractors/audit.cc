#include "extractors/audit.h"

#include <algorithm>
#include <map>
#include <set>

#include "extractors/dates.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {

bool names_any(const std::string& key, const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    const std::string k = table_key(w);
    if (!k.empty() && key.find(k) != std::string::npos) return true;
  }
  return false;
}

std::string without_brackets(const std::string& key) {
  std::string out;
  int depth = 0;
  for (char32_t cp : utf8_to_codepoints(key)) {
    if (cp == U'(' || cp == U'[') { ++depth; continue; }
    if (cp == U')' || cp == U']') { depth = depth > 0 ? depth - 1 : 0; continue; }
    if (depth == 0) append_utf8(out, cp);
  }
  return out;
}

int cjk_count(std::string_view s) {
  int n = 0;
  for (char32_t cp : utf8_to_codepoints(s)) n += is_cjk(cp) ? 1 : 0;
  return n;
}

// Which period a header cell names.
enum class Period { kUnknown, kCurrent, kPrior };

Period period_of(const std::string& header, const TableRules& rules) {
  const std::string key = table_key(header);
  if (key.empty()) return Period::kUnknown;
  if (names_any(key, rules.audit.prior_column)) return Period::kPrior;
  if (names_any(key, rules.audit.current_column)) return Period::kCurrent;
  return Period::kUnknown;
}

// The year a header cell is dated with (2024年12月31日, 2024年度), 0 when none.
int year_of(const std::string& header, const PatternSet& patterns, const TableRules& rules) {
  const std::string f = fold_width(header);
  int year = 0;
  if (RE2::PartialMatch(f, *rules.audit.fiscal_year, &year)) return year;
  for (const DateMatch& d : find_dates(patterns, f)) return d.date.year;
  return 0;
}

const std::string& cell(const TableRow& r, int c) {
  static const std::string kEmpty;
  if (c < 0 || c >= static_cast<int>(r.cells.size())) return kEmpty;
  return r.cells[c].text;
}

bool page_uncertain(const Document& d, int page) {
  for (const Page& p : d.pages) {
    if (p.number == page && p.ocr_confidence && *p.ocr_confidence < TableOptions{}.uncertain_confidence)
      return true;
  }
  return false;
}

struct Found {
  int64_t fen = 0;
  int rank = 0;
  Evidence evidence;
};

class AuditReader {
 public:
  AuditReader(const PatternSet& patterns, const TableRules& rules) : patterns_(patterns), rules_(rules) {}

  // Reads the rows of one table (header may be empty; rows may be ragged).
  void read(const TableGrid& t, const Document& d) {
    const int columns = t.columns;
    std::vector<Period> period(columns, Period::kUnknown);
    std::vector<int> year(columns, 0);
    for (int c = 0; c < columns; ++c) {
      period[c] = period_of(t.header_text(c), rules_);
      year[c] = year_of(t.header_text(c), patterns_, rules_);
    }
    // Amount columns (not a 行次 column of small integers).
    std::vector<bool> numeric(columns, false);
    if (!t.header.empty()) {
      for (int c = 0; c < columns; ++c) {
        int filled = 0, amounts = 0, small = 0;
        for (const TableRow& r : t.rows) {
          const std::string key = table_key(cell(r, c));
          if (key.empty()) continue;
          ++filled;
          if (parse_cell_amount(patterns_, cell(r, c))) {
            ++amounts;
            if (key.size() <= 3 && key.find_first_not_of("0123456789") == std::string::npos) ++small;
          }
        }
        numeric[c] = amounts > 0 && amounts * 2 >= filled && small < amounts;
      }
    }
    for (const TableRow& r : t.rows) {
      const int n = static_cast<int>(r.cells.size());
      for (int c = 0; c < n; ++c) {
        int rank = 0;
        const std::string field = audit_field_of(r.cells[c].text, rules_, &rank);
        if (field.empty()) continue;
        // The figures of this label: up to the next label-like cell (two-sided sheets).
        int end = n;
        for (int k = c + 1; k < n; ++k) {
          const std::string& text = r.cells[k].text;
          if (!parse_cell_amount(patterns_, text) && cjk_count(text) >= 3) {
            end = k;
            break;
          }
        }
        int value = -1;
        for (int k = c + 1; k < end && value < 0; ++k) {
          if (k < columns && period[k] == Period::kCurrent) value = k;
        }
        if (value < 0) {
          int best_year = 0;
          for (int k = c + 1; k < end; ++k) {
            if (k < columns && period[k] == Period::kUnknown && year[k] > best_year) best_year = year[k], value = k;
          }
        }
        if (value < 0) {
          for (int k = c + 1; k < end && value < 0; ++k) {
            if (k < columns && numeric[k] && period[k] != Period::kPrior) value = k;
          }
        }
        if (value < 0 && t.header.empty()) {
          for (int k = c + 1; k < end && value < 0; ++k) {
            if (parse_cell_amount(patterns_, r.cells[k].text)) value = k;
          }
        }
        if (value < 0) continue;
        const auto amount = parse_cell_amount(patterns_, cell(r, value), t.unit_of(value));
        if (!amount) continue;
        auto it = found_.find(field);
        if (it != found_.end() && it->second.rank <= rank) continue;
        Found f;
        f.fen = amount->fen;
        f.rank = rank;
        f.evidence.document = d.path;
        if (r.page > 0) f.evidence.page = r.page;
        f.evidence.snippet = r.cells[c].text + " | " + cell(r, value);
        f.evidence.box = value < n ? r.cells[value].box : std::nullopt;
        if (!f.evidence.box) f.evidence.box = r.box;
        f.evidence.uncertain = page_uncertain(d, r.page);
        found_[field] = std::move(f);
      }
    }
  }

  bool has(const std::string& field) const { return found_.count(field) > 0; }
  // Takes the fields `other` found that this reader has not.
  void take_missing(const AuditReader& other) {
    for (const auto& [field, f] : other.found_) found_.emplace(field, f);
  }
  const std::map<std::string, Found>& found() const { return found_; }

 private:
  const PatternSet& patterns_;
  const TableRules& rules_;
  std::map<std::string, Found> found_;
};

}  // namespace

namespace {

constexpr int kTruncatedRank = 100;  // a label matched by its beginning only

std::string field_of_key(std::string key, const TableRules& rules, int* rank) {
  if (key.empty()) return "";
  if (rules.audit.label_prefix) {
    re2::StringPiece input(key), whole;
    if (rules.audit.label_prefix->Match(input, 0, input.size(), RE2::ANCHOR_START, &whole, 1))
      key = key.substr(whole.size());
  }
  while (!key.empty() && key.back() == ':') key.pop_back();
  const std::string bare = without_brackets(key);
  for (const auto& [field, labels] : rules.audit.labels) {
    for (size_t i = 0; i < labels.size(); ++i) {
      const std::string label = table_key(labels[i]);
      if (key == label || bare == label) {
        if (rank) *rank = static_cast<int>(i);
        return field;
      }
    }
  }
  // OCR under a seal may lose or misread a label's head or tail ("四、净利" or "净利油" for
  // 净利润, "业收入" for 营业收入): the key, no longer than the label, agreeing with it on
  // two thirds of it at its beginning or at its end (and on two characters at least), still
  // names it, ranked after any exact label. (营业外收入 and 营业总收入 differ within the
  // first two thirds, and so stay apart.)
  const std::vector<char32_t> k = utf8_to_codepoints(bare);
  const size_t n = k.size();
  if (n < 2) return "";
  for (const auto& [field, labels] : rules.audit.labels) {
    for (size_t i = 0; i < labels.size(); ++i) {
      const std::vector<char32_t> l = utf8_to_codepoints(table_key(labels[i]));
      const size_t m = std::max<size_t>(2, (2 * l.size() + 2) / 3);  // ceil(2/3 of the label)
      if (n > l.size() || n < m || k == l) continue;
      const bool head = std::equal(k.begin(), k.begin() + m, l.begin());
      const bool tail = std::equal(k.end() - m, k.end(), l.end() - m);
      if (head || tail) {
        if (rank) *rank = kTruncatedRank + static_cast<int>(i);
        return field;
      }
    }
  }
  return "";
}

}  // namespace

std::string audit_field_of(std::string_view cell, const TableRules& rules, int* rank) {
  if (std::string field = field_of_key(table_key(cell), rules, rank); !field.empty()) return field;
  // A cell may hold a stray mark beside its label, a space apart ("所有者权益合计 上").
  const std::string folded = fold_width(cell);
  size_t b = folded.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  const size_t e = folded.find(' ', b);
  if (e == std::string::npos) return "";
  return field_of_key(table_key(folded.substr(b, e - b)), rules, rank);
}

std::optional<int> read_fiscal_year(const std::vector<const Document*>& docs, const PatternSet& patterns,
                                    const TableRules& rules, Evidence* evidence) {
  std::map<int, int> votes;
  std::map<int, Evidence> first;
  auto vote = [&](int year, int weight, const Document& d, int page, const std::string& snippet) {
    if (year < 1990 || year > 2100) return;
    votes[year] += weight;
    if (!first.count(year)) {
      Evidence e;
      e.document = d.path;
      if (page > 0) e.page = page;
      e.snippet = snippet;
      e.uncertain = page_uncertain(d, page);
      first[year] = e;
    }
  };
  auto scan = [&](const Document& d, int page, const std::string& text) {
    const std::string f = fold_width(text);
    for (const DateMatch& m : find_dates(patterns, f)) {
      if (m.date.month == 12 && m.date.day == 31) vote(m.date.year, 2, d, page, text);
    }
    re2::StringPiece input(f);
    int year = 0;
    while (RE2::FindAndConsume(&input, *rules.audit.fiscal_year, &year)) vote(year, 2, d, page, text);
  };
  for (const Document* d : docs) {
    if (!d) continue;
    for (const Page& p : d->pages) {
      for (const Line& l : p.lines) scan(*d, p.number, l.text());
    }
    if (d->pages.empty()) {
      for (const Table& t : d->tables) {
        for (const auto& r : t.rows) {
          for (const std::string& c : r) scan(*d, 0, c);
        }
      }
    }
    // The file name ("2024年度审计报告.pdf") is a weak vote.
    const std::string f = fold_width(d->path);
    re2::StringPiece input(f);
    int year = 0;
    while (RE2::FindAndConsume(&input, *rules.audit.fiscal_year, &year)) vote(year, 1, *d, 0, d->path);
  }
  if (votes.empty()) return std::nullopt;
  int best = 0, best_votes = -1;
  for (const auto& [year, n] : votes) {
    if (n >= best_votes) best = year, best_votes = n;  // ascending: ties go to the later year
  }
  if (evidence) *evidence = first[best];
  return best;
}

void extract_audit(const std::vector<const Document*>& docs, const PatternSet& patterns,
                   const TableRules& rules, Extracted& x) {
  Evidence year_evidence;
  if (auto year = read_fiscal_year(docs, patterns, rules, &year_evidence)) {
    x.audit.fiscal_year = year;
    x.evidence["audit.fiscal_year"] = year_evidence;
  }
  AuditReader reader(patterns, rules);
  std::map<const Document*, std::set<int>> table_pages;  // pages a table header was read on
  for (const Document* d : docs) {
    if (!d) continue;
    for (const TableGrid& t : read_tables(*d, patterns, rules)) {
      reader.read(t, *d);
      for (const TableRow& r : t.rows) table_pages[d].insert(r.page);
    }
  }
  // Fields no table gave: the lines of pages without a readable table, label then amounts.
  // (A page whose table was read does not get a second, looser reading: a label with an
  // empty current cell must not pick up the prior period's figure.)
  bool missing = false;
  for (const auto& [field, labels] : rules.audit.labels) missing = missing || !reader.has(field);
  if (missing) {
    AuditReader lines(patterns, rules);
    for (const Document* d : docs) {
      if (!d) continue;
      for (const Page& p : d->pages) {
        if (p.text_source == TextSource::kNative || table_pages[d].count(p.number)) continue;
        TableGrid g;
        g.name = "page " + std::to_string(p.number);
        g.rows = page_line_rows(p);
        for (const TableRow& r : g.rows) {
          g.columns = std::max(g.columns, static_cast<int>(r.cells.size()));
          std::string text;
          for (const TableCell& c : r.cells) text += c.text + " ";
          if (auto u = find_money_unit(patterns, text); u && !g.unit) g.unit = u;
        }
        lines.read(g, *d);
      }
    }
    reader.take_missing(lines);
  }
  for (const auto& [field, f] : reader.found()) {
    std::optional<int64_t>* target = nullptr;
    if (field == "total_assets_fen") target = &x.audit.total_assets_fen;
    else if (field == "total_liabilities_fen") target = &x.audit.total_liabilities_fen;
    else if (field == "owners_equity_fen") target = &x.audit.owners_equity_fen;
    else if (field == "revenue_fen") target = &x.audit.revenue_fen;
    else if (field == "net_profit_fen") target = &x.audit.net_profit_fen;
    else if (field == "rd_expense_fen") target = &x.audit.rd_expense_fen;
    if (!target) continue;
    *target = f.fen;
    x.evidence["audit." + field] = f.evidence;
  }
}

}  // namespace shenbao
