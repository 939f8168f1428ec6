#include "extractors/investment.h"

#include <algorithm>

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

// The first column whose header names one of `words`, trying the words in order; columns
// in `taken` are skipped. -1 when none.
int column_named(const TableGrid& t, const std::vector<std::string>& words, const std::vector<int>& taken) {
  for (const std::string& w : words) {
    const std::string k = table_key(w);
    for (int c = 0; c < t.columns; ++c) {
      if (std::find(taken.begin(), taken.end(), c) != taken.end()) continue;
      if (table_key(t.header_text(c)).find(k) != std::string::npos) return c;
    }
  }
  return -1;
}

const std::string& cell(const TableRow& r, int c) {
  static const std::string kEmpty;
  if (c < 0 || c >= static_cast<int>(r.cells.size())) return kEmpty;
  return r.cells[c].text;
}

// Strips a leading enumerator ("一、", "（二）") from a heading's text (returned as a key).
std::string without_enumerator(const std::string& text, const TableRules& rules) {
  const std::string key = table_key(text);
  if (!rules.investment.section_enumerator) return key;
  re2::StringPiece input(key), whole;
  if (rules.investment.section_enumerator->Match(input, 0, input.size(), RE2::ANCHOR_START, &whole, 1))
    return key.substr(whole.size());
  return key;
}

bool enumerated(const std::string& text, const TableRules& rules) {
  const std::string key = table_key(text);
  if (key.empty() || !rules.investment.section_enumerator) return false;
  re2::StringPiece input(key), whole;
  return rules.investment.section_enumerator->Match(input, 0, input.size(), RE2::ANCHOR_START, &whole, 1);
}

bool is_total_cell(const std::string& text, const TableRules& rules) {
  // Bracketed notes aside ("合计（万元）"), the cell is exactly a total word.
  std::string key;
  int depth = 0;
  for (char32_t cp : utf8_to_codepoints(table_key(text))) {
    if (cp == U'(') { ++depth; continue; }
    if (cp == U')') { depth = std::max(0, depth - 1); continue; }
    if (depth == 0) append_utf8(key, cp);
  }
  for (const std::string& w : rules.total_words) {
    if (key == table_key(w)) return true;
  }
  return false;
}

struct Roles {
  int amount = -1, category = -1, item = -1, index = -1;
};

bool index_like_column(const TableGrid& t, int c, const PatternSet& patterns) {
  int numbers = 0, small = 0;
  for (const TableRow& r : t.rows) {
    const std::string& text = cell(r, c);
    if (table_key(text).empty()) continue;
    if (auto a = parse_cell_amount(patterns, text)) {
      ++numbers;
      const std::string k = table_key(text);
      if (k.size() <= 3 && k.find_first_not_of("0123456789") == std::string::npos) ++small;
    }
  }
  return numbers > 0 && small == numbers;
}

Roles find_roles(const TableGrid& t, const PatternSet& patterns, const TableRules& rules) {
  Roles roles;
  const auto& inv = rules.investment;
  roles.index = column_named(t, inv.index_header, {});
  roles.category = column_named(t, inv.category_header, {roles.index});
  // Several amount columns (计划投资额 | 实际投资额, 金额 | 其中：申请补助): the actual cost,
  // not a plan or a requested share; then the leftmost.
  {
    std::vector<int> named;
    for (int c = 0; c < t.columns; ++c) {
      if (c == roles.index || c == roles.category) continue;
      if (names_any(table_key(t.header_text(c)), inv.amount_header)) named.push_back(c);
    }
    std::vector<int> kept;
    for (int c : named) {
      if (!names_any(table_key(t.header_text(c)), inv.amount_avoid)) kept.push_back(c);
    }
    if (kept.empty()) kept = named;
    roles.amount = kept.empty() ? -1 : kept.front();
    for (int c : kept) {
      if (names_any(table_key(t.header_text(c)), inv.amount_prefer)) {
        roles.amount = c;
        break;
      }
    }
  }
  // The amount column must hold amounts; else the column with the most of them.
  auto count_amounts = [&](int c) {
    int n = 0;
    for (const TableRow& r : t.rows) {
      if (parse_cell_amount(patterns, cell(r, c))) ++n;
    }
    return n;
  };
  if (roles.amount < 0 || count_amounts(roles.amount) == 0) {
    int best = -1, best_n = 0;
    for (int c = 0; c < t.columns; ++c) {
      if (c == roles.index || c == roles.category) continue;
      if (index_like_column(t, c, patterns)) continue;
      const int n = count_amounts(c);
      if (n > 0 && n >= best_n) best = c, best_n = n;  // ties: the rightmost
    }
    roles.amount = best;
  }
  if (roles.index < 0 && t.columns > 0 && roles.amount != 0 && index_like_column(t, 0, patterns))
    roles.index = 0;
  roles.item = column_named(t, inv.item_header, {roles.index, roles.category, roles.amount});
  return roles;
}

