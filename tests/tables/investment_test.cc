// The investment table reader (extractors/investment.h) on synthetic word-box pages (text
// layer and OCR-style, no ruling lines) and on native tables as the DOCX/XLSX loader gives
// them.
#include "extractors/investment.h"

#include <doctest/doctest.h>

#include "table_drawing.h"

using namespace shenbao;
using namespace shenbao::tables_test;

namespace {

const std::vector<double> kFiveColumns = {39, 74, 108, 163, 108};  // 序号 类别 明细 规格 金额

RowSpec header5(const std::string& amount_head = "金额（元）") {
  return {{"序号"}, {"投资类别"}, {"明细内容"}, {"规格/说明"}, {amount_head}};
}

RowSpec item5(const std::string& n, const std::string& cat, const std::string& item, const std::string& spec,
              const std::string& amount) {
  return {{n}, {cat}, {item, Align::kLeft}, {spec, Align::kLeft}, {amount, Align::kRight}};
}

RowSpec total5(const std::string& word, const std::string& amount) {
  return {{word, Align::kCenter, 4}, {amount, Align::kRight}};
}

// The page around a table: title, project line, applicant and unit, then the signature.
void frame(Sheet& s, const std::string& unit_line) {
  s.text("项目投资明细表", 230, 50, 18);
  s.text("项目名称：松江智算大模型训练平台", 50, 90, 10.5);
  s.text("申报单位（盖章）：上海松数智能科技有限公司", 50, 110, 10.5);
  s.text(unit_line, 545 - Sheet::text_width(unit_line, 10.5), 110, 10.5);
}

Extracted extract(const std::vector<Document>& docs) {
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  Extracted x;
  extract_investment(ptrs, patterns(), rules(), x);
  return x;
}

std::vector<std::string> categories(const Extracted& x) {
  std::vector<std::string> out;
  for (const InvestmentRow& r : x.investment.rows) out.push_back(r.category);
  return out;
}

std::vector<int64_t> amounts(const Extracted& x) {
  std::vector<int64_t> out;
  for (const InvestmentRow& r : x.investment.rows) out.push_back(r.amount_fen);
  return out;
}

Page flat_table_page(const std::string& stated_total) {
  Sheet s(1);
  frame(s, "单位：元");
  TableSpec t;
  t.widths = kFiveColumns;
  t.rows = {header5(),
            item5("1", "硬件设施", "GPU服务器", "8卡国产加速卡训练服务器", "1,200,000.00"),
            item5("2", "硬件设施", "存储设备", "全闪存分布式存储阵列", "300,000.00"),
            item5("3", "开发费用", "算法研发外包服务", "模型结构优化与训练框架开发", "2,000,000.00"),
            item5("4", "测试费用", "第三方测评费", "模型能力与安全评测", "500,000.00"),
            item5("5", "人员工资", "研发人员工资", "项目研发团队工资薪金", "1,000,000.00"),
            total5("合计", stated_total)};
  const double bottom = draw_table(s, t, 140);
  s.text("填表人：张三　　　联系电话：13800000000", 50, bottom + 16, 10.5);
  s.text("2025年5月24日", 450, bottom + 60, 11);
  return s.page();
}

}  // namespace

TEST_CASE("reads_a_text_layer_table_without_ruling_lines_into_rows_totals_and_share") {
  const Extracted x = extract({pdf_document("投资/项目投资明细表.pdf", {flat_table_page("5,000,000.00")})});
  REQUIRE(x.investment.rows.size() == 5);
  CHECK(x.investment.rows[0].item == "GPU服务器");
  CHECK(x.investment.rows[2].item == "算法研发外包服务");
  CHECK(categories(x) == std::vector<std::string>{"hardware", "hardware", "development", "testing", "personnel"});
  CHECK(amounts(x) == std::vector<int64_t>{120000000, 30000000, 200000000, 50000000, 100000000});
  CHECK(x.investment.total_fen == 500000000);
  CHECK(x.investment.stated_total_fen == 500000000);
  REQUIRE(x.investment.hardware_share);
  CHECK(*x.investment.hardware_share == doctest::Approx(0.3));

  // Evidence: the stated total's own cell, on page 1, in page units.
  REQUIRE(x.evidence.count("investment.stated_total_fen"));
  const Evidence& e = x.evidence.at("investment.stated_total_fen");
  CHECK(e.document == "投资/项目投资明细表.pdf");
  CHECK(e.page == 1);
  CHECK(e.snippet.find("5,000,000.00") != std::string::npos);
  REQUIRE(e.box);
  CHECK(e.box->x0 > 430);  // the amount column, right of the label
  REQUIRE(x.evidence.count("investment.rows[0]"));
  CHECK(x.evidence.at("investment.rows[0]").snippet.find("GPU服务器") != std::string::npos);
  CHECK(x.evidence.count("investment.total_fen") == 1);
  CHECK(x.evidence.count("investment.hardware_share") == 1);
}

