// The common table interface (extractors/tables.h): rules loading, number repairs, grids
// rebuilt from word boxes and grids from native tables.
#include "extractors/tables.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>

#include "table_drawing.h"

using namespace shenbao;
using namespace shenbao::tables_test;

namespace {

std::optional<int64_t> cell_fen(std::string_view cell, MoneyUnit unit = MoneyUnit::kYuan) {
  auto a = parse_cell_amount(patterns(), cell, unit);
  if (!a) return std::nullopt;
  return a->fen;
}

}  // namespace

TEST_CASE("load_table_rules_reads_the_schema") {
  const TableRules& r = rules();
  CHECK(r.header_min_words == 2);
  CHECK(r.investment.category_priority.size() == 4);
  CHECK(r.audit.labels.at("owners_equity_fen").size() >= 2);
  REQUIRE(r.audit.fiscal_year);
  int year = 0;
  CHECK(RE2::PartialMatch("2024年度审计报告", *r.audit.fiscal_year, &year));
  CHECK(year == 2024);
}

TEST_CASE("load_table_rules_names_a_bad_pattern_and_a_missing_file") {
  const std::string path = SHENBAO_BINARY_DIR "/tables_bad_rules.json";
  {
    std::ifstream in(SHENBAO_SOURCE_DIR "/schemas/tables.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string key = "\"year_end_pattern\": \"";
    const size_t at = text.find(key);
    REQUIRE(at != std::string::npos);
    text.insert(at + key.size(), "(unclosed");
    std::ofstream out(path);
    out << text;
  }
  auto r = load_table_rules(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Status::Code::kInvalidArgument);
  CHECK(r.status().message().find("year_end_pattern") != std::string::npos);
  std::remove(path.c_str());
  auto missing = load_table_rules(SHENBAO_BINARY_DIR "/no_such_tables.json");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Status::Code::kNotFound);
}

TEST_CASE("repair_number_text_reassigns_separators_only_when_grouping_proves_them") {
  CHECK(repair_number_text("1.200.000.00") == "1,200,000.00");
  CHECK(repair_number_text("1,200,000,00") == "1,200,000.00");
  CHECK(repair_number_text("1.200.000") == "1,200,000");
  CHECK(repair_number_text("1200,50") == "1200.50");
  CHECK(repair_number_text("12.345.6") == "12,345.6");
  CHECK(repair_number_text("1,200.000") == "1,200.000");  // a valid 3-decimal figure stays
  CHECK(repair_number_text("1.5") == "1.5");
  CHECK(repair_number_text("5OO,000.00") == "500,000.00");
  CHECK(repair_number_text("l,2O0.00") == "1,200.00");
  CHECK(repair_number_text("344;,581.56") == "344,581.56");  // OCR doubled a comma
  CHECK(repair_number_text("1376,042.91") == "1376042.91");  // OCR lost a comma
  CHECK(repair_number_text("12345,678") == "12345678");
  CHECK(repair_number_text("1.234:567.00") == "1,234,567.00");
  CHECK(repair_number_text("1, 200 .00") == "1,200.00");
  CHECK(repair_number_text("（１，２００．００）") == "(1,200.00)");
  CHECK(repair_number_text("GPU服务器") == "GPU服务器");
  CHECK(repair_number_text("Of") == "Of");
}

TEST_CASE("parse_cell_amount_takes_whole_cells_only") {
  CHECK(cell_fen("1,234,567.89") == 123456789);
  CHECK(cell_fen("1.234.567.89") == 123456789);
  CHECK(cell_fen("(1,234.00)") == -123400);
  CHECK(cell_fen("（1,234.00）") == -123400);
  CHECK(cell_fen("-1,234.00") == -123400);
  CHECK(cell_fen("120.5", MoneyUnit::kWan) == 120500000);
  CHECK(cell_fen("120.5万元") == 120500000);
  CHECK(cell_fen("壹佰贰拾万元整") == 120000000);
  CHECK_FALSE(cell_fen(""));
  CHECK_FALSE(cell_fen("—"));
  CHECK_FALSE(cell_fen("-"));
  CHECK_FALSE(cell_fen("2025年5月24日"));
  CHECK_FALSE(cell_fen("联系电话：13800000000"));
  CHECK_FALSE(cell_fen("8卡服务器"));
}

TEST_CASE("rebuilt_grid_has_header_columns_rows_unit_and_cell_boxes") {
  Sheet s(3);
  s.text("单位：万元", 480, 110, 10.5);
  TableSpec t;
  t.widths = {40, 100, 200, 120};
  t.rows = {{{"序号"}, {"类别"}, {"明细内容"}, {"金额"}},
            {{"1"}, {"硬件设施"}, {"GPU服务器", Align::kLeft}, {"120.50", Align::kRight}},
            {{"2"}, {"开发费用"}, {"外包服务", Align::kLeft}, {"80.00", Align::kRight}},
            {{"合计", Align::kCenter, 3}, {"200.50", Align::kRight}}};
  draw_table(s, t, 140);
  s.text("注：以上金额均不含税。本表由申报单位填写并加盖公章，与原件核对一致。", 50, 260, 10.5);
  const Document d = pdf_document("t.pdf", {s.page()});
  const auto grids = read_tables(d, patterns(), rules());
  REQUIRE(grids.size() == 1);
  const TableGrid& g = grids[0];
  CHECK(g.origin == TableOrigin::kWords);
  CHECK(g.columns == 4);
  CHECK(g.header_text(3) == "金额");
  CHECK(g.unit == MoneyUnit::kWan);
  CHECK(g.unit_of(3) == MoneyUnit::kWan);
  CHECK(g.ends_with_total);
  REQUIRE(g.rows.size() == 3);  // the note under the table is not a row
  CHECK(g.rows[0].page == 3);
  CHECK(g.rows[0].cells[2].text == "GPU服务器");
  CHECK(g.rows[1].cells[3].text == "80.00");
  REQUIRE(g.rows[1].cells[3].box);
  CHECK(g.rows[1].cells[3].box->x1 == doctest::Approx(50 + 460 - 3));
}

