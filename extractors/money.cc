#include "extractors/money.h"

#include <algorithm>
#include <cctype>

#include "extractors/folded_text.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool checked_mul(int64_t a, int64_t b, int64_t& out) { return !__builtin_mul_overflow(a, b, &out); }
bool checked_add(int64_t a, int64_t b, int64_t& out) { return !__builtin_add_overflow(a, b, &out); }

int unit_decimals(MoneyUnit unit) {
  switch (unit) {
    case MoneyUnit::kYuan:
      return 2;
    case MoneyUnit::kThousandYuan:
      return 5;
    case MoneyUnit::kWan:
      return 6;
    case MoneyUnit::kYi:
      return 10;
  }
  return 2;
}

// The unit named by a captured unit word; nullopt for an empty capture.
std::optional<MoneyUnit> unit_from_word(std::string_view w) {
  if (w == "元" || w == "圆") return MoneyUnit::kYuan;
  if (w == "千元") return MoneyUnit::kThousandYuan;
  if (w == "万元" || w == "万" || w == "萬元" || w == "萬") return MoneyUnit::kWan;
  if (w == "亿元" || w == "亿" || w == "億元" || w == "億") return MoneyUnit::kYi;
  return std::nullopt;
}

// Value of an uppercase digit (also 〇/零 → 0); -1 when not a digit.
int upper_digit(char32_t cp) {
  switch (cp) {
    case U'零':
    case U'〇':
      return 0;
    case U'壹':
      return 1;
    case U'贰':
    case U'貳':
      return 2;
    case U'叁':
    case U'參':
      return 3;
    case U'肆':
      return 4;
    case U'伍':
      return 5;
    case U'陆':
    case U'陸':
      return 6;
    case U'柒':
      return 7;
    case U'捌':
      return 8;
    case U'玖':
      return 9;
    default:
      return -1;
  }
}

int small_unit(char32_t cp) {
  switch (cp) {
    case U'拾':
      return 10;
    case U'佰':
      return 100;
    case U'仟':
      return 1000;
    default:
      return 0;
  }
}

// Integer value of an uppercase numeral without 元 (伍仟柒佰伍拾万零柒仟伍佰).
std::optional<int64_t> uppercase_integer(const std::vector<char32_t>& cps) {
  if (cps.empty()) return std::nullopt;
  int64_t total = 0;    // everything up to the last 亿
  int64_t wan = 0;      // the 万 part of the current 亿 group
  int64_t section = 0;  // below 10,000
  int digit = -1;       // a digit waiting for its unit
  int last_small = 10000;
  bool seen_wan = false, any = false;
  for (char32_t cp : cps) {
    if (cp == U'零' || cp == U'〇') {
      digit = -1;
      continue;
    }
    if (int d = upper_digit(cp); d > 0) {
      if (digit != -1) return std::nullopt;  // 壹贰: two digits without a unit
      digit = d;
      any = true;
      continue;
    }
    if (int m = small_unit(cp); m > 0) {
      if (m >= last_small) return std::nullopt;  // 伍佰柒仟: units must fall
      if (digit == -1) {
        if (section != 0) return std::nullopt;  // 拾 alone only opens a section (拾万)
        digit = 1;
      }
      section += digit * m;
      last_small = m;
      digit = -1;
      any = true;
      continue;
    }
    if (cp == U'万' || cp == U'萬') {
      section += std::max(digit, 0);
      if (seen_wan || section == 0) return std::nullopt;
      wan = section * 10000;
      section = 0, digit = -1, last_small = 10000, seen_wan = true;
      continue;
    }
    if (cp == U'亿' || cp == U'億') {
      section += std::max(digit, 0);
      const int64_t group = wan + section;
      if (group == 0 && total == 0) return std::nullopt;
      int64_t t = 0;
      if (!checked_add(total, group, t) || !checked_mul(t, 100000000, total)) return std::nullopt;
      wan = 0, section = 0, digit = -1, last_small = 10000, seen_wan = false;
      continue;
    }
    return std::nullopt;  // anything else
  }
  if (!any) return std::nullopt;
  int64_t v = 0;
  if (!checked_add(total, wan + section + std::max(digit, 0), v)) return std::nullopt;
  return v;
}