TEST_CASE("total_row_that_disagrees_with_the_rows_is_reported_as_stated") {
  const Extracted x = extract({pdf_document("t.pdf", {flat_table_page("5,180,000.00")})});
  CHECK(x.investment.total_fen == 500000000);
  CHECK(x.investment.stated_total_fen == 518000000);
}

TEST_CASE("category_cells_merged_over_several_rows_are_spread_over_their_group") {
  // 类别 cells span 3, 2, 1 and 4 rows, their labels centred vertically (on a middle row,
  // or between two rows); item names say nothing about their category.
  Sheet s(1);
  frame(s, "单位：元");
  TableSpec t;
  t.widths = {40, 90, 200, 130};
  auto row = [](const std::string& n, const std::string& cat, int span, const std::string& item,
                const std::string& amount) {
    return RowSpec{{n}, {cat, Align::kCenter, 1, span}, {item, Align::kLeft}, {amount, Align::kRight}};
  };
  t.rows = {{{"序号"}, {"类别"}, {"明细内容"}, {"金额（元）"}},
            row("1", "硬件设施", 3, "支出甲", "100.00"),
            row("2", "", 1, "支出乙", "200.00"),
            row("3", "", 1, "支出丙", "300.00"),
            row("4", "开发费用", 2, "支出丁", "400.00"),
            row("5", "", 1, "支出戊", "500.00"),
            row("6", "测试费用", 1, "支出己", "600.00"),
            row("7", "人员工资", 4, "支出庚", "700.00"),
            row("8", "", 1, "支出辛", "800.00"),
            row("9", "", 1, "支出壬", "900.00"),
            row("10", "", 1, "支出癸", "1,000.00"),
            {{"合计", Align::kCenter, 3}, {"5,500.00", Align::kRight}}};
  draw_table(s, t, 140);
  const Extracted x = extract({pdf_document("t.pdf", {s.page()})});
  REQUIRE(x.investment.rows.size() == 10);
  CHECK(categories(x) == std::vector<std::string>{"hardware", "hardware", "hardware", "development",
                                                  "development", "testing", "personnel", "personnel",
                                                  "personnel", "personnel"});
  CHECK(x.investment.rows[3].item == "支出丁");
  CHECK(x.investment.total_fen == 550000);
  CHECK(x.investment.stated_total_fen == 550000);
}

TEST_CASE("category_written_on_the_first_row_of_its_group_only_is_carried_down") {
  Sheet s(1);
  frame(s, "单位：元");
  TableSpec t;
  t.widths = kFiveColumns;
  t.rows = {header5(),
            item5("1", "硬件设施", "支出甲", "", "100.00"),
            item5("2", "", "支出乙", "", "200.00"),
            item5("3", "开发费用", "支出丙", "", "300.00"),
            item5("4", "", "支出丁", "", "400.00"),
            item5("5", "人员工资", "支出戊", "", "500.00"),
            total5("合计", "1,500.00")};
  draw_table(s, t, 140);
  const Extracted x = extract({pdf_document("t.pdf", {s.page()})});
  CHECK(categories(x) ==
        std::vector<std::string>{"hardware", "hardware", "development", "development", "personnel"});
}