TEST_CASE("left_aligned_header_over_right_aligned_amounts_stays_with_its_column") {
  // The text column is filled to its edge, the amount column's header starts at its left
  // edge and the amounts end at its right: the whole gap between text and amounts has the
  // header in it, nearer the text. Each column has one header cell: 金额 is the amounts'.
  for (const double amount_width : {120.0, 160.0, 220.0}) {
    CAPTURE(amount_width);
    Sheet s(1);
    TableSpec t;
    t.widths = {40, 100, 200, amount_width};
    t.rows = {{{"序号"}, {"类别"}, {"明细内容", Align::kLeft}, {"金额（万元）", Align::kLeft}},
              {{"1"}, {"硬件设施"}, {"全闪存分布式存储阵列及配套", Align::kLeft}, {"120.50", Align::kRight}},
              {{"2"}, {"开发费用"}, {"算法研发外包服务及训练框架", Align::kLeft}, {"80.00", Align::kRight}},
              {{"3"}, {"测试费用"}, {"第三方测评费用及安全评测服", Align::kLeft}, {"11.10", Align::kRight}},
              {{"合计", Align::kCenter, 3}, {"211.60", Align::kRight}}};
    draw_table(s, t, 140);
    const Document d = pdf_document("t.pdf", {s.page()});
    const auto grids = read_tables(d, patterns(), rules());
    REQUIRE(grids.size() == 1);
    const TableGrid& g = grids[0];
    REQUIRE(g.columns == 4);
    CHECK(g.header_text(2) == "明细内容");
    CHECK(g.header_text(3) == "金额（万元）");
    CHECK(g.unit_of(3) == MoneyUnit::kWan);
    REQUIRE(g.rows.size() == 4);  // three items and the total
    CHECK(g.rows[0].cells[3].text == "120.50");
    CHECK(g.rows[2].cells[2].text == "第三方测评费用及安全评测服");
  }
}

TEST_CASE("grid_from_native_finds_the_header_below_title_rows") {
  Table t;
  t.name = "Sheet1";
  t.rows = {{"资产负债表"}, {"编制单位：上海某公司", "", "单位：元"}, {"项目", "期末余额", "上年年末余额"},
            {"货币资金", "1,000.00", "900.00"}, {}, {"资产总计", "5,000.00", "4,000.00", "extra"}};
  const TableGrid g = grid_from_native(t, 2, patterns(), rules());
  CHECK(g.origin == TableOrigin::kNative);
  CHECK(g.columns == 4);
  REQUIRE(g.header.size() == 4);
  CHECK(g.header_text(1) == "期末余额");
  CHECK(g.preamble.size() == 2);
  CHECK(g.unit == MoneyUnit::kYuan);
  REQUIRE(g.rows.size() == 2);  // the empty row is dropped
  CHECK(g.rows[1].source_row == 5);
  CHECK(g.rows[1].page == 2);
  CHECK(g.rows[0].cells.size() == 4);
}

TEST_CASE("page_line_rows_gives_one_row_per_line_and_one_cell_per_segment") {
  Sheet s(1);
  s.text("资产总计", 60, 100);
  s.text("12,345.00", 300, 100);
  s.text("10,000.00", 450, 100);
  s.text("法定代表人：张三", 60, 130);
  const auto rows = page_line_rows(s.page());
  REQUIRE(rows.size() == 2);
  REQUIRE(rows[0].cells.size() == 3);
  CHECK(rows[0].cells[1].text == "12,345.00");
  CHECK(rows[1].cells.size() == 1);
}

TEST_CASE("fill_spanned_column_fills_down_rows_without_boxes") {
  TableGrid g;
  g.columns = 2;
  auto row = [](const std::string& a, const std::string& b) {
    TableRow r;
    r.cells = {{a, std::nullopt}, {b, std::nullopt}};
    return r;
  };
  g.rows = {row("硬件", "1"), row("", "2"), row("开发", "3"), row("", "4")};
  fill_spanned_column(g, 0, {true, true, true, true});
  REQUIRE(g.rows.size() == 4);
  CHECK(g.rows[1].cells[0].text == "硬件");
  CHECK(g.rows[3].cells[0].text == "开发");
}

TEST_CASE("is_invoice_page_needs_two_invoice_words") {
  Sheet a(1), b(1);
  a.text("电子发票（增值税专用发票）", 100, 50);
  a.text("发票号码：123", 100, 80);
  b.text("附件：发票复印件", 100, 50);
  CHECK(is_invoice_page(a.page(), rules()));
  CHECK_FALSE(is_invoice_page(b.page(), rules()));
}

TEST_CASE("cell_names_matches_exact_words_or_with_slack") {
  CHECK(cell_names("合　计", {"合计"}));
  CHECK_FALSE(cell_names("流动资产合计", {"合计"}));
  CHECK(cell_names("投资合计", {"合计"}, 2));
  CHECK_FALSE(cell_names("流动资产合计", {"合计"}, 2));
}
