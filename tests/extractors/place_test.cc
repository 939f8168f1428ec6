#include "extractors/place.h"

#include <doctest/doctest.h>

#include "test_schemas.h"

using namespace shenbao;
using shenbao::testing::places;

TEST_CASE("in_songjiang is true for a 松江区 address") {
  CHECK(in_songjiang(places(), "上海市松江区九亭镇沪亭北路99弄1号") == true);
  CHECK(in_songjiang(places(), "上海市松江区广富林路4855弄") == true);
}

TEST_CASE("in_songjiang is true for a Songjiang town or street without the district") {
  for (const char* a : {"上海市九亭镇某路1号", "泗泾镇望东中路", "车墩镇", "新桥镇", "洞泾镇",
                        "佘山镇", "小昆山镇", "石湖荡镇", "新浜镇", "叶榭镇", "泖港镇", "岳阳街道",
                        "永丰街道", "方松街道", "中山街道", "广富林街道", "九里亭街道"}) {
    CAPTURE(a);
    CHECK(in_songjiang(places(), a) == true);
  }
}

TEST_CASE("in_songjiang is false for another district or city") {
  CHECK(in_songjiang(places(), "上海市闵行区七莘路1号") == false);
  CHECK(in_songjiang(places(), "中国（上海）自由贸易试验区浦东新区张江路") == false);
  CHECK(in_songjiang(places(), "北京市海淀区中关村大街1号") == false);
  CHECK(in_songjiang(places(), "江苏省苏州市工业园区") == false);
  CHECK(in_songjiang(places(), "上海市青浦区") == false);
}

TEST_CASE("in_songjiang is unknown without a place, or with conflicting places") {
  CHECK(in_songjiang(places(), "某某路100号3楼") == std::nullopt);
  CHECK(in_songjiang(places(), "上海市") == std::nullopt);
  CHECK(in_songjiang(places(), "") == std::nullopt);
  const auto c = check_place(places(), "上海市闵行区…（原松江区九亭镇）");
  CHECK(c.in_songjiang == std::nullopt);
  CHECK(c.evidence.find("闵行区") != std::string::npos);
}

TEST_CASE("in_songjiang reads OCR spacing and full width") {
  CHECK(in_songjiang(places(), "上 海 市 松 江 区 新 桥 镇") == true);
  CHECK(in_songjiang(places(), "上海市闵行区　七宝镇") == false);
}

TEST_CASE("check_place names its evidence") {
  const auto c = check_place(places(), "上海市松江区九亭镇");
  CHECK(c.in_songjiang == true);
  CHECK(c.evidence == "松江区");
}

TEST_CASE("Places::from_json rejects malformed data") {
  CHECK_FALSE(Places::from_json("[]").ok());
  CHECK_FALSE(Places::from_json(R"({"songjiang": {"a": ["松江区"]}})").ok());
  CHECK_FALSE(Places::from_json(R"({"songjiang": {"a": [1]}, "elsewhere": {}})").ok());
  CHECK(Places::from_json(R"({"songjiang": {"a": ["松江区"]}, "elsewhere": {}})").ok());
}