std::string join_cells(const TableRow& r, const std::vector<int>& skip, const PatternSet& patterns) {
  std::string out;
  for (int c = 0; c < static_cast<int>(r.cells.size()); ++c) {
    if (std::find(skip.begin(), skip.end(), c) != skip.end()) continue;
    const std::string& text = r.cells[c].text;
    if (table_key(text).empty() || parse_cell_amount(patterns, text)) continue;
    if (!out.empty()) out += ' ';
    out += text;
  }
  return out;
}

std::string trim_text(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

// One row, as the reader sees it.
struct RowView {
  std::optional<MoneyAmount> amount;
  int amount_col = -1;
  std::string label;     // every non-amount cell but the index
  std::string item, category, index;
};

RowView view_row(const TableRow& r, const Roles& roles, const TableGrid& t, bool headerless,
                 const PatternSet& patterns) {
  RowView v;
  if (headerless) {
    // The last cell that is an amount; the other cells are the label.
    for (int c = static_cast<int>(r.cells.size()) - 1; c >= 0; --c) {
      if (auto a = parse_cell_amount(patterns, r.cells[c].text, t.unit_of(-1))) {
        v.amount = a;
        v.amount_col = c;
        break;
      }
    }
    std::vector<int> skip{v.amount_col};
    if (!r.cells.empty() && v.amount_col != 0 && parse_cell_amount(patterns, r.cells[0].text)) {
      v.index = r.cells[0].text;
      skip.push_back(0);
    }
    v.label = join_cells(r, skip, patterns);
    v.item = v.label;
    return v;
  }
  if (roles.amount >= 0) {
    v.amount = parse_cell_amount(patterns, cell(r, roles.amount), t.unit_of(roles.amount));
    v.amount_col = roles.amount;
  }
  v.index = trim_text(cell(r, roles.index));
  v.category = trim_text(cell(r, roles.category));
  v.label = join_cells(r, {roles.amount, roles.index}, patterns);
  if (roles.item >= 0) v.item = trim_text(cell(r, roles.item));
  if (v.item.empty()) v.item = join_cells(r, {roles.amount, roles.index, roles.category}, patterns);
  return v;
}

std::string snippet_of(const RowView& v, const TableRow& r) {
  std::string s = v.label.empty() ? v.index : v.label;
  if (v.amount_col >= 0) s += " | " + trim_text(cell(r, v.amount_col));
  return s;
}

std::optional<Box> amount_box(const RowView& v, const TableRow& r) {
  if (v.amount_col >= 0 && v.amount_col < static_cast<int>(r.cells.size()) && r.cells[v.amount_col].box)
    return r.cells[v.amount_col].box;
  return r.box;
}

std::optional<InvestmentReading> read_rows(const TableGrid& t, const Roles& roles, bool headerless,
                                           const PatternSet& patterns, const TableRules& rules) {
  InvestmentReading out;
  out.table = t.name;
  out.unit = t.unit_of(roles.amount);
  std::string section;
  struct Pending {
    InvestmentLine line;
    bool has_amount = false;
    bool has_items = false;
  };
  std::optional<Pending> heading;
  auto flush = [&]() {
    if (heading && heading->has_amount && !heading->has_items) out.lines.push_back(heading->line);
    heading.reset();
  };
  for (const TableRow& r : t.rows) {
    const RowView v = view_row(r, roles, t, headerless, patterns);
    bool total = is_total_cell(v.label, rules);
    for (const TableCell& c : r.cells) total = total || is_total_cell(c.text, rules);
    if (total) {
      if (v.amount) {
        out.stated_total_fen = v.amount->fen;
        out.stated_total.page = r.page;
        out.stated_total.box = amount_box(v, r);
        out.stated_total.snippet = snippet_of(v, r);
      }
      break;
    }
    if (names_any(table_key(v.label), rules.subtotal_words)) continue;
    const bool numbered_heading = enumerated(v.index, rules) || enumerated(v.label, rules);
    const std::string heading_text = without_enumerator(v.label, rules);
    const std::string heading_category = classify_investment_text(heading_text, rules);
    const bool plain_heading = !v.amount && !heading_category.empty() &&
                               (roles.item < 0 || table_key(v.item) == table_key(v.label) ||
                                table_key(v.item).empty() || headerless);
    if (numbered_heading || plain_heading) {
      if (heading_text.empty() && !v.amount) continue;
      flush();
      section = heading_category.empty() ? "other" : heading_category;
      Pending p;
      p.line.row.category = section;
      p.line.row.item = trim_text(v.label);
      if (v.amount) {
        p.has_amount = true;
        p.line.row.amount_fen = v.amount->fen;
        p.line.page = r.page;
        p.line.box = amount_box(v, r);
        p.line.snippet = snippet_of(v, r);
      }
      heading = p;
      continue;
    }
    if (!v.amount) continue;
    if (headerless && v.label.empty()) continue;
    if (heading) heading->has_items = true;
    InvestmentLine line;
    std::string category = classify_investment_text(v.category, rules);
    if (category.empty() && section != "other") category = section;
    if (category.empty()) category = classify_investment_text(v.item, rules);
    if (category.empty()) category = classify_investment_text(v.label, rules);
    if (category.empty()) category = "other";
    line.row.category = category;
    line.row.item = v.item.empty() ? (v.category.empty() ? trim_text(v.label) : v.category) : v.item;
    line.row.amount_fen = v.amount->fen;
    line.page = r.page;
    line.box = amount_box(v, r);
    line.snippet = snippet_of(v, r);
    out.lines.push_back(std::move(line));
  }
  flush();
  if (out.lines.empty()) return std::nullopt;
  return out;
}

bool page_uncertain(const Document& d, int page) {
  for (const Page& p : d.pages) {
    if (p.number == page && p.ocr_confidence && *p.ocr_confidence < TableOptions{}.uncertain_confidence)
      return true;
  }
  return false;
}

Evidence evidence(const Document& d, int page, const std::string& snippet, const std::optional<Box>& box) {
  Evidence e;
  e.document = d.path;
  if (page > 0) e.page = page;
  e.snippet = snippet;
  e.box = box;
  e.uncertain = page_uncertain(d, page);
  return e;
}

void store(const InvestmentReading& reading, const Document& d, Extracted& x) {
  auto& inv = x.investment;
  inv.rows.clear();
  int64_t total = 0, hardware = 0;
  bool overflow = false;
  for (size_t i = 0; i < reading.lines.size(); ++i) {
    const InvestmentLine& l = reading.lines[i];
    inv.rows.push_back(l.row);
    overflow = overflow || __builtin_add_overflow(total, l.row.amount_fen, &total);
    if (l.row.category == "hardware") overflow = overflow || __builtin_add_overflow(hardware, l.row.amount_fen, &hardware);
    x.evidence["investment.rows[" + std::to_string(i) + "]"] = evidence(d, l.page, l.snippet, l.box);
  }
  const InvestmentLine& first = reading.lines.front();
  const std::string where = reading.table.empty() ? std::string() : reading.table + ": ";
  if (!overflow) {
    inv.total_fen = total;
    x.evidence["investment.total_fen"] =
        evidence(d, first.page, where + "sum of " + std::to_string(reading.lines.size()) + " rows", std::nullopt);
    if (total > 0) {
      inv.hardware_share = static_cast<double>(hardware) / static_cast<double>(total);
      x.evidence["investment.hardware_share"] =
          evidence(d, first.page, where + "hardware " + std::to_string(hardware) + " fen of " +
                                      std::to_string(total) + " fen", std::nullopt);
    }
  }
  if (reading.stated_total_fen) {
    inv.stated_total_fen = reading.stated_total_fen;
    x.evidence["investment.stated_total_fen"] =
        evidence(d, reading.stated_total.page, reading.stated_total.snippet, reading.stated_total.box);
  }
}

// A page's lines as one headerless table (OCR with an unreadable header).
TableGrid headerless_grid(const Page& page, const PatternSet& patterns) {
  TableGrid g;
  g.name = "page " + std::to_string(page.number);
  g.dpi = page.dpi;
  g.rows = page_line_rows(page);
  for (const TableRow& r : g.rows) {
    g.columns = std::max(g.columns, static_cast<int>(r.cells.size()));
    std::string text;
    for (const TableCell& c : r.cells) text += c.text + " ";
    if (auto u = find_money_unit(patterns, text); u && !g.unit) g.unit = u;
  }
  for (TableRow& r : g.rows) r.cells.resize(g.columns);
  return g;
}

}  // namespace

