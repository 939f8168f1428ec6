#include "extractors/quantities.h"

#include <algorithm>
#include <cctype>

#include "extractors/folded_text.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
std::string_view view(const re2::StringPiece& sp) { return {sp.data(), sp.size()}; }
bool present(const re2::StringPiece& sp) { return sp.data() != nullptr && !sp.empty(); }

// mantissa ("1.3", "1,300", "7") × 10^exponent as an exact integer, rounded half up when the
// mantissa has more decimals than the exponent absorbs. nullopt on overflow or bad input.
std::optional<int64_t> scaled(std::string_view mantissa, int exponent) {
  std::string digits;
  int frac = 0;
  bool dot = false;
  for (char c : mantissa) {
    if (c == ',') continue;
    if (c == '.') {
      if (dot) return std::nullopt;
      dot = true;
      continue;
    }
    if (!is_digit(c)) return std::nullopt;
    digits.push_back(c);
    frac += dot ? 1 : 0;
  }
  if (digits.empty()) return std::nullopt;
  const int shift = exponent - frac;
  const size_t keep =
      shift >= 0 ? digits.size()
                 : (static_cast<int>(digits.size()) + shift > 0 ? digits.size() + shift : 0);
  int64_t v = 0;
  for (size_t i = 0; i < keep; ++i) {
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, digits[i] - '0', &v))
      return std::nullopt;
  }
  if (shift < 0) {
    if (keep < digits.size() && digits[keep] >= '5' && __builtin_add_overflow(v, 1, &v))
      return std::nullopt;
    return v;
  }
  for (int i = 0; i < shift; ++i) {
    if (__builtin_mul_overflow(v, 10, &v)) return std::nullopt;
  }
  return v;
}

