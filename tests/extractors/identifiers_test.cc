#include "extractors/identifiers.h"

#include <doctest/doctest.h>

#include "test_schemas.h"

using namespace shenbao;
using shenbao::testing::patterns;

TEST_CASE("parse_filing_number reads a pinyin filing number with a 备案 label") {
  const auto n =
      parse_filing_number(patterns(), "生成式人工智能服务备案号：Shanghai-XiaoMou-202405230046");
  REQUIRE(n);
  CHECK(n->number == "Shanghai-XiaoMou-202405230046");
  CHECK(n->kind == FilingKind::kFiling);
  CHECK(filing_kind_name(n->kind) == "filing");
}

TEST_CASE("parse_filing_number reads a registration by its 登记 label") {
  const auto n = parse_filing_number(
      patterns(), "已完成生成式人工智能服务登记，登记编号 Shanghai-MouMouZhiNeng-202409150012");
  REQUIRE(n);
  CHECK(n->number == "Shanghai-MouMouZhiNeng-202409150012");
  CHECK(n->kind == FilingKind::kRegistration);
  CHECK(filing_kind_name(n->kind) == "registration");
}

TEST_CASE("parse_filing_number takes the word nearest before the number") {
  const auto n = parse_filing_number(
      patterns(), "本服务此前未备案。现已在上海市完成登记：Shanghai-XiaoMou-202405230046");
  REQUIRE(n);
  CHECK(n->kind == FilingKind::kRegistration);
}

TEST_CASE("parse_filing_number reads the CAC algorithm filing number") {
  const auto n =
      parse_filing_number(patterns(), "算法备案编号：网信算备310117123456789012345678号");
  REQUIRE(n);
  CHECK(n->number == "网信算备310117123456789012345678号");
  CHECK(n->kind == FilingKind::kFiling);
}

TEST_CASE("parse_filing_number tolerates OCR spaces and full width") {
  auto n = parse_filing_number(patterns(), "备案号 Shanghai - XiaoMou - 202405230046");
  REQUIRE(n);
  CHECK(n->number == "Shanghai-XiaoMou-202405230046");
  n = parse_filing_number(patterns(), "网信算备 3101 1712 3456 7890 1234 5678 号");
  REQUIRE(n);
  CHECK(n->number == "网信算备310117123456789012345678号");
  n = parse_filing_number(patterns(),
                          "备案编号：Ｓｈａｎｇｈａｉ－ＸｉａｏＭｏｕ－２０２４０５２３００４６");
  REQUIRE(n);
  CHECK(n->number == "Shanghai-XiaoMou-202405230046");
  CHECK(n->raw == "Ｓｈａｎｇｈａｉ－ＸｉａｏＭｏｕ－２０２４０５２３００４６");
}

TEST_CASE("parse_filing_number leaves the kind unknown without context words") {
  const auto n = parse_filing_number(patterns(), "编号 Beijing-MouMou-20240523");
  REQUIRE(n);
  CHECK(n->kind == FilingKind::kUnknown);
  CHECK(filing_kind_name(n->kind).empty());
}

TEST_CASE("parse_filing_number reads a number after a label in another format") {
  const auto n = parse_filing_number(patterns(), "登记编号：SH-GAI-2024-0012");
  REQUIRE(n);
  CHECK(n->number == "SH-GAI-2024-0012");
  CHECK(n->kind == FilingKind::kRegistration);
}

TEST_CASE("parse_filing_number does not take ICP numbers, phones or codes") {
  CHECK_FALSE(parse_filing_number(patterns(), "网站备案号：沪ICP备2021012345号-1"));
  CHECK_FALSE(parse_filing_number(patterns(), "电话 021-57821234"));
  CHECK_FALSE(parse_filing_number(patterns(), "统一社会信用代码 91310117MA1J2Q4K7A"));
  CHECK_FALSE(parse_filing_number(patterns(), "网信算备3101号"));  // too few digits
}

TEST_CASE("find_filing_numbers returns each number with its span") {
  const std::string text =
      "算法备案：网信算备310117123456789012345678号；服务备案：Shanghai-XiaoMou-202405230046。";
  const auto all = find_filing_numbers(patterns(), text);
  REQUIRE(all.size() == 2);
  CHECK(all[0].number == "网信算备310117123456789012345678号");
  CHECK(all[1].number == "Shanghai-XiaoMou-202405230046");
  CHECK(all[1].kind == FilingKind::kFiling);
  for (const auto& n : all) CHECK(text.substr(n.begin, n.end - n.begin) == n.raw);
}

TEST_CASE("parse_filing_number reads a registration number with a DJ segment") {
  const auto n = parse_filing_number(
      patterns(), "于2024年9月3日完成生成式人工智能服务登记，登记编号：Shanghai-QiMing-DJ-202409033589。");
  REQUIRE(n);
  CHECK(n->number == "Shanghai-QiMing-DJ-202409033589");
  CHECK(n->kind == FilingKind::kRegistration);
  const auto m = parse_filing_number(patterns(), "登记编号 Shanghai-XiaoMouZhiNeng-DJ-20240523001");
  REQUIRE(m);
  CHECK(m->number == "Shanghai-XiaoMouZhiNeng-DJ-20240523001");
}

TEST_CASE("parse_filing_number reads a number broken at a line end after a hyphen") {
  const auto n = parse_filing_number(patterns(), "登\n记编号：Shanghai-\nQiMing-DJ-202409033589。");
  REQUIRE(n);
  CHECK(n->number == "Shanghai-QiMing-DJ-202409033589");
  CHECK(n->kind == FilingKind::kRegistration);
}

TEST_CASE("parse_filing_number takes no cut or digitless number after a label") {
  CHECK_FALSE(parse_filing_number(patterns(), "备案号：Shanghai-"));
  CHECK_FALSE(parse_filing_number(patterns(), "备案号：XXXXXXXX"));
  CHECK_FALSE(parse_filing_number(patterns(), "Shanghai-XiaoMou-DJ-2024"));          // no serial
  CHECK_FALSE(parse_filing_number(patterns(), "Shanghai-XiaoMou-ABCDE-202405230046"));  // long segment
}