TEST_CASE("section_headings_set_the_category_subtotals_are_not_items_and_wan_becomes_fen") {
  Sheet s(1);
  frame(s, "单位：万元");
  TableSpec t;
  t.widths = {49, 133, 197, 114};
  auto heading = [](const std::string& n, const std::string& text) {
    return RowSpec{{n}, {text, Align::kLeft, 3}};
  };
  auto item = [](const std::string& n, const std::string& text, const std::string& amount) {
    return RowSpec{{n}, {text, Align::kLeft}, {""}, {amount, Align::kRight}};
  };
  auto subtotal = [](const std::string& amount) {
    return RowSpec{{""}, {"小计", Align::kCenter, 2}, {amount, Align::kRight}};
  };
  t.rows = {{{"序号"}, {"明细内容"}, {"规格/说明"}, {"金额（万元）"}},
            heading("一", "硬件设施"),
            item("1", "GPU服务器", "120.50"),
            item("2", "存储设备", "30.00"),
            subtotal("150.50"),
            heading("二", "开发费用"),
            item("1", "模型训练服务", "200.00"),
            subtotal("200.00"),
            heading("三", "测试费用"),
            item("1", "第三方服务", "49.50"),
            subtotal("49.50"),
            heading("四", "人员工资"),
            item("1", "研发团队", "100.00"),
            subtotal("100.00"),
            {{"总计", Align::kCenter, 3}, {"500.00", Align::kRight}}};
  draw_table(s, t, 140);
  const Extracted x = extract({pdf_document("t.pdf", {s.page()})});
  REQUIRE(x.investment.rows.size() == 5);
  CHECK(categories(x) ==
        std::vector<std::string>{"hardware", "hardware", "development", "testing", "personnel"});
  CHECK(amounts(x) == std::vector<int64_t>{120500000, 30000000, 200000000, 49500000, 100000000});
  CHECK(x.investment.total_fen == 500000000);
  CHECK(x.investment.stated_total_fen == 500000000);
  CHECK(*x.investment.hardware_share == doctest::Approx(150.5 / 500.0));
}

TEST_CASE("multi_line_cells_are_joined_into_one_row") {
  Sheet s(1);
  frame(s, "单位：元");
  TableSpec t;
  t.widths = kFiveColumns;
  t.rows = {header5(),
            item5("1", "硬件设施", "GPU服务器\n（含配套软件）", "8卡训练服务器\n含三年维保\n含安装调试", "1,200,000.00"),
            item5("2", "开发费用", "算法研发外包服务", "模型结构优化", "800,000.00"),
            total5("合计", "2,000,000.00")};
  draw_table(s, t, 140);
  const Extracted x = extract({pdf_document("t.pdf", {s.page()})});
  REQUIRE(x.investment.rows.size() == 2);
  CHECK(x.investment.rows[0].item == "GPU服务器（含配套软件）");
  CHECK(x.investment.rows[0].category == "hardware");
  CHECK(x.investment.stated_total_fen == 200000000);
}

TEST_CASE("table_continued_on_the_next_page_is_read_as_one_table") {
  for (const bool repeated_header : {false, true}) {
    CAPTURE(repeated_header);
    Sheet p1(1);
    frame(p1, "单位：元");
    TableSpec t;
    t.widths = kFiveColumns;
    t.rows = {header5()};
    for (int i = 1; i <= 24; ++i) {
      t.rows.push_back(item5(std::to_string(i), i <= 12 ? "硬件设施" : "开发费用", "支出" + std::to_string(i), "",
                             "1,000.00"));
    }
    draw_table(p1, t, 140);  // 25 rows of 24 pt: down to 740 pt
    p1.text("第 1 页", 280, 800, 9);
    Sheet p2(2);
    TableSpec t2;
    t2.widths = kFiveColumns;
    if (repeated_header) t2.rows.push_back(header5());
    t2.rows.push_back(item5("25", "测试费用", "支出25", "", "2,000.00"));
    t2.rows.push_back(item5("26", "人员工资", "支出26", "", "3,000.00"));
    t2.rows.push_back(total5("合计", "29,000.00"));
    const double bottom = draw_table(p2, t2, 60);
    p2.text("填表人：张三　　　联系电话：13800000000", 50, bottom + 16, 10.5);
    const Extracted x = extract({pdf_document("t.pdf", {p1.page(), p2.page()})});
    REQUIRE(x.investment.rows.size() == 26);
    CHECK(x.investment.rows[24].category == "testing");
    CHECK(x.investment.rows[25].amount_fen == 300000);
    CHECK(x.investment.total_fen == 2900000);
    CHECK(x.investment.stated_total_fen == 2900000);
    CHECK(x.evidence.at("investment.stated_total_fen").page == 2);
    CHECK(x.evidence.at("investment.rows[0]").page == 1);
  }
}

