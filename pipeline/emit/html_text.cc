// What the pages call things: names from the policy JSON, clauses in English numbering,
// and finding messages in English from the finding catalog's templates.
#include <algorithm>
#include <functional>

#include "pipeline/emit/html_internal.h"

namespace shenbao::html {

namespace {

const json* find_by_id(const json& array, std::string_view id) {
  if (!array.is_array()) return nullptr;
  for (const json& e : array) {
    if (e.is_object() && str_or(at(e, "id")) == id) return &e;
  }
  return nullptr;
}

const json* material_rule(const ReportSchemas& s, std::string_view id) {
  return find_by_id(at(s.policy, "materials"), id);
}

// "七（三）" → "（三）"; "" when there is no bracket.
std::string bracket_part(std::string_view clause) {
  const size_t open = clause.find("（");
  return open == std::string_view::npos ? "" : std::string(clause.substr(open));
}

int numeral_value(std::string_view ch) {
  static const char* const kDigits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
  for (int i = 0; i < 9; ++i) {
    if (ch == kDigits[i]) return i + 1;
  }
  if (ch == "十") return 10;
  return -1;
}

// A run of Chinese numerals up to 99 ("十一", "二十", "三") as a number.
int numeral_run_value(const std::vector<int>& run) {
  int total = 0, current = 0;
  for (int v : run) {
    if (v == 10) {
      total += (current == 0 ? 1 : current) * 10;
      current = 0;
    } else {
      current = v;
    }
  }
  return total + current;
}

// The placeholder names of a template ("{material_name}" → material_name).
std::vector<std::string> placeholders(std::string_view tmpl) {
  std::vector<std::string> names;
  size_t pos = 0;
  while ((pos = tmpl.find('{', pos)) != std::string_view::npos) {
    const size_t close = tmpl.find('}', pos);
    if (close == std::string_view::npos) break;
    const std::string_view name = tmpl.substr(pos + 1, close - pos - 1);
    const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (ok) names.emplace_back(name);
    pos = ok ? close + 1 : pos + 1;
  }
  return names;
}

struct Piece {
  bool is_name = false;
  std::string text;  // literal text, or the placeholder's name
};

std::vector<Piece> split_template(std::string_view tmpl) {
  std::vector<Piece> pieces;
  std::string literal;
  size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] == '{') {
      const size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = tmpl.substr(i + 1, close - i - 1);
        const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
        if (ok) {
          if (!literal.empty()) pieces.push_back({false, std::move(literal)});
          literal.clear();
          pieces.push_back({true, std::string(name)});
          i = close + 1;
          continue;
        }
      }
    }
    literal.push_back(tmpl[i++]);
  }
  if (!literal.empty()) pieces.push_back({false, std::move(literal)});
  return pieces;
}

using MatchVisitor = std::function<bool(const std::map<std::string, std::string>&)>;

// Depth-first over every way `text` fits the pieces; stops at the first complete match the
// visitor accepts.
bool match_pieces(const std::vector<Piece>& pieces, size_t index, std::string_view text,
                  size_t pos, std::map<std::string, std::string>& values,
                  const MatchVisitor& accept) {
  if (index == pieces.size()) return pos == text.size() && accept(values);
  const Piece& p = pieces[index];
  if (!p.is_name) {
    if (text.compare(pos, p.text.size(), p.text) != 0) return false;
    return match_pieces(pieces, index + 1, text, pos + p.text.size(), values, accept);
  }
  auto known = values.find(p.text);
  if (known != values.end()) {
    if (text.compare(pos, known->second.size(), known->second) != 0) return false;
    return match_pieces(pieces, index + 1, text, pos + known->second.size(), values, accept);
  }
  // Shortest value first; values end on a UTF-8 character boundary.
  for (size_t end = pos; end <= text.size(); ++end) {
    if (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) continue;
    values[p.text] = std::string(text.substr(pos, end - pos));
    if (match_pieces(pieces, index + 1, text, end, values, accept)) return true;
  }
  values.erase(p.text);
  return false;
}

bool match_each(std::string_view tmpl, std::string_view text,
                const std::map<std::string, std::string>& bound, const MatchVisitor& accept) {
  if (text.size() > 8192) return false;  // messages are short; bound the backtracking
  const std::vector<Piece> pieces = split_template(tmpl);
  std::map<std::string, std::string> values = bound;
  return match_pieces(pieces, 0, text, 0, values, accept);
}