std::string classify_investment_text(std::string_view text, const TableRules& rules) {
  const std::string key = table_key(text);
  if (key.empty()) return "";
  const auto& inv = rules.investment;
  for (const auto* table : {&inv.sections, &inv.categories}) {
    for (const std::string& category : inv.category_priority) {
      auto it = table->find(category);
      if (it != table->end() && names_any(key, it->second)) return category;
    }
  }
  return "";
}

std::optional<InvestmentReading> read_investment_table(const TableGrid& table, const PatternSet& patterns,
                                                       const TableRules& rules) {
  TableGrid t = table;
  const bool headerless = t.header.empty();
  Roles roles;
  if (!headerless) {
    roles = find_roles(t, patterns, rules);
    if (roles.amount < 0) return std::nullopt;
    if (roles.category >= 0) {
      std::vector<bool> data(t.rows.size());
      for (size_t i = 0; i < t.rows.size(); ++i) {
        const TableRow& r = t.rows[i];
        bool total = false;
        for (const TableCell& c : r.cells) total = total || is_total_cell(c.text, rules) ||
                                                   names_any(table_key(c.text), rules.subtotal_words);
        data[i] = !total && parse_cell_amount(patterns, cell(r, roles.amount)).has_value();
      }
      fill_spanned_column(t, roles.category, data);
    }
  }
  return read_rows(t, roles, headerless, patterns, rules);
}

void extract_investment(const std::vector<const Document*>& docs_of_material, const PatternSet& patterns,
                        const TableRules& rules, Extracted& x) {
  for (const Document* d : docs_of_material) {
    if (!d) continue;
    for (const TableGrid& t : read_tables(*d, patterns, rules)) {
      if (auto reading = read_investment_table(t, patterns, rules)) {
        store(*reading, *d, x);
        return;
      }
    }
  }
  // No table with a readable header: lines ending in an amount, page by page.
  for (const Document* d : docs_of_material) {
    if (!d) continue;
    for (const Page& p : d->pages) {
      if (p.text_source == TextSource::kNative || is_invoice_page(p, rules)) continue;
      const TableGrid g = headerless_grid(p, patterns);
      auto reading = read_investment_table(g, patterns, rules);
      if (reading && reading->lines.size() >= 2) {
        store(*reading, *d, x);
        return;
      }
    }
  }
}

}  // namespace shenbao
