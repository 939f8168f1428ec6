#include "extractors/money.h"

#include <doctest/doctest.h>

#include "test_schemas.h"

using namespace shenbao;
using shenbao::testing::patterns;

namespace {
std::optional<int64_t> fen_of(std::string_view text, MoneyUnit unit = MoneyUnit::kYuan) {
  const auto a = parse_money(patterns(), text, unit);
  if (!a) return std::nullopt;
  return a->fen;
}
}  // namespace

TEST_CASE("decimal_to_fen converts exactly without floating point") {
  CHECK(decimal_to_fen("1234567.89", MoneyUnit::kYuan) == 123456789);
  CHECK(decimal_to_fen("0.1", MoneyUnit::kYuan) == 10);
  CHECK(decimal_to_fen("0.29", MoneyUnit::kYuan) == 29);  // 0.29 * 100 in double is 28.999…
  CHECK(decimal_to_fen("123.45", MoneyUnit::kWan) == 123450000);
  CHECK(decimal_to_fen("0.000001", MoneyUnit::kWan) == 1);  // six decimals of 万元 are exact
  CHECK(decimal_to_fen("3", MoneyUnit::kYi) == 30000000000);
  CHECK(decimal_to_fen("5", MoneyUnit::kThousandYuan) == 500000);
  CHECK(decimal_to_fen("-12.5", MoneyUnit::kYuan) == -1250);
}

TEST_CASE("decimal_to_fen rounds more decimals than the unit holds half up") {
  bool rounded = false;
  CHECK(decimal_to_fen("1.005", MoneyUnit::kYuan, &rounded) == 101);
  CHECK(rounded);
  CHECK(decimal_to_fen("1.0049999", MoneyUnit::kYuan, &rounded) == 100);
  CHECK(rounded);
  CHECK(decimal_to_fen("1.00500", MoneyUnit::kYuan) == 101);
  CHECK(decimal_to_fen("1.0000", MoneyUnit::kYuan, &rounded) == 100);
  CHECK_FALSE(rounded);                                       // only zeros dropped
  CHECK(decimal_to_fen("-1.005", MoneyUnit::kYuan) == -101);  // half away from zero
  CHECK(decimal_to_fen("0.0000005", MoneyUnit::kWan) == 1);
}

TEST_CASE("decimal_to_fen refuses malformed input and overflow") {
  CHECK_FALSE(decimal_to_fen("", MoneyUnit::kYuan));
  CHECK_FALSE(decimal_to_fen(".5", MoneyUnit::kYuan));
  CHECK_FALSE(decimal_to_fen("5.", MoneyUnit::kYuan));
  CHECK_FALSE(decimal_to_fen("1.2.3", MoneyUnit::kYuan));
  CHECK_FALSE(decimal_to_fen("99999999999999999999", MoneyUnit::kYuan));
  CHECK_FALSE(decimal_to_fen("999999999999", MoneyUnit::kYi));
}

TEST_CASE("parse_money reads digits with thousands separators and units") {
  CHECK(fen_of("1,234,567.89元") == 123456789);
  CHECK(fen_of("1 234 567.89") == 123456789);
  CHECK(fen_of("123.45万元") == 123450000);
  CHECK(fen_of("3亿元") == 30000000000);
  CHECK(fen_of("¥1,000.00") == 100000);
  CHECK(fen_of("￥ 2,500") == 250000);
  CHECK(fen_of("人民币500万元") == 500000000);
  CHECK(fen_of("500 万元") == 500000000);
  CHECK(fen_of("  88.8元整 ") == 8880);
}

TEST_CASE("parse_money applies the table's unit to a bare number only") {
  CHECK(fen_of("1,234.56", MoneyUnit::kWan) == 1234560000);
  CHECK(fen_of("1,234.56元", MoneyUnit::kWan) == 123456);  // stated unit wins
  const auto a = parse_money(patterns(), "12.5", MoneyUnit::kWan);
  REQUIRE(a);
  CHECK(a->unit == MoneyUnit::kWan);
  CHECK_FALSE(a->unit_stated);
  CHECK(fen_of("500万") == 500000000);  // a cell may drop 元
}

TEST_CASE("parse_money reads negatives in parentheses and with a minus sign") {
  CHECK(fen_of("(1,234.00)") == -123400);
  CHECK(fen_of("（1,234.00）") == -123400);
  CHECK(fen_of("-1,234.00") == -123400);
  CHECK(fen_of("－1,234.00") == -123400);  // full-width minus
  CHECK(fen_of("−56.70") == -5670);        // U+2212
  CHECK(fen_of("(12.5)", MoneyUnit::kWan) == -12500000);
}

TEST_CASE("parse_money reads full-width digits") {
  CHECK(fen_of("１，２３４．５６元") == 123456);
  CHECK(fen_of("５００万元") == 500000000);
}