// The policy's Chinese names → English names (materials, categories, their evidence, cost
// categories), to translate the names a Chinese message was built from.
std::map<std::string, std::string> english_names(const ReportSchemas& s) {
  std::map<std::string, std::string> names;
  auto add = [&](const json& e) {
    const std::optional<std::string> zh = get_str(at(e, "name_zh"));
    const std::optional<std::string> en = get_str(at(e, "name_en"));
    if (zh && en) names.emplace(*zh, *en);
  };
  for (const char* list : {"materials", "categories", "cost_categories"}) {
    const json& a = at(s.policy, list);
    if (!a.is_array()) continue;
    for (const json& e : a) {
      add(e);
      const json& evidence = at(e, "evidence");
      if (evidence.is_array()) {
        for (const json& ev : evidence) add(ev);
      }
    }
  }
  return names;
}

// "1,234.00元" → "¥1,234.00"; other text unchanged.
std::string money_en(const std::string& v) {
  static const std::string kYuan = "元";
  if (v.size() <= kYuan.size() || v.compare(v.size() - kYuan.size(), kYuan.size(), kYuan) != 0) {
    return v;
  }
  std::string number = v.substr(0, v.size() - kYuan.size());
  const bool negative = !number.empty() && number[0] == '-';
  if (negative) number.erase(0, 1);
  if (number.empty() || !std::all_of(number.begin(), number.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == ',' || c == '.';
      })) {
    return v;
  }
  return std::string(negative ? "-" : "") + "¥" + number;
}

// Fills the English template from the values of the Chinese one: "<x>_en" from the
// policy's English name of <x>, clauses in English numbering, money with ¥.
std::optional<std::string> render_english(const ReportSchemas& s, const json& submission,
                                          const std::string& en_template,
                                          std::map<std::string, std::string> values) {
  const std::map<std::string, std::string> names = english_names(s);
  for (const std::string& name : placeholders(en_template)) {
    if (values.count(name)) continue;
    const std::string suffix = "_en";
    if (name.size() <= suffix.size() || name.compare(name.size() - 3, 3, suffix) != 0) continue;
    const std::string base = name.substr(0, name.size() - suffix.size());
    if (base == "parameters") {
      const std::optional<double> n = get_num(at_path(submission, "extracted.project.parameters"));
      if (n) values[name] = parameters_text(*n, Lang::kEn);
      continue;
    }
    auto zh = values.find(base);
    if (zh == values.end()) continue;
    auto en = names.find(zh->second);
    if (en != names.end()) values[name] = en->second;
  }
  for (auto& [name, value] : values) {
    if (name == "document" || name == "page") continue;  // the applicant's own names
    if (name == "clause") value = clause_en(value);
    value = money_en(value);
  }
  return fill_template(en_template, values);
}

}  // namespace

std::vector<std::string> material_order(const ReportSchemas& s, const json& submission) {
  std::vector<std::string> order;
  const json& rules = at(s.policy, "materials");
  if (rules.is_array()) {
    for (const json& m : rules) {
      if (auto id = get_str(at(m, "id"))) order.push_back(*id);
    }
  }
  const json& present = at(submission, "materials");
  if (present.is_object()) {
    for (auto it = present.begin(); it != present.end(); ++it) {
      if (std::find(order.begin(), order.end(), it.key()) == order.end()) order.push_back(it.key());
    }
  }
  return order;
}

std::string material_name(const ReportSchemas& s, std::string_view id, Lang lang) {
  if (id == "unclassified") return T(lang, "未分类", "Unclassified");
  const json* m = material_rule(s, id);
  if (!m) return std::string(id);
  return str_or(at(*m, lang == Lang::kEn ? "name_en" : "name_zh"), id);
}

std::string material_item(const ReportSchemas& s, std::string_view id, Lang lang) {
  const json* m = material_rule(s, id);
  if (!m) return "";
  const std::string item = bracket_part(str_or(at(*m, "clause")));
  return lang == Lang::kEn ? clause_en(item) : item;
}

std::string material_note(const ReportSchemas& s, std::string_view id) {
  const json* m = material_rule(s, id);
  return m ? str_or(at(*m, "note")) : "";
}

const json& category_rule(const ReportSchemas& s, std::string_view id) {
  static const json kNull;
  const json* c = find_by_id(at(s.policy, "categories"), id);
  return c ? *c : kNull;
}

std::string category_name(const ReportSchemas& s, std::string_view id, Lang lang) {
  const json& c = category_rule(s, id);
  if (c.is_null()) {
    if (id == "unknown" || id.empty()) return T(lang, "未确定", "Not determined");
    return std::string(id);
  }
  std::string item = bracket_part(str_or(at(c, "clause")));
  if (lang == Lang::kEn) item = clause_en(item);
  const std::string name = str_or(at(c, lang == Lang::kEn ? "name_en" : "name_zh"), id);
  return item.empty() ? name : item + (lang == Lang::kEn ? " " : "") + name;
}