TEST_CASE("ocr_words_in_pixels_with_periods_as_thousands_separators_and_full_width_digits") {
  Sheet s(1, 300, Cut::kTesseract, 0.82f);
  frame(s, "单位：元");
  TableSpec t;
  t.widths = kFiveColumns;
  t.rows = {header5(),
            item5("1", "硬件设施", "GPU服务器", "", "1.200.000.00"),
            item5("2", "硬件设施", "存储设备", "", "３００，０００．００"),
            item5("3", "开发费用", "算法研发外包服务", "", "2,000,000,00"),
            item5("4", "测试费用", "第三方测评费", "", "5OO,000.00"),
            item5("5", "人员工资", "研发人员工资", "", "1 000 000.00"),
            total5("合计", "5.000.000.00")};
  draw_table(s, t, 140);
  const Extracted x = extract({pdf_document("scan.pdf", {s.page()})});
  CHECK(amounts(x) == std::vector<int64_t>{120000000, 30000000, 200000000, 50000000, 100000000});
  CHECK(x.investment.stated_total_fen == 500000000);
  CHECK(categories(x) == std::vector<std::string>{"hardware", "hardware", "development", "testing", "personnel"});
  // Boxes stay in the page's own units (pixels at 300 dpi).
  const Evidence& e = x.evidence.at("investment.stated_total_fen");
  REQUIRE(e.box);
  CHECK(e.box->x0 > 430 * 300 / 72.0);
}

TEST_CASE("ruling_lines_read_by_ocr_as_bars_do_not_join_columns") {
  // Tesseract reads the vertical rule between 类别 and 明细 as "“|" on every row; left in,
  // it bridges the gap between the two columns.
  Sheet s(1, 300, Cut::kTesseract, 0.9f);
  frame(s, "单位：元");
  TableSpec t;
  t.widths = kFiveColumns;
  t.rows = {header5(),
            item5("1", "硬件设施", "GPU服务器", "8卡训练服务器", "1,200,000.00"),
            item5("2", "开发费用", "算法研发外包服务", "模型结构优化", "2,000,000.00"),
            item5("3", "测试费用", "第三方测评费", "安全评测", "500,000.00"),
            total5("合计", "3,700,000.00")};
  const double bottom = draw_table(s, t, 140);
  for (double y = 140; y < bottom; y += 24) s.text("“|", 50 + 39 + 74 - 4, y + 7, 10);
  const Extracted x = extract({pdf_document("scan.pdf", {s.page()})});
  REQUIRE(x.investment.rows.size() == 3);
  CHECK(x.investment.rows[0].item == "GPU服务器");
  CHECK(categories(x) == std::vector<std::string>{"hardware", "development", "testing"});
}

TEST_CASE("skewed_scan_keeps_each_row_together") {
  Sheet s(1, 300, Cut::kTesseract, 0.9f);
  frame(s, "单位：元");
  TableSpec t;
  t.widths = kFiveColumns;
  t.rows = {header5(),
            item5("1", "硬件设施", "GPU服务器", "8卡国产加速卡训练服务器", "1,200,000.00"),
            item5("2", "开发费用", "算法研发外包服务", "模型结构优化与训练框架开发", "2,000,000.00"),
            item5("3", "测试费用", "第三方测评费", "模型能力与安全评测", "500,000.00"),
            total5("合计", "3,700,000.00")};
  draw_table(s, t, 140);
  s.skew(1.2);  // about 10 pt of drift across the table: more than half a text line
  const Extracted x = extract({pdf_document("scan.pdf", {s.page()})});
  REQUIRE(x.investment.rows.size() == 3);
  CHECK(x.investment.rows[1].item == "算法研发外包服务");
  CHECK(categories(x) == std::vector<std::string>{"hardware", "development", "testing"});
  CHECK(x.investment.stated_total_fen == 370000000);
}

