// Money amounts in application documents, read exactly into int64 fen (分, 0.01 yuan).
//
// Forms read (after fold_width, so full-width digits and （－，． are fine):
//   1,234,567.89元   1 234 567.89   123.45万元   3亿元   5千元   ¥1,000.00   人民币500万元
//   人民币伍佰万元整   壹拾贰万叁仟肆佰伍拾陆元柒角捌分   拾万元整   伍仟柒佰伍拾万零柒仟伍佰元整
//   (1,234.00) and -1,234.00 / －1,234.00 (negative, as in financial statements)
// A table header's unit (单位：万元, 金额（万元）) is found with find_money_unit and passed to
// parse_money as the default for cells that state no unit.
//
// No floating point anywhere: a decimal string becomes fen by integer arithmetic. A unit
// holds a fixed number of decimals exactly (元 2, 千元 5, 万元 6, 亿元 10); further decimals
// are rounded half up (away from zero for negatives) and the result is marked `rounded`.
// Amounts that do not fit int64 fen are not amounts (nullopt / skipped).
//
// Patterns (schemas/patterns.json): money.amount, money.uppercase, money.unit_statement.
// Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/patterns.h"

namespace shenbao {

enum class MoneyUnit {
  kYuan,          // 元 (圆)
  kThousandYuan,  // 千元
  kWan,           // 万元, × 10,000
  kYi,            // 亿元, × 100,000,000
};

// Fen in one unit: 100, 100'000, 1'000'000, 10'000'000'000.
int64_t fen_per_unit(MoneyUnit unit);
// "元", "千元", "万元", "亿元".
std::string_view unit_name(MoneyUnit unit);

struct MoneyAmount {
  int64_t fen = 0;
  MoneyUnit unit = MoneyUnit::kYuan;  // the unit the number was read in
  bool unit_stated = false;           // the unit (or ¥/人民币) was in the text, not the default
  bool uppercase = false;             // written in uppercase numerals (大写金额)
  bool rounded = false;               // had more decimals than the unit holds; rounded half up
  std::string raw;                    // the amount as it stands in the input
  size_t begin = 0, end = 0;          // byte span of `raw` in the input
};

// Reads one amount from a table cell or a short phrase. The whole trimmed text is tried
// first as a single amount — a bare number takes `default_unit`, "(1,234.00)" is negative,
// a trailing 整 is allowed; otherwise the first amount find_money_amounts sees in the text.
// nullopt when there is none (empty cells, "—", "N/A", prose without an amount).
std::optional<MoneyAmount> parse_money(const PatternSet& patterns, std::string_view text,
                                       MoneyUnit default_unit = MoneyUnit::kYuan);

// Every amount in running text that is marked as money: a unit (元/千元/万元/亿元), a
// currency sign before it (¥, 人民币, RMB, CNY; then a bare 万/亿 counts as the unit), or
// uppercase numerals ending in 元/圆. Bare numbers are not reported (years, counts, codes).
// In order of position, not overlapping; spans are byte offsets into `text`.
std::vector<MoneyAmount> find_money_amounts(const PatternSet& patterns, std::string_view text);

// The unit a table or a page states for its figures: "单位：万元", "金额单位：元",
// "(万元)" in a header cell. nullopt when none is stated.
std::optional<MoneyUnit> find_money_unit(const PatternSet& patterns, std::string_view text);

// Exact conversion of a plain decimal ("1234567.891", digits and at most one '.', an
// optional leading '-') in `unit` to fen. nullopt when malformed or out of int64 range.
// `rounded` (if given) reports whether decimals beyond the unit's precision were rounded.
std::optional<int64_t> decimal_to_fen(std::string_view decimal, MoneyUnit unit,
                                      bool* rounded = nullptr);

// Uppercase numerals (大写) to fen: "伍佰万元整", "壹拾贰万叁仟肆佰伍拾陆元柒角捌分",
// "拾万元". Traditional forms (貳 參 陸 萬 億 圓) are accepted. nullopt when malformed
// (two digits in a row, 佰 after 拾 within a section, no 元/圆).
std::optional<int64_t> parse_uppercase_fen(std::string_view text);

}  // namespace shenbao