std::string cost_category_name(const ReportSchemas& s, std::string_view id, Lang lang) {
  const json* c = find_by_id(at(s.policy, "cost_categories"), id);
  if (!c) return std::string(id);
  return str_or(at(*c, lang == Lang::kEn ? "name_en" : "name_zh"), id);
}

std::string clause_en(std::string_view clause) {
  std::string out;
  std::vector<int> run;
  auto flush = [&] {
    if (!run.empty()) out += std::to_string(numeral_run_value(run));
    run.clear();
  };
  size_t i = 0;
  while (i < clause.size()) {
    const unsigned char lead = static_cast<unsigned char>(clause[i]);
    const size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string_view ch = clause.substr(i, len);
    i += len;
    const int v = numeral_value(ch);
    if (v > 0) {
      run.push_back(v);
      continue;
    }
    flush();
    if (ch == "（") out += "(";
    else if (ch == "）") out += ")";
    else if (ch == "、") out += ", ";
    else if (ch == "至") out += " to ";
    else out += ch;
  }
  flush();
  return out;
}

std::string clause_text(std::string_view clause, Lang lang) {
  return lang == Lang::kEn ? clause_en(clause) : std::string(clause);
}

std::optional<std::map<std::string, std::string>> match_template(
    std::string_view tmpl, std::string_view text, const std::map<std::string, std::string>& bound) {
  std::optional<std::map<std::string, std::string>> found;
  match_each(tmpl, text, bound, [&](const std::map<std::string, std::string>& values) {
    found = values;
    return true;
  });
  return found;
}

std::optional<std::string> fill_template(std::string_view tmpl,
                                         const std::map<std::string, std::string>& values) {
  std::string out;
  for (const Piece& p : split_template(tmpl)) {
    if (!p.is_name) {
      out += p.text;
      continue;
    }
    auto it = values.find(p.text);
    if (it == values.end()) return std::nullopt;
    out += it->second;
  }
  return out;
}

std::string finding_verdict_class(const ReportSchemas& s, std::string_view code) {
  return str_or(at(at(at(s.findings, "codes"), code), "verdict"));
}

std::string finding_message(const ReportSchemas& s, const json& submission, const json& finding,
                            Lang lang) {
  const std::string message = str_or(at(finding, "message"));
  if (lang == Lang::kZh) return message;
  const json& kind = at(at(s.findings, "codes"), str_or(at(finding, "code")));
  if (!kind.is_object()) return message;

  // {document} and {page} are always the finding's own.
  std::map<std::string, std::string> bound = {{"document", str_or(at(finding, "document"))}};
  if (std::optional<int64_t> page = get_int(at(finding, "page"))) {
    bound["page"] = std::to_string(*page);
  }

  // The candidate templates: each variant, then the base message.
  std::vector<std::pair<std::string, const json*>> candidates;
  const json& variants = at(kind, "variants");
  if (variants.is_object()) {
    for (auto it = variants.begin(); it != variants.end(); ++it) {
      candidates.emplace_back(it.key(), &*it);
    }
  }
  candidates.emplace_back("", &kind);

  // A record that carries the finding's params (additive) names its variant and values.
  const json& params = at(finding, "params");
  if (params.is_object()) {
    std::map<std::string, std::string> values = bound;
    for (auto it = params.begin(); it != params.end(); ++it) {
      if (it->is_string()) values[it.key()] = it->get<std::string>();
    }
    const std::string variant = values.count("variant") ? values["variant"] : "";
    for (const auto& [name, tmpl] : candidates) {
      if (name != variant) continue;
      const std::optional<std::string> en_template = get_str(at(*tmpl, "en"));
      if (!en_template) break;
      if (auto text = render_english(s, submission, *en_template, values)) return *text;
    }
  }

  // Otherwise read the values back out of the Chinese message.
  for (const auto& [name, tmpl] : candidates) {
    const std::optional<std::string> zh = get_str(at(*tmpl, "zh"));
    const std::optional<std::string> en = get_str(at(*tmpl, "en"));
    if (!zh || !en) continue;
    // A message may fit a template in several ways when a value holds the template's own
    // brackets; take the first way whose values all have English names.
    std::optional<std::string> english;
    match_each(*zh, message, bound, [&](const std::map<std::string, std::string>& values) {
      english = render_english(s, submission, *en, values);
      return english.has_value();
    });
    if (english) return *english;
  }
  return message;
}

}  // namespace shenbao::html
