#include "extractors/quantities.h"

#include <doctest/doctest.h>

#include "test_schemas.h"

using namespace shenbao;
using shenbao::testing::patterns;

namespace {
std::optional<int64_t> count_of(std::string_view text) {
  const auto c = parse_parameter_count(patterns(), text);
  if (!c) return std::nullopt;
  return c->count;
}
}  // namespace

TEST_CASE("parse_parameter_count reads Chinese magnitudes") {
  CHECK(count_of("千亿级") == 100000000000);
  CHECK(count_of("千亿") == 100000000000);
  CHECK(count_of("1300亿") == 130000000000);
  CHECK(count_of("1.2万亿") == 1200000000000);
  CHECK(count_of("800亿参数") == 80000000000);
  CHECK(count_of("一千亿") == 100000000000);
  CHECK(count_of("两千亿参数") == 200000000000);
  CHECK(count_of("万亿参数") == 1000000000000);
  CHECK(count_of("1,300亿") == 130000000000);
}

TEST_CASE("parse_parameter_count reads Latin forms") {
  CHECK(count_of("130B") == 130000000000);
  CHECK(count_of("7B") == 7000000000);
  CHECK(count_of("130 billion") == 130000000000);
  CHECK(count_of("1.3T") == 1300000000000);
  CHECK(count_of("Qwen2.5-72B") == 72000000000);
  CHECK(count_of("１３０Ｂ") == 130000000000);  // full width
}

TEST_CASE("parse_parameter_count reads powers of ten") {
  CHECK(count_of("1.3×10^11") == 130000000000);
  CHECK(count_of("1.3x10¹¹") == 130000000000);
  CHECK(count_of("1.3*10^11") == 130000000000);
  CHECK(count_of("1.3e11") == 130000000000);
  CHECK(count_of("10^12") == 1000000000000);
}

TEST_CASE("parse_parameter_count picks the figure nearest to the keyword") {
  CHECK(count_of("本项目模型参数量达到1300亿，训练数据1.5万亿tokens，总投资1300万元。") ==
        130000000000);
  CHECK(count_of("投资2亿元建设算力平台，研发千亿参数大模型") == 100000000000);
  CHECK(count_of("The model has 175 billion parameters.") == 175000000000);
  CHECK(count_of("百度文心大模型参数规模2600亿") == 260000000000);
}

TEST_CASE("parse_parameter_count reports qualifiers") {
  auto c = parse_parameter_count(patterns(), "模型参数量超过千亿");
  REQUIRE(c);
  CHECK(c->count == 100000000000);
  CHECK(c->qualifier == CountQualifier::kMoreThan);
  c = parse_parameter_count(patterns(), "千亿级参数");
  REQUIRE(c);
  CHECK(c->qualifier == CountQualifier::kAbout);
  c = parse_parameter_count(patterns(), "参数规模不少于1000亿");
  REQUIRE(c);
  CHECK(c->qualifier == CountQualifier::kAtLeast);
  c = parse_parameter_count(patterns(), "参数约1300亿");
  REQUIRE(c);
  CHECK(c->qualifier == CountQualifier::kAbout);
  c = parse_parameter_count(patterns(), "参数1300亿以上");
  REQUIRE(c);
  CHECK(c->qualifier == CountQualifier::kAtLeast);
  c = parse_parameter_count(patterns(), "参数量1300亿");
  REQUIRE(c);
  CHECK(c->qualifier == CountQualifier::kExact);
}

TEST_CASE("parse_parameter_count ignores money, tokens and plain numbers") {
  CHECK_FALSE(count_of("总投资1300万元"));
  CHECK_FALSE(count_of("训练数据1.5万亿tokens"));
  CHECK_FALSE(count_of("2025年"));
  CHECK_FALSE(count_of("百度"));
  CHECK_FALSE(count_of("参数量见附件"));
  CHECK_FALSE(count_of(""));
}

TEST_CASE("parse_parameter_count refuses to guess between figures without a keyword") {
  CHECK_FALSE(count_of("7B 与 130B 两个版本"));
}

TEST_CASE("parse_parameter_count refuses a figure far from the keyword") {
  CHECK_FALSE(
      count_of("参数量：详见技术报告第三章所述内容，此处不再赘述具体数字，另外公司拥有两千亿级别的"
               "市场前景"));
}

TEST_CASE("find_parameter_counts returns spans into the original text") {
  const std::string text = "模型Ａ参数量１３００亿，模型B参数7B";
  const auto all = find_parameter_counts(patterns(), text);
  REQUIRE(all.size() == 2);
  CHECK(all[0].count == 130000000000);
  CHECK(all[1].count == 7000000000);
  for (const auto& c : all) {
    CHECK(text.substr(c.begin, c.end - c.begin) == c.raw);
    CHECK(c.near_keyword);
  }
  CHECK(all[0].raw == "１３００亿");
}