bool is_space(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\n' || cp == U'\r'; }

// Match positions of a capture group inside the folded text.
size_t offset_in(const std::string& f, const re2::StringPiece& sp) {
  return static_cast<size_t>(sp.data() - f.data());
}

// True when the ',' or '.' at folded offset i was a real separator in the original (',' '，'
// '.' '．'), not a folded 、 or 。 ("100、200万元" is two numbers, not 100200).
bool real_separator(const FoldedText& folded, size_t i) {
  const std::string_view o = folded.raw(i, i + 1);
  return o == "," || o == "." || o == "，" || o == "．";
}

// The first folded ',' or '.' in [begin, end) that was not a real separator; npos if none.
size_t first_fake_separator(const FoldedText& folded, size_t begin, size_t end) {
  const std::string& f = folded.text();
  for (size_t i = begin; i < end; ++i) {
    if ((f[i] == ',' || f[i] == '.') && !real_separator(folded, i)) return i;
  }
  return std::string::npos;
}

std::string strip_separators(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c != ',' && c != ' ') out.push_back(c);
  }
  return out;
}

// A decimal amount matched by money.amount at [b,e) of the folded text. `need_marker`:
// only report it when a unit or currency sign is present (running text).
std::optional<MoneyAmount> decimal_match(const FoldedText& folded, const re2::StringPiece* g,
                                         bool need_marker, MoneyUnit default_unit) {
  const std::string& f = folded.text();
  const re2::StringPiece& whole = g[0];
  const re2::StringPiece& currency = g[1];
  const re2::StringPiece& sign = g[2];
  const re2::StringPiece& number = g[3];
  const re2::StringPiece& unit_word = g[4];
  const bool has_currency = currency.data() != nullptr && !currency.empty();
  std::optional<MoneyUnit> unit =
      unit_word.data() ? unit_from_word(std::string_view(unit_word.data(), unit_word.size()))
                       : std::nullopt;
  // A bare 万/亿 is a unit only after a currency sign, or in a cell.
  const std::string_view unit_text =
      unit_word.data() ? std::string_view(unit_word.data(), unit_word.size()) : std::string_view();
  const bool bare_magnitude =
      unit_text == "万" || unit_text == "亿" || unit_text == "萬" || unit_text == "億";
  if (need_marker && bare_magnitude && !has_currency) return std::nullopt;
  if (need_marker && !unit && !has_currency) return std::nullopt;
  const size_t nb = offset_in(f, number), ne = nb + number.size();
  if (first_fake_separator(folded, nb, ne) != std::string::npos) return std::nullopt;

  std::string decimal = strip_separators(std::string_view(number.data(), number.size()));
  bool negative = sign.data() != nullptr && sign == "-";
  size_t begin = has_currency ? offset_in(f, currency) : sign.data() ? offset_in(f, sign) : nb;
  if (negative && !has_currency) {
    // "2024-100元": a '-' right after a digit or letter is a dash, not a sign.
    const size_t sb = offset_in(f, sign);
    size_t prev_start = 0;
    const char32_t prev = code_point_before(f, sb, &prev_start);
    if (prev < 0x80 && (std::isalnum(static_cast<int>(prev)) != 0)) {
      negative = false;
      begin = nb;
    }
  }
  if (negative) decimal.insert(decimal.begin(), '-');
  MoneyAmount a;
  a.unit = unit.value_or(has_currency ? MoneyUnit::kYuan : default_unit);
  a.unit_stated = unit.has_value() || has_currency;
  const auto fen = decimal_to_fen(decimal, a.unit, &a.rounded);
  if (!fen) return std::nullopt;
  a.fen = *fen;
  const size_t end = offset_in(f, whole) + whole.size();
  // Trailing spaces the pattern may have eaten are not part of the amount.
  size_t e = end;
  while (e > begin && f[e - 1] == ' ') --e;
  a.raw = std::string(folded.raw(begin, e));
  a.begin = folded.original_offset(begin);
  a.end = folded.original_offset(e);
  return a;
}