TEST_CASE("parse_money reads uppercase numerals") {
  CHECK(fen_of("人民币伍佰万元整") == 500000000);
  CHECK(fen_of("壹佰贰拾万元整") == 120000000);
  CHECK(fen_of("伍仟柒佰伍拾万零柒仟伍佰元整") == 5750750000);
  CHECK(fen_of("壹拾贰万叁仟肆佰伍拾陆元柒角捌分") == 12345678);
  CHECK(fen_of("拾万元整") == 10000000);
  CHECK(fen_of("贰仟圆整") == 200000);
  CHECK(fen_of("壹亿贰仟万元整") == 12000000000);
  CHECK(fen_of("壹佰元零伍分") == 10005);
  CHECK(fen_of("叁仟零伍元") == 300500);
  CHECK(fen_of("人民币 伍佰万 元整") == 500000000);
  const auto a = parse_money(patterns(), "人民币伍佰万元整");
  REQUIRE(a);
  CHECK(a->uppercase);
}

TEST_CASE("parse_uppercase_fen refuses malformed numerals") {
  CHECK_FALSE(parse_uppercase_fen("壹贰元"));      // two digits without a unit
  CHECK_FALSE(parse_uppercase_fen("伍佰柒仟元"));  // units must fall
  CHECK_FALSE(parse_uppercase_fen("伍佰万"));      // no 元
  CHECK_FALSE(parse_uppercase_fen("万元"));
  CHECK_FALSE(parse_uppercase_fen("伍元整伍角"));  // 整 must end it
  CHECK(parse_uppercase_fen("玖角") == std::nullopt);
}

TEST_CASE("parse_money finds the amount in a short phrase") {
  CHECK(fen_of("申请补贴金额：500万元") == 500000000);
  CHECK(fen_of("项目总投资 1,280.50 万元（含硬件）") == 1280500000);
}

TEST_CASE("parse_money returns nothing for empty or non-amount cells") {
  CHECK_FALSE(fen_of(""));
  CHECK_FALSE(fen_of("—"));
  CHECK_FALSE(fen_of("-"));
  CHECK_FALSE(fen_of("N/A"));
  CHECK_FALSE(fen_of("详见附件"));
  CHECK_FALSE(fen_of("(-5)"));
}

TEST_CASE("find_money_amounts returns every marked amount with its span") {
  const std::string text =
      "项目总投资1,500万元，其中硬件设备450.5万元，申请补贴人民币伍佰万元整，测试费￥80,000.00。";
  const auto all = find_money_amounts(patterns(), text);
  REQUIRE(all.size() == 4);
  CHECK(all[0].fen == 1500000000);
  CHECK(all[1].fen == 450500000);
  CHECK(all[2].fen == 500000000);
  CHECK(all[2].uppercase);
  CHECK(all[3].fen == 8000000);
  for (const auto& a : all) {
    CHECK(text.substr(a.begin, a.end - a.begin) == a.raw);
  }
  CHECK(all[0].raw == "1,500万元");
  CHECK(all[2].raw == "人民币伍佰万元整");
}

TEST_CASE("find_money_amounts skips bare numbers, years and codes") {
  CHECK(find_money_amounts(patterns(), "2025年5月26日 共3份 电话021-57821234").empty());
  CHECK(find_money_amounts(patterns(), "代码91310117MA1J2Q4K7A").empty());
  CHECK(find_money_amounts(patterns(), "参数量1300亿").empty());  // 亿 without money marker
  CHECK(find_money_amounts(patterns(), "单位：万元").empty());
}

TEST_CASE("find_money_amounts does not join numbers listed with 、") {
  const auto all = find_money_amounts(patterns(), "分别为100、200万元");
  REQUIRE(all.size() == 1);
  CHECK(all[0].fen == 200000000);
}

TEST_CASE("find_money_amounts treats a dash after a digit as a range, not a sign") {
  const auto all = find_money_amounts(patterns(), "补贴100-200万元");
  REQUIRE(all.size() == 1);
  CHECK(all[0].fen == 200000000);
  CHECK(all[0].raw == "200万元");
}

TEST_CASE("find_money_amounts reads full-width amounts and keeps the original span") {
  const std::string text = "合计：１２３．４５万元";
  const auto all = find_money_amounts(patterns(), text);
  REQUIRE(all.size() == 1);
  CHECK(all[0].fen == 123450000);
  CHECK(all[0].raw == "１２３．４５万元");
}

TEST_CASE("find_money_unit reads the unit a table states") {
  CHECK(find_money_unit(patterns(), "单位：万元") == MoneyUnit::kWan);
  CHECK(find_money_unit(patterns(), "金额单位：人民币元") == MoneyUnit::kYuan);
  CHECK(find_money_unit(patterns(), "投资金额（万元）") == MoneyUnit::kWan);
  CHECK(find_money_unit(patterns(), "单位: 千元") == MoneyUnit::kThousandYuan);
  CHECK(find_money_unit(patterns(), "(亿元)") == MoneyUnit::kYi);
  CHECK_FALSE(find_money_unit(patterns(), "项目投资明细表"));
}