TEST_CASE("invoice_pages_are_evidence_not_the_table") {
  Sheet invoice(1);
  invoice.text("电子发票（增值税专用发票）", 180, 50, 18);
  invoice.text("发票号码：25312000000012345678", 380, 90, 9);
  invoice.text("开票日期：2024年10月09日", 380, 104, 9);
  TableSpec it;
  it.widths = {120, 70, 40, 40, 70, 70, 50, 60};
  it.rows = {{{"项目名称"}, {"规格型号"}, {"单位"}, {"数量"}, {"单价"}, {"金额"}, {"税率"}, {"税额"}},
             {{"*计算机外部设备*GPU服务器", Align::kLeft}, {"8卡"}, {"台"}, {"1"}, {"1,061,946.90", Align::kRight},
              {"1,061,946.90", Align::kRight}, {"13%"}, {"138,053.10", Align::kRight}},
             {{"合　　计", Align::kCenter, 5}, {"¥1,061,946.90", Align::kRight}, {""}, {"¥138,053.10", Align::kRight}},
             {{"价税合计（大写）", Align::kCenter, 2}, {"壹佰贰拾万元整", Align::kLeft, 3}, {"（小写）¥1,200,000.00", Align::kLeft, 3}}};
  draw_table(invoice, it, 130);
  Page table = flat_table_page("5,000,000.00");
  table.number = 2;
  const Extracted x = extract({pdf_document("项目投资明细表及印证材料.pdf", {invoice.page(), table})});
  REQUIRE(x.investment.rows.size() == 5);
  CHECK(x.investment.stated_total_fen == 500000000);
  CHECK(x.evidence.at("investment.stated_total_fen").page == 2);
}

TEST_CASE("xlsx_sheet_with_title_rows_merged_cells_and_a_wan_unit") {
  Document d;
  d.path = "项目投资明细表.xlsx";
  d.format = Format::kXlsx;
  Table t;
  t.name = "投资明细";
  // As load_ooxml gives a sheet: merged areas repeat their top-left value.
  t.rows = {{"项目投资明细表", "项目投资明细表", "项目投资明细表", "项目投资明细表", "项目投资明细表"},
            {"项目名称：松江智算平台", "项目名称：松江智算平台", "项目名称：松江智算平台", "项目名称：松江智算平台",
             "项目名称：松江智算平台"},
            {"申报单位：上海松数智能科技有限公司", "申报单位：上海松数智能科技有限公司",
             "申报单位：上海松数智能科技有限公司", "申报单位：上海松数智能科技有限公司", "单位：万元"},
            {"序号", "投资类别", "明细内容", "规格/说明", "金额（万元）"},
            {"1", "硬件设施", "GPU服务器", "8卡训练服务器", "120.5"},
            {"2", "开发费用", "数据采购及标注", "行业语料", "80"},
            {"3", "人员工资", "社会保险及公积金", "", "49.5"},
            {"合计", "合计", "合计", "合计", "250"}};
  d.tables.push_back(t);
  Page p;
  p.number = 1;
  p.text_source = TextSource::kNative;
  d.pages.push_back(p);
  const Extracted x = extract({d});
  REQUIRE(x.investment.rows.size() == 3);
  CHECK(amounts(x) == std::vector<int64_t>{120500000, 80000000, 49500000});
  CHECK(categories(x) == std::vector<std::string>{"hardware", "development", "personnel"});
  CHECK(x.investment.stated_total_fen == 250000000);
  CHECK(x.evidence.at("investment.stated_total_fen").page == 1);
  CHECK_FALSE(x.evidence.at("investment.stated_total_fen").box.has_value());
}

TEST_CASE("docx_table_takes_its_unit_from_the_paragraph_above_and_vmerge_copies") {
  Document d;
  d.path = "投资明细.docx";
  d.format = Format::kDocx;
  Table t;
  t.name = "table 1";
  t.rows = {{"序号", "类别", "项目", "金额"},
            {"1", "硬件设施", "服务器租赁", "12"},
            {"2", "硬件设施", "存储扩容", "8"},  // vMerge continuation: the loader copied 硬件设施
            {"3", "测试费用", "安全测试", "5"},
            {"合 计", "", "", "25"}};
  d.tables.push_back(t);
  Page p;
  p.number = 1;
  p.text_source = TextSource::kNative;
  for (const std::string& text : {std::string("项目投资明细表"), std::string("单位：万元"),
                                  std::string("序号\t类别\t项目\t金额"), std::string("1\t硬件设施\t服务器租赁\t12")}) {
    Line l;
    Word w;
    w.text = text;
    l.words.push_back(w);
    p.lines.push_back(l);
  }
  d.pages.push_back(p);
  const Extracted x = extract({d});
  REQUIRE(x.investment.rows.size() == 3);
  CHECK(amounts(x) == std::vector<int64_t>{12000000, 8000000, 5000000});
  CHECK(categories(x) == std::vector<std::string>{"hardware", "hardware", "testing"});
  CHECK(x.investment.stated_total_fen == 25000000);
}