std::optional<MoneyAmount> uppercase_match(const FoldedText& folded,
                                           const re2::StringPiece& whole) {
  const std::string& f = folded.text();
  const auto fen = parse_uppercase_fen(std::string_view(whole.data(), whole.size()));
  if (!fen) return std::nullopt;
  MoneyAmount a;
  a.fen = *fen;
  a.unit = MoneyUnit::kYuan;
  a.unit_stated = true;
  a.uppercase = true;
  size_t b = offset_in(f, whole), e = b + whole.size();
  while (e > b && f[e - 1] == ' ') --e;
  a.raw = std::string(folded.raw(b, e));
  a.begin = folded.original_offset(b);
  a.end = folded.original_offset(e);
  return a;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() &&
         (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

int64_t fen_per_unit(MoneyUnit unit) {
  switch (unit) {
    case MoneyUnit::kYuan:
      return 100;
    case MoneyUnit::kThousandYuan:
      return 100000;
    case MoneyUnit::kWan:
      return 1000000;
    case MoneyUnit::kYi:
      return 10000000000;
  }
  return 100;
}

std::string_view unit_name(MoneyUnit unit) {
  switch (unit) {
    case MoneyUnit::kYuan:
      return "元";
    case MoneyUnit::kThousandYuan:
      return "千元";
    case MoneyUnit::kWan:
      return "万元";
    case MoneyUnit::kYi:
      return "亿元";
  }
  return "元";
}

std::optional<int64_t> decimal_to_fen(std::string_view decimal, MoneyUnit unit, bool* rounded) {
  if (rounded) *rounded = false;
  bool negative = false;
  if (!decimal.empty() && decimal.front() == '-') {
    negative = true;
    decimal.remove_prefix(1);
  }
  const size_t dot = decimal.find('.');
  const std::string_view whole = decimal.substr(0, dot);
  const std::string_view frac =
      dot == std::string_view::npos ? std::string_view() : decimal.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.empty())) return std::nullopt;
  for (char c : whole) {
    if (!is_digit(c)) return std::nullopt;
  }
  for (char c : frac) {
    if (!is_digit(c)) return std::nullopt;
  }
  const int places = unit_decimals(unit);
  int64_t fen = 0;
  for (char c : whole) {
    if (!checked_mul(fen, 10, fen) || !checked_add(fen, c - '0', fen)) return std::nullopt;
  }
  for (int i = 0; i < places; ++i) {
    const int d = static_cast<size_t>(i) < frac.size() ? frac[i] - '0' : 0;
    if (!checked_mul(fen, 10, fen) || !checked_add(fen, d, fen)) return std::nullopt;
  }
  if (frac.size() > static_cast<size_t>(places)) {
    const bool any_nonzero = frac.substr(places).find_first_not_of('0') != std::string_view::npos;
    if (rounded) *rounded = any_nonzero;
    if (frac[places] >= '5' && !checked_add(fen, 1, fen)) return std::nullopt;
  }
  return negative ? -fen : fen;
}

std::optional<int64_t> parse_uppercase_fen(std::string_view text) {
  const std::vector<char32_t> all = utf8_to_codepoints(fold_width(text));
  std::vector<char32_t> cps;
  for (char32_t cp : all) {
    if (!is_space(cp)) cps.push_back(cp);
  }
  // Optional 人民币 before the numeral.
  size_t i = 0;
  if (cps.size() >= 3 && cps[0] == U'人' && cps[1] == U'民' && cps[2] == U'币') i = 3;
  size_t yuan = i;
  while (yuan < cps.size() && cps[yuan] != U'元' && cps[yuan] != U'圆' && cps[yuan] != U'圓')
    ++yuan;
  if (yuan == cps.size()) return std::nullopt;
  const auto integer = uppercase_integer(std::vector<char32_t>(
      cps.begin() + static_cast<long>(i), cps.begin() + static_cast<long>(yuan)));
  if (!integer) return std::nullopt;
  int64_t fen = 0;
  if (!checked_mul(*integer, 100, fen)) return std::nullopt;
  // After 元: [零] [d 角] [零] [d 分] [整|正].
  size_t k = yuan + 1;
  int jiao = 0, fen_digit = 0;
  bool seen_jiao = false, seen_fen = false;
  while (k < cps.size()) {
    const char32_t cp = cps[k];
    if (cp == U'零') {
      ++k;
      continue;
    }
    if (cp == U'整' || cp == U'正') {
      if (k + 1 != cps.size()) return std::nullopt;
      break;
    }
    const int d = upper_digit(cp);
    if (d <= 0 || k + 1 >= cps.size()) return std::nullopt;
    if (cps[k + 1] == U'角' && !seen_jiao && !seen_fen) {
      jiao = d, seen_jiao = true;
    } else if (cps[k + 1] == U'分' && !seen_fen) {
      fen_digit = d, seen_fen = true;
    } else {
      return std::nullopt;
    }
    k += 2;
  }
  if (!checked_add(fen, jiao * 10 + fen_digit, fen)) return std::nullopt;
  return fen;
}

