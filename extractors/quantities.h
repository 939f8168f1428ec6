// Model parameter counts (参数量) as stated in project reports.
//
// Forms read (after fold_width): 千亿级, 千亿, 万亿, 1300亿, 1.2万亿, 800亿参数, 一千亿,
// 130B, 7B, 130 billion, 1.3T, 1.3×10^11, 1.3x10¹¹, 1.3*10^11, 1.3e11. Counts are exact
// integers (decimal mantissa × power of ten by integer arithmetic): 1.2万亿 is 1'200'000'000'000.
// A word before or after qualifies the figure: 超过/逾/大于 (more than), 不少于/以上 (at
// least), 约/近/左右/级 (about); the judge decides what a qualified figure satisfies.
//
// Patterns (schemas/patterns.json): params.cjk, params.latin, params.scientific,
// params.keyword, params.not_count_after, params.before.more_than, params.before.at_least,
// params.before.about, params.after.at_least, params.after.about.
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

enum class CountQualifier {
  kExact,     // the figure as stated (1300亿)
  kMoreThan,  // 超过千亿, 逾1000亿, 大于, 高于, 突破
  kAtLeast,   // 不少于千亿, 千亿以上, 至少
  kAbout,     // 千亿级, 约1300亿, 近千亿, 1300亿左右
};

struct ParameterCount {
  int64_t count = 0;
  CountQualifier qualifier = CountQualifier::kExact;
  bool near_keyword = false;  // 参数/参数量/parameters stands within the window
  int keyword_distance = -1;  // code points to the nearest keyword; -1 when the text has none
  std::string raw;            // the figure as it stands in the input (without qualifier words)
  size_t begin = 0, end = 0;  // byte span of `raw` in the input
};

// Every figure in `text` that reads as a count (see above), in order, not overlapping.
// Money (1300万元), token counts (1.5万亿tokens) and bare numbers without a magnitude are not
// counts. near_keyword is set for figures within `window` code points of a 参数 keyword.
std::vector<ParameterCount> find_parameter_counts(const PatternSet& patterns, std::string_view text,
                                                  int window = 24);

// The parameter count a text states: the figure nearest to a 参数/参数量/parameters keyword
// (within 24 code points); when the text has no keyword at all (a table cell, "130B"), its
// only figure. nullopt when there is none or, without a keyword, several figures.
std::optional<ParameterCount> parse_parameter_count(const PatternSet& patterns,
                                                    std::string_view text);

}  // namespace shenbao
