// How numbers, money and dates are written on Chinese paperwork.
//
// Money is int64 fen throughout samplegen; these functions only print it.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace samplegen {

// 1234567.89 yuan as "1,234,567.89" (thousands separators optional). Negative amounts get a
// leading '-', or parentheses "(1,234.00)" when `parentheses` (financial statements).
std::string format_yuan(int64_t fen, bool thousands = true, bool parentheses = false);

// Fen as 万元 with `decimals` places (123.45 for 1,234,500.00 yuan). Exact only when the
// amount is a multiple of the last printed place; callers round amounts first.
std::string format_wan(int64_t fen, int decimals = 2, bool thousands = false);

// The uppercase financial numerals of an amount: 50000000000 fen → "伍亿元整",
// 500000000 fen → "伍佰万元整", 123456 fen → "壹仟贰佰叁拾肆元伍角陆分".
// No "人民币" prefix (callers add it). Amount must be >= 0.
std::string uppercase_rmb(int64_t fen);

struct Date {
  int y = 2025, m = 1, d = 1;
  std::string iso() const;          // 2025-05-26
  std::string cn() const;           // 2025年5月26日
  std::string cn_padded() const;    // 2025年05月26日
  std::string dotted() const;       // 2025.05.26
  std::string cn_numerals() const;  // 二〇二五年五月二十六日
  // Days since 1970-01-01 and back (proleptic Gregorian), for date arithmetic.
  int64_t days() const;
  static Date from_days(int64_t days);
  Date plus_days(int64_t n) const { return from_days(days() + n); }
};

// A parameter count written as the documents write it. Styles: 0 "1300亿", 1 "1.3万亿" /
// "1300亿" (万亿 when >= 1e12), 2 "130B", 3 "1.3×10^11". Exact for counts that are whole
// multiples of 1e8 (亿) or 1e9 (B).
std::string format_parameters(int64_t count, int style);

// Small integers in Chinese numerals (1 → 一, 12 → 十二, 23 → 二十三), 0..99.
std::string cn_small_number(int n);

}  // namespace samplegen
