#include "extractors/uscc.h"

#include <array>
#include <set>
#include <vector>

#include "extractors/folded_text.h"
#include "pipeline/core/text.h"

namespace shenbao {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kCodeWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};

// Single OCR confusions tried by repair_uscc: a character read, and what it may have been.
// Only targets inside the code alphabet are useful (O, I, Z, S are never valid).
struct Confusion {
  char read;
  std::string_view could_be;
};
constexpr std::array<Confusion, 12> kConfusions = {{
    {'0', "D"},
    {'O', "0D"},
    {'D', "0"},  // 0/O/D
    {'1', "L"},
    {'I', "1L"},
    {'L', "1"},  // 1/I/L
    {'Z', "2"},  // 2/Z (Z is not in the alphabet)
    {'S', "5"},  // 5/S (S is not in the alphabet)
    {'8', "B"},
    {'B', "8"},  // 8/B
    {'6', "G"},
    {'G', "6"},  // 6/G
}};

int alphabet_value(char c) {
  const size_t pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// GB 11714 character value: digits 0–9, letters A=10 … Z=35.
int org_value(char c) { return is_digit(c) ? c - '0' : c - 'A' + 10; }

// Width-folded, white space removed, ASCII upper-cased.
std::string normalise(std::string_view code) {
  std::string s = normalise_for_compare(code);
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

char expected_check_char(std::string_view s) {
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += alphabet_value(s[i]) * kCodeWeights[i];
  return kAlphabet[(31 - sum % 31) % 31];
}

char expected_org_check(std::string_view org) {
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) sum += org_value(org[i]) * kOrgWeights[i];
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

// A digit run where each next digit is the previous plus (or minus) one, modulo 10.
bool is_digit_sequence(std::string_view s) {
  if (s.size() < 2) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  bool up = true, down = true;
  for (size_t i = 1; i < s.size(); ++i) {
    const int a = s[i - 1] - '0', b = s[i] - '0';
    if (b != (a + 1) % 10) up = false;
    if (b != (a + 9) % 10) down = false;
  }
  return up || down;
}

bool all_same(std::string_view s) {
  return !s.empty() && s.find_first_not_of(s[0]) == std::string_view::npos;
}

// Province-level prefixes of GB/T 2260 division codes, plus 10 (national bodies).
bool known_province(std::string_view two) {
  static const std::set<std::string_view> kProvinces = {
      "10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
      "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51",
      "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"};
  return kProvinces.count(two) > 0;
}

UsccValidation fail(UsccError e, std::string reason) { return {false, e, std::move(reason)}; }

// Validation of an already-normalised string.
UsccValidation validate_normalised(std::string_view s) {
  if (s.size() != 18) {
    // Count code points so that "18 characters with a Chinese one" reads right.
    const size_t n = utf8_to_codepoints(s).size();
    if (n != 18) return fail(UsccError::kLength, std::to_string(n) + " characters, not 18");
  }
  for (size_t i = 0; i < s.size(); ++i) {
    if (alphabet_value(s[i]) < 0) {
      return fail(UsccError::kAlphabet,
                  "character " + std::to_string(i + 1) + " is outside 0-9 A-H J-N P-R T-U W-Y");
    }
  }
  const std::string_view division = s.substr(2, 6);
  for (char c : division) {
    if (!is_digit(c)) {
      return fail(UsccError::kDivision, "characters 3-8 (division code) are not six digits");
    }
  }
  // Placeholders first: "a placeholder" tells a reviewer more than "wrong check character".
  const std::string_view org = s.substr(8, 9);
  if (all_same(s) || is_digit_sequence(s) || all_same(org.substr(0, 8)) ||
      is_digit_sequence(org.substr(0, 8)) || division == "000000") {
    return fail(UsccError::kPlaceholder, "an obvious placeholder, not a real code");
  }
  if (!known_province(division.substr(0, 2))) {
    return fail(UsccError::kDivision,
                "division code " + std::string(division) + " does not start with a province code");
  }
  const char check = expected_check_char(s);
  if (s[17] != check) {
    return fail(UsccError::kCheckChar,
                std::string("check character is ") + s[17] + ", the first 17 give " + check);
  }
  const char org_check = expected_org_check(org);
  if (org[8] != org_check) {
    return fail(UsccError::kOrgCheck, std::string("organisation code check is ") + org[8] +
                                          ", its first 8 give " + org_check);
  }
  return {true, UsccError::kNone, "valid"};
}

// True when every character of `s` could be a digit once OCR confusions are undone.
bool digit_like(char c) {
  return is_digit(c) || c == 'O' || c == 'D' || c == 'I' || c == 'L' || c == 'Z' || c == 'S' ||
         c == 'B' || c == 'G';
}

// A candidate's shape before any check: 18 ASCII letters/digits, division digit-like.
bool has_code_shape(std::string_view s) {
  if (s.size() != 18) return false;
  for (char c : s) {
    if (!is_digit(c) && !is_upper(c)) return false;
  }
  for (size_t i = 2; i < 8; ++i) {
    if (!digit_like(s[i])) return false;
  }
  return true;
}

// Modern codes carry letters in their organisation code (MA…); all-digit runs without a
// label are more likely bank accounts or ID numbers than a damaged code.
bool looks_modern(std::string_view s) {
  int letters = 0;
  for (size_t i = 8; i < 17 && i < s.size(); ++i) letters += is_upper(s[i]) ? 1 : 0;
  return letters >= 2;
}

bool valid_birth_date(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + ((m == 2 && leap) ? 1 : 0);
}

}  // namespace

UsccValidation validate_uscc(std::string_view code) { return validate_normalised(normalise(code)); }

UsccCandidate repair_uscc(std::string_view raw) {
  UsccCandidate out;
  out.raw = std::string(raw);
  out.end = raw.size();
  const std::string s = normalise(raw);
  const UsccValidation v = validate_normalised(s);
  if (v.valid) {
    out.code = s;
    out.valid = true;
    out.reason = v.reason;
    return out;
  }
  out.error = v.error;
  if (s.size() == 19) {
    // One character too many: OCR split a glyph or read a stroke as a "1". Dropping which
    // one makes a valid code? Accepted only when exactly one code comes out.
    std::set<std::string> fixes;
    size_t dropped = 0;
    for (size_t i = 0; i < s.size(); ++i) {
      std::string t = s;
      t.erase(i, 1);
      if (validate_normalised(t).valid && fixes.insert(t).second) dropped = i;
    }
    if (fixes.size() == 1) {
      out.code = *fixes.begin();
      out.valid = true;
      out.repaired = true;
      out.error = UsccError::kNone;
      out.reason = "dropped extra character " + std::to_string(dropped + 1) + " " + s[dropped];
    } else {
      out.reason = v.reason + (fixes.empty() ? "; no single dropped character fits"
                                             : "; several dropped characters fit, none chosen");
    }
    return out;
  }
  if (v.error == UsccError::kLength || s.size() != 18) {
    out.reason = v.reason;
    return out;
  }
  // Codes are printed in capitals, so a lower-case letter is itself an OCR misreading
  // ("9" read as "e"): such a position may have been any symbol of the alphabet.
  const std::string folded = normalise_for_compare(raw);
  std::vector<bool> lower(s.size(), false);
  if (folded.size() == s.size()) {
    for (size_t i = 0; i < s.size(); ++i) lower[i] = folded[i] >= 'a' && folded[i] <= 'z';
  }
  std::set<std::string> fixes;
  std::string how;
  for (size_t i = 0; i < s.size(); ++i) {
    std::string targets;
    for (const Confusion& c : kConfusions) {
      if (c.read == s[i]) targets += c.could_be;
    }
    if (lower[i]) targets = std::string(kAlphabet);
    for (char target : targets) {
      if (target == s[i]) continue;
      std::string t = s;
      t[i] = target;
      if (validate_normalised(t).valid && fixes.insert(t).second) {
        how = std::string("repaired character ") + std::to_string(i + 1) + " " +
              (lower[i] ? folded[i] : s[i]) + " -> " + target;
      }
    }
  }
  if (fixes.size() == 1) {
    out.code = *fixes.begin();
    out.valid = true;
    out.repaired = true;
    out.reason = how + " (" + v.reason + ")";
  } else if (fixes.empty()) {
    out.reason = v.reason + "; no single OCR repair fits";
  } else {
    out.reason = v.reason + "; " + std::to_string(fixes.size()) +
                 " different single repairs fit, none chosen";
  }
  return out;
}

bool is_resident_id_number(std::string_view s) {
  if (s.size() != 18) return false;
  for (size_t i = 0; i < 17; ++i) {
    if (!is_digit(s[i])) return false;
  }
  const char last = s[17] == 'x' ? 'X' : s[17];
  if (!is_digit(last) && last != 'X') return false;
  if (s[0] < '1' || s[0] > '8') return false;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  if (!valid_birth_date(num(6, 4), num(10, 2), num(12, 2))) return false;
  static constexpr int kWeights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (s[i] - '0') * kWeights[i];
  static constexpr char kCheck[] = "10X98765432";
  return kCheck[sum % 11] == last;
}

std::vector<UsccCandidate> find_uscc_candidates(const PatternSet& patterns, std::string_view text) {
  const RE2& run_re = patterns.get("uscc.run");
  const RE2& label_re = patterns.get("uscc.label");
  const FoldedText folded(text);
  const std::string& f = folded.text();
  std::vector<UsccCandidate> out;

  // Groups of a run: the maximal letter/digit pieces between OCR spaces.
  struct Group {
    size_t begin, end;
  };
  auto is_alnum = [](char c) {
    return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  };

  size_t pos = 0;
  re2::StringPiece m;
  while (pos < f.size() && run_re.Match(f, pos, f.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t run_begin = static_cast<size_t>(m.data() - f.data());
    const size_t run_end = run_begin + m.size();
    pos = run_end > run_begin ? run_end : run_begin + 1;

    std::vector<Group> groups;
    for (size_t i = run_begin; i < run_end;) {
      if (!is_alnum(f[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < run_end && is_alnum(f[j])) ++j;
      groups.push_back({i, j});
      i = j;
    }
    // The label, if any, ends right before a candidate (a few non-alphanumerics between).
    auto labelled_at = [&](size_t b) {
      const size_t look_from = b > 64 ? b - 64 : 0;
      const re2::StringPiece before(f.data() + look_from, b - look_from);
      return label_re.Match(before, 0, before.size(), RE2::UNANCHORED, nullptr, 0);
    };
    // Leftmost sequences of whole groups that add up to exactly 18 characters; 19 after a
    // label, when dropping one character leaves exactly one valid code (repair_uscc).
    for (size_t g = 0; g < groups.size();) {
      size_t len = 0, h = g;
      while (h < groups.size() && len < 18) {
        len += groups[h].end - groups[h].begin;
        ++h;
      }
      const bool one_extra = len == 19 && labelled_at(groups[g].begin);
      if (len != 18 && !one_extra) {
        ++g;
        continue;
      }
      const size_t b = groups[g].begin, e = groups[h - 1].end;
      std::string compact;
      for (size_t k = g; k < h; ++k)
        compact.append(f, groups[k].begin, groups[k].end - groups[k].begin);
      const std::string norm = normalise(compact);
      // An invalid 19-character run is not reported: it may be anything.
      const bool labelled = one_extra || labelled_at(b);
      UsccCandidate c = repair_uscc(compact);
      if (one_extra ? !c.valid
                    : !has_code_shape(norm) || is_resident_id_number(norm) ||
                          (!c.valid && !labelled && !looks_modern(norm))) {
        ++g;
        continue;
      }
      c.raw = std::string(folded.raw(b, e));
      c.begin = folded.original_offset(b);
      c.end = folded.original_offset(e);
      c.labelled = labelled;
      out.push_back(std::move(c));
      g = h;
    }
  }
  return out;
}

}  // namespace shenbao