TEST_CASE("of_several_amount_columns_the_actual_cost_is_read") {
  Document d;
  d.path = "投资.xlsx";
  d.format = Format::kXlsx;
  Table t;
  t.name = "Sheet1";
  t.rows = {{"序号", "项目", "计划投资额（元）", "实际投资额（元）", "其中：申请补助（元）"},
            {"1", "GPU服务器", "1,000,000.00", "1,100,000.00", "500,000.00"},
            {"2", "研发人员工资", "400,000.00", "380,000.00", "100,000.00"},
            {"合计", "", "1,400,000.00", "1,480,000.00", "600,000.00"}};
  d.tables.push_back(t);
  const Extracted x = extract({d});
  CHECK(amounts(x) == std::vector<int64_t>{110000000, 38000000});
  CHECK(x.investment.stated_total_fen == 148000000);
}

TEST_CASE("the_first_document_with_a_real_table_wins") {
  // A cover letter without a table, then the table, then another table.
  Sheet cover(1);
  cover.text("投资印证材料说明", 200, 60, 16);
  cover.text("本项目投资明细见附表。", 50, 120, 11);
  const Document a = pdf_document("说明.pdf", {cover.page()});
  const Document b = pdf_document("明细表.pdf", {flat_table_page("5,000,000.00")});
  Sheet other(1);
  frame(other, "单位：元");
  TableSpec t;
  t.widths = kFiveColumns;
  t.rows = {header5(), item5("1", "硬件设施", "服务器", "", "9.00"), total5("合计", "9.00")};
  draw_table(other, t, 140);
  const Document c = pdf_document("另表.pdf", {other.page()});
  const Extracted x = extract({a, b, c});
  CHECK(x.investment.rows.size() == 5);
  CHECK(x.evidence.at("investment.stated_total_fen").document == "明细表.pdf");
}

TEST_CASE("unreadable_header_falls_back_to_lines_ending_in_an_amount") {
  Sheet s(1, 300, Cut::kTesseract, 0.55f);
  s.text("单位：元", 480, 110, 10.5);
  TableSpec t;
  t.widths = kFiveColumns;
  t.rows = {{{"厅号"}, {"投贤类剐"}, {"朋细内容"}, {"规恪/说朋"}, {"佥颔"}},  // OCR garbage
            item5("1", "硬件设施", "GPU服务器", "", "1,200,000.00"),
            item5("2", "开发费用", "算法研发外包服务", "", "800,000.00"),
            total5("合计", "2,000,000.00")};
  draw_table(s, t, 140);
  const Extracted x = extract({pdf_document("scan.pdf", {s.page()})});
  REQUIRE(x.investment.rows.size() == 2);
  CHECK(categories(x) == std::vector<std::string>{"hardware", "development"});
  CHECK(x.investment.stated_total_fen == 200000000);
  CHECK(x.evidence.at("investment.stated_total_fen").uncertain);
}

TEST_CASE("no_investment_table_leaves_the_record_empty") {
  Sheet s(1);
  s.text("项目情况说明", 200, 60, 16);
  s.text("本项目总投资500万元。", 50, 120, 11);
  const Extracted x = extract({pdf_document("说明.pdf", {s.page()})});
  CHECK(x.investment.rows.empty());
  CHECK_FALSE(x.investment.total_fen.has_value());
  CHECK_FALSE(x.investment.stated_total_fen.has_value());
  CHECK(x.evidence.empty());
}

TEST_CASE("classify_investment_text_prefers_sections_then_keywords_in_priority_order") {
  CHECK(classify_investment_text("一、硬件设施", rules()) == "hardware");
  CHECK(classify_investment_text("人员工资", rules()) == "personnel");
  CHECK(classify_investment_text("研发人员工资", rules()) == "personnel");
  CHECK(classify_investment_text("GPU服务器", rules()) == "hardware");
  CHECK(classify_investment_text("算法研发外包服务", rules()) == "development");
  CHECK(classify_investment_text("第三方测评费", rules()) == "testing");
  CHECK(classify_investment_text("社会保险及公积金", rules()) == "personnel");
  CHECK(classify_investment_text("办公室装修", rules()) == "");
}