int chinese_digit(char32_t cp) {
  switch (cp) {
    case U'一':
      return 1;
    case U'二':
    case U'两':
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

bool is_chinese_numeral(char32_t cp) {
  return chinese_digit(cp) > 0 || cp == U'十' || cp == U'百' || cp == U'千' || cp == U'万' ||
         cp == U'亿' || cp == U'零' || cp == U'〇';
}

// 十 1, 百 2, 千 3, 万 4, 亿 8: the exponent of a magnitude word such as 千亿 (11).
int magnitude_exponent(std::string_view word) {
  int e = 0;
  for (char32_t cp : utf8_to_codepoints(word)) {
    switch (cp) {
      case U'十':
        e += 1;
        break;
      case U'百':
        e += 2;
        break;
      case U'千':
        e += 3;
        break;
      case U'万':
        e += 4;
        break;
      case U'亿':
        e += 8;
        break;
      default:
        return -1;
    }
  }
  return e;
}

int latin_exponent(std::string_view word) {
  if (word == "B" || word == "b" || word == "billion" || word == "Billion" || word == "bn")
    return 9;
  if (word == "T" || word == "trillion" || word == "Trillion") return 12;
  if (word == "M" || word == "million" || word == "Million") return 6;
  return -1;
}

int superscript_exponent(std::string_view s) {
  int v = 0, n = 0;
  for (char32_t cp : utf8_to_codepoints(s)) {
    int d = -1;
    if (cp == U'⁰')
      d = 0;
    else if (cp == U'¹')
      d = 1;
    else if (cp == U'²')
      d = 2;
    else if (cp == U'³')
      d = 3;
    else if (cp >= U'⁴' && cp <= U'⁹')
      d = static_cast<int>(cp - U'⁴') + 4;
    if (d < 0) return -1;
    v = v * 10 + d;
    ++n;
  }
  return n > 0 ? v : -1;
}

struct Figure {
  size_t b, e;  // folded offsets
  int64_t count;
  bool about;  // 级 captured with the figure
};

size_t codepoints_between(const std::string& f, size_t b, size_t e) {
  size_t n = 0;
  for (size_t i = b; i < e && i < f.size(); ++i)
    n += (static_cast<unsigned char>(f[i]) & 0xC0) != 0x80;
  return n;
}

bool matches_end(const RE2& re, const std::string& f, size_t at, size_t span) {
  const size_t from = at > span ? at - span : 0;
  return re.Match(re2::StringPiece(f.data() + from, at - from), 0, at - from, RE2::UNANCHORED,
                  nullptr, 0);
}

bool matches_start(const RE2& re, const std::string& f, size_t at, size_t span) {
  const size_t len = std::min(span, f.size() - at);
  return re.Match(re2::StringPiece(f.data() + at, len), 0, len, RE2::UNANCHORED, nullptr, 0);
}

}  // namespace

std::vector<ParameterCount> find_parameter_counts(const PatternSet& patterns, std::string_view text,
                                                  int window) {
  const FoldedText folded(text);
  const std::string& f = folded.text();
  std::vector<Figure> figures;
  std::vector<re2::StringPiece> g(6);

  auto scan = [&](const RE2& re, int groups, auto&& read) {
    for (size_t pos = 0;
         pos < f.size() && re.Match(f, pos, f.size(), RE2::UNANCHORED, g.data(), groups + 1);) {
      const size_t b = static_cast<size_t>(g[0].data() - f.data());
      const size_t e = b + g[0].size();
      pos = e > b ? e : b + 1;
      // Not the tail of a longer number or word (…1300亿, A7B, 一千二百亿).
      const char32_t before = code_point_before(f, b);
      if (before < 0x80 && (std::isalnum(static_cast<int>(before)) || before == '.')) continue;
      if (is_chinese_numeral(before) || is_chinese_numeral(code_point_at(f, e))) continue;
      if (e < f.size() && (is_digit(f[e]) || f[e] == '.')) continue;
      if (matches_start(patterns.get("params.not_count_after"), f, e, 24)) continue;
      read(b, e);
    }
  };

  scan(patterns.get("params.cjk"), 3, [&](size_t b, size_t e) {
    const int exp = magnitude_exponent(view(g[2]));
    if (exp < 0) return;
    const bool about = present(g[3]);
    std::optional<int64_t> count;
    if (!present(g[1])) {
      // A bare magnitude is a count only as 千亿/万亿/百亿 or with 级 (not 百 of 百度).
      if (utf8_to_codepoints(view(g[2])).size() < 2 && !about) return;
      count = scaled("1", exp);
    } else if (const auto cps = utf8_to_codepoints(view(g[1])); chinese_digit(cps[0]) > 0) {
      count = scaled(std::to_string(chinese_digit(cps[0])), exp);
    } else {
      count = scaled(view(g[1]), exp);
    }
    if (count) figures.push_back({b, e, *count, about});
  });
  scan(patterns.get("params.latin"), 2, [&](size_t b, size_t e) {
    const int exp = latin_exponent(view(g[2]));
    if (exp < 0) return;
    if (auto count = scaled(view(g[1]), exp)) figures.push_back({b, e, *count, false});
  });
  scan(patterns.get("params.scientific"), 4, [&](size_t b, size_t e) {
    const bool caret = present(g[2]);
    const std::string_view mantissa = caret ? view(g[1]) : view(g[3]);
    const int exp = caret ? std::stoi(std::string(view(g[2]))) : superscript_exponent(view(g[4]));
    if (exp < 0 || exp > 18) return;
    if (auto count = scaled(mantissa.empty() ? "1" : mantissa, exp))
      figures.push_back({b, e, *count, false});
  });
  scan(patterns.get("params.e_notation"), 2, [&](size_t b, size_t e) {
    const int exp = std::stoi(std::string(view(g[2])));
    if (auto count = scaled(view(g[1]), exp)) figures.push_back({b, e, *count, false});
  });

  std::sort(figures.begin(), figures.end(),
            [](const Figure& x, const Figure& y) { return x.b != y.b ? x.b < y.b : x.e > y.e; });

  // Keyword spans for near_keyword.
  std::vector<std::pair<size_t, size_t>> keywords;
  const RE2& kw = patterns.get("params.keyword");
  re2::StringPiece k;
  for (size_t pos = 0; pos < f.size() && kw.Match(f, pos, f.size(), RE2::UNANCHORED, &k, 1);) {
    const size_t b = static_cast<size_t>(k.data() - f.data());
    keywords.emplace_back(b, b + k.size());
    pos = b + std::max<size_t>(k.size(), 1);
  }

  std::vector<ParameterCount> out;
  size_t last_end = 0;
  for (const Figure& fig : figures) {
    if (!out.empty() && fig.b < last_end) continue;
    ParameterCount pc;
    pc.count = fig.count;
    if (matches_end(patterns.get("params.before.more_than"), f, fig.b, 16)) {
      pc.qualifier = CountQualifier::kMoreThan;
    } else if (matches_end(patterns.get("params.before.at_least"), f, fig.b, 16) ||
               matches_start(patterns.get("params.after.at_least"), f, fig.e, 16)) {
      pc.qualifier = CountQualifier::kAtLeast;
    } else if (fig.about || matches_end(patterns.get("params.before.about"), f, fig.b, 16) ||
               matches_start(patterns.get("params.after.about"), f, fig.e, 16)) {
      pc.qualifier = CountQualifier::kAbout;
    }
    for (const auto& [kb, ke] : keywords) {
      size_t d = 0;
      if (ke <= fig.b)
        d = codepoints_between(f, ke, fig.b);
      else if (fig.e <= kb)
        d = codepoints_between(f, fig.e, kb);
      if (pc.keyword_distance < 0 || static_cast<int>(d) < pc.keyword_distance)
        pc.keyword_distance = static_cast<int>(d);
    }
    pc.near_keyword = pc.keyword_distance >= 0 && pc.keyword_distance <= window;
    pc.raw = std::string(folded.raw(fig.b, fig.e));
    pc.begin = folded.original_offset(fig.b);
    pc.end = folded.original_offset(fig.e);
    last_end = fig.e;
    out.push_back(std::move(pc));
  }
  return out;
}

std::optional<ParameterCount> parse_parameter_count(const PatternSet& patterns,
                                                    std::string_view text) {
  constexpr int kWindow = 24;
  auto figures = find_parameter_counts(patterns, text, kWindow);
  if (figures.empty()) return std::nullopt;
  if (figures.front().keyword_distance < 0) {  // no keyword anywhere: a cell such as "130B"
    if (figures.size() != 1) return std::nullopt;
    return std::move(figures.front());
  }
  const ParameterCount* best = nullptr;
  for (const auto& fig : figures) {
    if (fig.near_keyword && (!best || fig.keyword_distance < best->keyword_distance)) best = &fig;
  }
  if (!best) return std::nullopt;
  return *best;
}

}  // namespace shenbao
