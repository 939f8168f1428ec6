// Calendar dates in application documents.
//
// Forms read (after fold_width): 2025年5月26日 (also 26号, OCR spaces between the parts),
// 2025-05-26, 2025.05.26, 2025/5/26 (one separator throughout), and Chinese numerals
// 二〇二五年五月二十六日 (〇 ○ 零 O for zero; 十, 二十六, 三十一). A date must exist in
// the calendar (no 2025-02-30) and lie in 1900–2100.
//
// Patterns (schemas/patterns.json): date.ymd_cjk, date.ymd_sep, date.chinese.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/patterns.h"

namespace shenbao {

struct Date {
  int year = 0, month = 0, day = 0;
  // "YYYY-MM-DD", as submission.json wants dates.
  std::string iso() const;
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// True when year/month/day name a real day in 1900–2100 (leap years included).
bool is_valid_date(int year, int month, int day);

struct DateMatch {
  Date date;
  std::string raw;            // as it stands in the input
  size_t begin = 0, end = 0;  // byte span of `raw` in the input
};

// The first date in `text`, or nullopt when there is none that exists in the calendar.
std::optional<Date> parse_date(const PatternSet& patterns, std::string_view text);

// Every valid date in `text`, in order, not overlapping. Impossible dates (2025-02-30) and
// digit runs that merely look like one (version numbers 1.2.3, 12025-05-26) are skipped.
std::vector<DateMatch> find_dates(const PatternSet& patterns, std::string_view text);

// "YYYY-MM-DD" → Date, strictly (what iso() writes); nullopt otherwise.
std::optional<Date> parse_iso_date(std::string_view iso);

}  // namespace shenbao