std::vector<MoneyAmount> find_money_amounts(const PatternSet& patterns, std::string_view text) {
  const FoldedText folded(text);
  const std::string& f = folded.text();
  std::vector<MoneyAmount> found;

  const RE2& amount_re = patterns.get("money.amount");
  re2::StringPiece g[6];
  for (size_t pos = 0;
       pos < f.size() && amount_re.Match(f, pos, f.size(), RE2::UNANCHORED, g, 6);) {
    const size_t b = offset_in(f, g[0]);
    const size_t e = b + g[0].size();
    pos = e > b ? e : b + 1;
    // The number must not continue a longer number or a code (…1234,567 / A1234元).
    const size_t nb = offset_in(f, g[3]);
    // A sign right after a digit is a dash ("2024-100元"); decimal_match drops it.
    const size_t token = g[1].data() ? offset_in(f, g[1]) : g[2].data() ? offset_in(f, g[2]) : nb;
    const char32_t sign_before = g[2].data() && !g[1].data() ? code_point_before(f, token) : 0;
    const bool dash = sign_before < 0x80 && std::isalnum(static_cast<int>(sign_before));
    const size_t ne = nb + g[3].size();
    if (const size_t fake = first_fake_separator(folded, nb, ne); fake != std::string::npos) {
      pos = fake + 1;  // "100、200万元": read again after the 、
      continue;
    }
    const size_t at = dash ? nb : token;
    const char32_t before = code_point_before(f, at);
    const bool separator_before =
        (before == '.' || before == ',') && real_separator(folded, at - 1);
    if (separator_before ||
        (before < 0x80 && (std::isalnum(static_cast<int>(before)) || before == '_')))
      continue;
    if (ne < f.size() &&
        (is_digit(f[ne]) || (std::isalpha(static_cast<unsigned char>(f[ne])) && !g[4].data())))
      continue;
    if (auto a = decimal_match(folded, g, /*need_marker=*/true, MoneyUnit::kYuan)) {
      found.push_back(std::move(*a));
    }
  }

  const RE2& upper_re = patterns.get("money.uppercase");
  re2::StringPiece u;
  for (size_t pos = 0;
       pos < f.size() && upper_re.Match(f, pos, f.size(), RE2::UNANCHORED, &u, 1);) {
    const size_t b = offset_in(f, u);
    pos = b + std::max<size_t>(u.size(), 1);
    if (auto a = uppercase_match(folded, u)) found.push_back(std::move(*a));
  }

  std::sort(found.begin(), found.end(), [](const MoneyAmount& x, const MoneyAmount& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end > y.end;
  });
  std::vector<MoneyAmount> out;
  for (auto& a : found) {
    if (!out.empty() && a.begin < out.back().end) continue;  // overlaps the previous one
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<MoneyAmount> parse_money(const PatternSet& patterns, std::string_view text,
                                       MoneyUnit default_unit) {
  const FoldedText folded(text);
  const std::string& f = folded.text();
  std::string_view cell = trim(f);
  const size_t cell_off = static_cast<size_t>(cell.data() - f.data());

  // "(1,234.00)": a negative figure in a financial statement.
  bool parenthesised = false;
  if (cell.size() >= 3 && cell.front() == '(' && cell.back() == ')') {
    parenthesised = true;
    cell = trim(cell.substr(1, cell.size() - 2));
  }
  const re2::StringPiece cell_sp(cell.data(), cell.size());
  re2::StringPiece g[6];
  const RE2& amount_re = patterns.get("money.amount");
  if (amount_re.Match(cell_sp, 0, cell_sp.size(), RE2::ANCHOR_BOTH, g, 6)) {
    if (auto a = decimal_match(folded, g, /*need_marker=*/false, default_unit)) {
      if (parenthesised) {
        if (a->fen < 0) return std::nullopt;  // "(-5)" is not a statement figure
        a->fen = -a->fen;
        a->begin = folded.original_offset(cell_off);
        a->end = folded.original_offset(cell_off + trim(f).size());
        a->raw = std::string(folded.raw(cell_off, cell_off + trim(f).size()));
      }
      return a;
    }
  }
  const RE2& upper_re = patterns.get("money.uppercase");
  re2::StringPiece u;
  if (!parenthesised && upper_re.Match(cell_sp, 0, cell_sp.size(), RE2::ANCHOR_BOTH, &u, 1)) {
    if (auto a = uppercase_match(folded, u)) return a;
  }
  auto all = find_money_amounts(patterns, text);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

std::optional<MoneyUnit> find_money_unit(const PatternSet& patterns, std::string_view text) {
  const std::string f = fold_width(text);
  re2::StringPiece g[3];
  if (!patterns.get("money.unit_statement").Match(f, 0, f.size(), RE2::UNANCHORED, g, 3)) {
    return std::nullopt;
  }
  for (int i = 1; i < 3; ++i) {
    if (g[i].data() && !g[i].empty())
      return unit_from_word(std::string_view(g[i].data(), g[i].size()));
  }
  return std::nullopt;
}

}  // namespace shenbao
