#include "extractors/dates.h"

#include <doctest/doctest.h>

#include "test_schemas.h"

using namespace shenbao;
using shenbao::testing::patterns;

namespace {
std::string iso_of(std::string_view text) {
  const auto d = parse_date(patterns(), text);
  return d ? d->iso() : "";
}
}  // namespace

TEST_CASE("parse_date reads the numeric forms of documents") {
  CHECK(iso_of("2025年5月26日") == "2025-05-26");
  CHECK(iso_of("2025-05-26") == "2025-05-26");
  CHECK(iso_of("2025.05.26") == "2025-05-26");
  CHECK(iso_of("2025/5/26") == "2025-05-26");
  CHECK(iso_of("2025年05月06号") == "2025-05-06");
  CHECK(iso_of("2025 年 5 月 26 日") == "2025-05-26");    // OCR spaces
  CHECK(iso_of("２０２５年５月２６日") == "2025-05-26");  // full width
}

TEST_CASE("parse_date reads Chinese numerals") {
  CHECK(iso_of("二〇二五年五月二十六日") == "2025-05-26");
  CHECK(iso_of("二零二四年十二月三十一日") == "2024-12-31");
  CHECK(iso_of("二○二五年一月十日") == "2025-01-10");  // ○ for 〇
  CHECK(iso_of("二O二三年十月一日") == "2023-10-01");  // OCR's letter O
  CHECK(iso_of("二〇二五年二月二十八日") == "2025-02-28");
}

TEST_CASE("parse_date finds the date inside a sentence") {
  CHECK(iso_of("报告日期：2025年5月26日（盖章）") == "2025-05-26");
  CHECK(iso_of("本报告出具日为2025.03.31。") == "2025-03-31");
}

TEST_CASE("parse_date refuses days that do not exist") {
  CHECK(iso_of("2025-02-30") == "");
  CHECK(iso_of("2025年2月29日") == "");
  CHECK(iso_of("2024年2月29日") == "2024-02-29");  // leap year
  CHECK(iso_of("2025-13-01") == "");
  CHECK(iso_of("2025-04-31") == "");
  CHECK(iso_of("二〇二五年二月三十日") == "");
  CHECK(iso_of("1899-12-31") == "");
}

TEST_CASE("parse_date refuses mixed separators and longer digit runs") {
  CHECK(iso_of("2025-05/26") == "");
  CHECK(iso_of("12025-05-26") == "");
  CHECK(iso_of("2025-05-261") == "");
  CHECK(iso_of("v1.2025.05.26.3") == "");
  CHECK(iso_of("2025-05-26-1") == "");
  CHECK(iso_of("12025年5月26日") == "");
  CHECK(iso_of("电话021-57821234") == "");
  CHECK(iso_of("") == "");
}

TEST_CASE("find_dates reads both ends of a date range") {
  auto all = find_dates(patterns(), "查询期间 2023.05.26-2025.05.26");
  REQUIRE(all.size() == 2);
  CHECK(all[0].date.iso() == "2023-05-26");
  CHECK(all[1].date.iso() == "2025-05-26");
  all = find_dates(patterns(), "2023年5月26日-2025年5月25日");
  REQUIRE(all.size() == 2);
  CHECK(all[1].date.iso() == "2025-05-25");
  all = find_dates(patterns(), "2024-01-01~2024-12-31");
  REQUIRE(all.size() == 2);
  CHECK(all[1].date.iso() == "2024-12-31");
}

TEST_CASE("find_dates returns every date with its span in the original text") {
  const std::string text = "有效期自２０２４年１月１日至2026-12-31，签发于二〇二三年十二月二十日。";
  const auto all = find_dates(patterns(), text);
  REQUIRE(all.size() == 3);
  CHECK(all[0].date.iso() == "2024-01-01");
  CHECK(all[1].date.iso() == "2026-12-31");
  CHECK(all[2].date.iso() == "2023-12-20");
  for (const auto& d : all) CHECK(text.substr(d.begin, d.end - d.begin) == d.raw);
  CHECK(all[0].raw == "２０２４年１月１日");
}

TEST_CASE("Date orders and prints as ISO") {
  CHECK(Date{2025, 5, 26}.iso() == "2025-05-26");
  CHECK(Date{2024, 12, 31} < Date{2025, 1, 1});
  CHECK(parse_iso_date("2025-05-26") == Date{2025, 5, 26});
  CHECK_FALSE(parse_iso_date("2025-5-26"));
  CHECK_FALSE(parse_iso_date("2025-02-30"));
}
