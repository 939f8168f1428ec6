#include "extractors/identifiers.h"

#include <algorithm>
#include <cctype>

#include "extractors/folded_text.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {

struct Hit {
  size_t b, e;  // folded offsets of the number
  std::string number;
  FilingKind own_kind;  // a kind the number's own form implies (网信算备 → filing)
};

std::string without_spaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

// The last match of `re` inside f[from, to), as an end offset; npos when none.
size_t last_match_end(const RE2& re, const std::string& f, size_t from, size_t to) {
  size_t last = std::string::npos;
  re2::StringPiece m;
  for (size_t pos = from; pos < to && re.Match(f, pos, to, RE2::UNANCHORED, &m, 1);) {
    const size_t b = static_cast<size_t>(m.data() - f.data());
    last = b + m.size();
    pos = b + std::max<size_t>(m.size(), 1);
  }
  return last;
}

}  // namespace

std::string_view filing_kind_name(FilingKind kind) {
  switch (kind) {
    case FilingKind::kFiling:
      return "filing";
    case FilingKind::kRegistration:
      return "registration";
    case FilingKind::kUnknown:
      return "";
  }
  return "";
}

std::vector<FilingNumber> find_filing_numbers(const PatternSet& patterns, std::string_view text,
                                              size_t context) {
  const FoldedText folded(text);
  const std::string& f = folded.text();
  std::vector<Hit> hits;
  re2::StringPiece g[2];

  auto scan = [&](const RE2& re, FilingKind own_kind, bool whole_is_number) {
    for (size_t pos = 0; pos < f.size() && re.Match(f, pos, f.size(), RE2::UNANCHORED, g, 2);) {
      const size_t mb = static_cast<size_t>(g[0].data() - f.data());
      const size_t me = mb + g[0].size();
      pos = me > mb ? me : mb + 1;
      const re2::StringPiece& num = whole_is_number ? g[0] : g[1];
      if (num.data() == nullptr) continue;
      const size_t b = static_cast<size_t>(num.data() - f.data());
      size_t e = b + num.size();
      while (e > b && f[e - 1] == ' ') --e;
      // Part of a longer word or number ("XShanghai-…", "…0046789")?
      const char32_t before = code_point_before(f, b);
      if (before < 0x80 && (std::isalnum(static_cast<int>(before)) || before == '-')) continue;
      if (e < f.size() && std::isalnum(static_cast<unsigned char>(f[e]))) continue;
      // A number holds digits: a labelled word without any ("备案号：Shanghai-" cut at a
      // line break, "备案号：XXXXXX") is no number.
      const std::string_view span = std::string_view(f).substr(b, e - b);
      if (std::none_of(span.begin(), span.end(),
                       [](char ch) { return ch >= '0' && ch <= '9'; })) {
        continue;
      }
      hits.push_back({b, e, without_spaces(std::string_view(f).substr(b, e - b)), own_kind});
    }
  };
  scan(patterns.get("filing.cac"), FilingKind::kFiling, true);
  scan(patterns.get("filing.pinyin"), FilingKind::kUnknown, true);
  scan(patterns.get("filing.labelled"), FilingKind::kUnknown, false);

  std::sort(hits.begin(), hits.end(),
            [](const Hit& x, const Hit& y) { return x.b != y.b ? x.b < y.b : x.e > y.e; });
  const RE2& registration = patterns.get("filing.word.registration");
  const RE2& filing = patterns.get("filing.word.filing");
  std::vector<FilingNumber> out;
  size_t last_end = 0;
  for (const Hit& h : hits) {
    if (!out.empty() && h.b < last_end) continue;
    FilingNumber n;
    n.number = h.number;
    n.kind = h.own_kind;
    if (n.kind == FilingKind::kFiling) n.evidence = "网信算备";
    if (n.kind == FilingKind::kUnknown) {
      // The nearest 备案/登记 before the number (on the same label, usually); else just after.
      size_t from = h.b > context ? h.b - context : 0;
      while (from > 0 && (static_cast<unsigned char>(f[from]) & 0xC0) == 0x80) --from;
      const size_t reg = last_match_end(registration, f, from, h.b);
      const size_t fil = last_match_end(filing, f, from, h.b);
      if (reg != std::string::npos && (fil == std::string::npos || reg > fil)) {
        n.kind = FilingKind::kRegistration;
        n.evidence = "登记";
      } else if (fil != std::string::npos) {
        n.kind = FilingKind::kFiling;
        n.evidence = "备案";
      } else {
        const size_t to = std::min(f.size(), h.e + 24);
        re2::StringPiece m;
        const bool reg_after = registration.Match(f, h.e, to, RE2::UNANCHORED, &m, 1);
        const size_t reg_at = reg_after ? static_cast<size_t>(m.data() - f.data()) : to;
        const bool fil_after = filing.Match(f, h.e, to, RE2::UNANCHORED, &m, 1);
        const size_t fil_at = fil_after ? static_cast<size_t>(m.data() - f.data()) : to;
        if (reg_after && reg_at < fil_at) {
          n.kind = FilingKind::kRegistration;
          n.evidence = "登记";
        } else if (fil_after) {
          n.kind = FilingKind::kFiling;
          n.evidence = "备案";
        }
      }
    }
    n.raw = std::string(folded.raw(h.b, h.e));
    n.begin = folded.original_offset(h.b);
    n.end = folded.original_offset(h.e);
    last_end = h.e;
    out.push_back(std::move(n));
  }
  return out;
}

std::optional<FilingNumber> parse_filing_number(const PatternSet& patterns, std::string_view text) {
  auto all = find_filing_numbers(patterns, text);
  if (all.empty()) return std::nullopt;
  return std::move(all.front());
}

}  // namespace shenbao
