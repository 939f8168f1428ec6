#include "extractors/dates.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "extractors/folded_text.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view view(const re2::StringPiece& sp) { return {sp.data(), sp.size()}; }

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) {
    if (!is_digit(c) || v > 100000) return -1;
    v = v * 10 + (c - '0');
  }
  return digits.empty() ? -1 : v;
}

int chinese_digit(char32_t cp) {
  switch (cp) {
    case U'〇':
    case U'○':
    case U'零':
    case U'O':
    case U'o':
    case U'0':
      return 0;
    case U'一':
      return 1;
    case U'二':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

// A year written digit by digit: 二〇二五 → 2025.
int chinese_year(std::string_view s) {
  int v = 0, n = 0;
  for (char32_t cp : utf8_to_codepoints(s)) {
    const int d = chinese_digit(cp);
    if (d < 0) return -1;
    v = v * 10 + d;
    ++n;
  }
  return n == 4 ? v : -1;
}

// 1–99 in Chinese: 五, 十, 十二, 二十, 二十六, 三十一.
int chinese_small(std::string_view s) {
  const std::vector<char32_t> cps = utf8_to_codepoints(s);
  if (cps.empty() || cps.size() > 3) return -1;
  const auto ten = std::find(cps.begin(), cps.end(), U'十');
  if (ten == cps.end()) {
    return cps.size() == 1 ? chinese_digit(cps[0]) : -1;
  }
  if (std::count(cps.begin(), cps.end(), U'十') != 1) return -1;
  int tens = 1, ones = 0;
  if (ten != cps.begin()) {
    if (ten - cps.begin() != 1) return -1;
    tens = chinese_digit(cps[0]);
    if (tens <= 0) return -1;
  }
  if (ten + 1 != cps.end()) {
    if (cps.end() - ten != 2) return -1;
    ones = chinese_digit(*(ten + 1));
    if (ones <= 0) return -1;
  }
  return tens * 10 + ones;
}

// How a match must stand apart from the digits around it.
enum class Around {
  kAny,        // 二〇二五年…日: nothing to check
  kNoDigits,   // 2025年5月26日: no digit right before (12025年…)
  kSeparated,  // 2025-05-26: no digit run continuing it through a separator (1.2025.05.26.3)
};

bool is_separator(char c) { return c == '.' || c == '-' || c == '/'; }

// f[0, end) ends with \d{4}[-./]\d{1,2}[-./]\d{1,2}: a date just before a range dash.
bool ends_with_numeric_date(const std::string& f, size_t end) {
  size_t i = end;
  for (int part = 0; part < 2; ++part) {
    size_t n = 0;
    while (i > 0 && is_digit(f[i - 1]) && n < 3) --i, ++n;
    if (n < 1 || n > 2 || i == 0 || !is_separator(f[i - 1])) return false;
    --i;
  }
  size_t n = 0;
  while (i > 0 && is_digit(f[i - 1])) --i, ++n;
  return n == 4;
}

// f[begin, …) starts with \d{4}[-./]: a date just after a range dash.
bool starts_numeric_date(const std::string& f, size_t begin) {
  for (size_t k = 0; k < 4; ++k) {
    if (begin + k >= f.size() || !is_digit(f[begin + k])) return false;
  }
  return begin + 4 < f.size() && is_separator(f[begin + 4]);
}

bool stands_apart(const std::string& f, size_t b, size_t e, Around around) {
  if (around == Around::kAny) return true;
  if (b > 0 && is_digit(f[b - 1])) return false;
  if (around == Around::kNoDigits) return true;
  if (e < f.size() && is_digit(f[e])) return false;
  // A separator with digits beyond continues the number, except a '-' between two dates
  // (查询期间 2023.05.26-2025.05.26).
  if (b > 1 && is_separator(f[b - 1]) && is_digit(f[b - 2]) &&
      !(f[b - 1] == '-' && ends_with_numeric_date(f, b - 1)))
    return false;
  if (e + 1 < f.size() && is_separator(f[e]) && is_digit(f[e + 1]) &&
      !(f[e] == '-' && starts_numeric_date(f, e + 1)))
    return false;
  return true;
}

void collect(const FoldedText& folded, const RE2& re, int groups,
             const std::function<std::optional<Date>(const re2::StringPiece*)>& to_date,
             Around around, std::vector<DateMatch>& out) {
  const std::string& f = folded.text();
  std::vector<re2::StringPiece> g(static_cast<size_t>(groups) + 1);
  for (size_t pos = 0;
       pos < f.size() && re.Match(f, pos, f.size(), RE2::UNANCHORED, g.data(), groups + 1);) {
    const size_t b = static_cast<size_t>(g[0].data() - f.data());
    const size_t e = b + g[0].size();
    pos = e > b ? e : b + 1;
    if (!stands_apart(f, b, e, around)) continue;
    const auto date = to_date(g.data());
    if (!date) continue;
    out.push_back({*date, std::string(folded.raw(b, e)), folded.original_offset(b),
                   folded.original_offset(e)});
  }
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool is_valid_date(int year, int month, int day) {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + ((month == 2 && leap) ? 1 : 0);
}

std::vector<DateMatch> find_dates(const PatternSet& patterns, std::string_view text) {
  const FoldedText folded(text);
  std::vector<DateMatch> found;
  auto make = [](int y, int m, int d) -> std::optional<Date> {
    if (!is_valid_date(y, m, d)) return std::nullopt;
    return Date{y, m, d};
  };
  collect(
      folded, patterns.get("date.ymd_cjk"), 3,
      [&](const re2::StringPiece* g) {
        return make(to_int(view(g[1])), to_int(view(g[2])), to_int(view(g[3])));
      },
      Around::kNoDigits, found);
  collect(
      folded, patterns.get("date.ymd_sep"), 5,
      [&](const re2::StringPiece* g) -> std::optional<Date> {
        if (view(g[2]) != view(g[4])) return std::nullopt;  // 2025-05/26
        return make(to_int(view(g[1])), to_int(view(g[3])), to_int(view(g[5])));
      },
      Around::kSeparated, found);
  collect(
      folded, patterns.get("date.chinese"), 3,
      [&](const re2::StringPiece* g) {
        return make(chinese_year(view(g[1])), chinese_small(view(g[2])), chinese_small(view(g[3])));
      },
      Around::kAny, found);
  std::sort(found.begin(), found.end(), [](const DateMatch& a, const DateMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<DateMatch> out;
  for (auto& d : found) {
    if (!out.empty() && d.begin < out.back().end) continue;
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<Date> parse_date(const PatternSet& patterns, std::string_view text) {
  auto all = find_dates(patterns, text);
  if (all.empty()) return std::nullopt;
  return all.front().date;
}

std::optional<Date> parse_iso_date(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  const int y = to_int(iso.substr(0, 4)), m = to_int(iso.substr(5, 2)),
            d = to_int(iso.substr(8, 2));
  if (!is_valid_date(y, m, d)) return std::nullopt;
  return Date{y, m, d};
}

}  // namespace shenbao
