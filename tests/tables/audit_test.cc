// The audit reader (extractors/audit.h): balance sheet and income statement with current
// and prior columns, on synthetic word-box pages and native tables.
#include "extractors/audit.h"

#include <doctest/doctest.h>

#include "table_drawing.h"

using namespace shenbao;
using namespace shenbao::tables_test;

namespace {

const std::vector<double> kStatement = {218, 128, 128};

struct Line3 {
  std::string label, current, prior;
};

TableSpec statement(const std::string& current_head, const std::string& prior_head, const std::vector<Line3>& lines,
                    bool swap_columns = false) {
  TableSpec t;
  t.x = 60;
  t.widths = kStatement;
  t.size = 9;
  t.row_height = 15.5;
  auto row = [&](const std::string& a, const std::string& b, const std::string& c, Align al) {
    return swap_columns ? RowSpec{{a, al}, {c, Align::kRight}, {b, Align::kRight}}
                        : RowSpec{{a, al}, {b, Align::kRight}, {c, Align::kRight}};
  };
  RowSpec head = swap_columns ? RowSpec{{"项　　目"}, {prior_head}, {current_head}}
                              : RowSpec{{"项　　目"}, {current_head}, {prior_head}};
  t.rows.push_back(head);
  for (const Line3& l : lines) t.rows.push_back(row(l.label, l.current, l.prior, Align::kLeft));
  return t;
}

Page opinion_page() {
  Sheet s(1);
  s.text("审　计　报　告", 220, 60, 22);
  s.text("沪松会审字〔2025〕第0312号", 380, 100, 10.5);
  s.text("我们审计了上海松数智能科技有限公司（以下简称贵公司）财务报表，包括2024年12月31日的资产负债表，", 60, 140, 11);
  s.text("2024年度的利润表、现金流量表、所有者权益变动表以及相关财务报表附注。", 60, 160, 11);
  s.text("二〇二五年四月三日", 420, 400, 11);
  return s.page();
}

const std::vector<Line3> kBalance = {
    {"流动资产：", "", ""},
    {"　　货币资金", "12,000,000.00", "9,000,000.00"},
    {"　　应收账款", "3,456,789.01", "2,000,000.00"},
    {"流动资产合计", "15,456,789.01", "11,000,000.00"},
    {"非流动资产：", "", ""},
    {"　　固定资产", "4,543,210.99", "4,000,000.00"},
    {"非流动资产合计", "4,543,210.99", "4,000,000.00"},
    {"资产总计", "20,000,000.00", "15,000,000.00"},
    {"流动负债：", "", ""},
    {"　　短期借款", "2,000,000.00", "1,000,000.00"},
    {"流动负债合计", "6,000,000.00", "5,000,000.00"},
    {"　　长期借款", "1,000,000.00", "1,000,000.00"},
    {"负债合计", "7,000,000.00", "6,000,000.00"},
    {"所有者权益：", "", ""},
    {"　　实收资本", "10,000,000.00", "10,000,000.00"},
    {"　　未分配利润", "3,000,000.00", "(1,000,000.00)"},
    {"所有者权益（或股东权益）合计", "13,000,000.00", "9,000,000.00"},
    {"负债和所有者权益（或股东权益）总计", "20,000,000.00", "15,000,000.00"}};

const std::vector<Line3> kIncome = {
    {"一、营业收入", "30,000,000.00", "25,000,000.00"},
    {"　　减：营业成本", "20,000,000.00", "18,000,000.00"},
    {"　　　　研发费用", "4,321,000.00", "3,000,000.00"},
    {"　　加：营业外收入", "100,000.00", "50,000.00"},
    {"二、营业利润（亏损以“－”号填列）", "(1,200,000.00)", "500,000.00"},
    {"四、净利润（净亏损以“－”号填列）", "(1,234,567.89)", "456,789.00"}};

Page statement_page(int number, const std::string& title, const std::string& when, const TableSpec& t) {
  Sheet s(number);
  s.text(title, 230, 50, 17);
  s.text("编制单位：上海松数智能科技有限公司", 60, 90, 9.5);
  s.text(when, 330, 90, 9.5);
  s.text("单位：元", 500, 90, 9.5);
  const double bottom = draw_table(s, t, 110);
  s.text("法定代表人：张三　　　主管会计工作负责人：李某　　　会计机构负责人：王某", 60, bottom + 8, 9);
  return s.page();
}

Extracted extract(const std::vector<Document>& docs) {
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  Extracted x;
  extract_audit(ptrs, patterns(), rules(), x);
  return x;
}

}  // namespace

TEST_CASE("reads_the_current_period_of_balance_sheet_and_income_statement") {
  const Document d = pdf_document(
      "2024年度审计报告.pdf",
      {opinion_page(), statement_page(2, "资 产 负 债 表", "2024年12月31日", statement("期末余额", "上年年末余额", kBalance)),
       statement_page(3, "利　润　表", "2024年度", statement("本期金额", "上期金额", kIncome))});
  const Extracted x = extract({d});
  CHECK(x.audit.fiscal_year == 2024);
  CHECK(x.audit.total_assets_fen == 2000000000);
  CHECK(x.audit.total_liabilities_fen == 700000000);   // not 流动负债合计
  CHECK(x.audit.owners_equity_fen == 1300000000);      // not the 负债和所有者权益总计 line
  CHECK(x.audit.revenue_fen == 3000000000);
  CHECK(x.audit.rd_expense_fen == 432100000);
  CHECK(x.audit.net_profit_fen == -123456789);         // parentheses: negative
  const Evidence& e = x.evidence.at("audit.total_assets_fen");
  CHECK(e.document == "2024年度审计报告.pdf");
  CHECK(e.page == 2);
  CHECK(e.snippet == "资产总计 | 20,000,000.00");
  REQUIRE(e.box);
  CHECK(e.box->x0 > 60 + 218);
  CHECK(e.box->x1 < 60 + 218 + 128);  // the current column, not the prior one
  CHECK(x.evidence.at("audit.net_profit_fen").page == 3);
  CHECK(x.evidence.count("audit.fiscal_year") == 1);
}

TEST_CASE("current_column_is_found_by_its_header_even_when_printed_second") {
  const Document d = pdf_document(
      "审计报告.pdf",
      {statement_page(1, "资 产 负 债 表", "2024年12月31日",
                      statement("期末余额", "上年年末余额", kBalance, /*swap_columns=*/true)),
       statement_page(2, "利　润　表", "2024年度", statement("本期金额", "上期金额", kIncome, true))});
  const Extracted x = extract({d});
  CHECK(x.audit.total_assets_fen == 2000000000);
  CHECK(x.audit.total_liabilities_fen == 700000000);
  CHECK(x.audit.revenue_fen == 3000000000);
  CHECK(x.audit.net_profit_fen == -123456789);
}

TEST_CASE("unreadable_header_takes_the_first_amount_right_of_the_label") {
  TableSpec t = statement("期末余额", "上年年末余额", kBalance);
  t.rows[0] = {{"顶　　日"}, {"朋未佘颔"}, {"亡年牛未佘颔"}};  // OCR garbage: no header word
  Sheet s(1, 300, Cut::kTesseract, 0.7f);
  draw_table(s, t, 110);
  const Extracted x = extract({pdf_document("scan.pdf", {s.page()})});
  CHECK(x.audit.total_assets_fen == 2000000000);
  CHECK(x.audit.total_liabilities_fen == 700000000);
  CHECK(x.audit.owners_equity_fen == 1300000000);
}

TEST_CASE("native_statements_with_year_dated_columns_take_the_latest_year") {
  Document d;
  d.path = "财务报表.xlsx";
  d.format = Format::kXlsx;
  Table bs;
  bs.name = "资产负债表";
  bs.rows = {{"资产负债表"}, {"单位：万元"}, {"项目", "2023年12月31日", "2024年12月31日"},
             {"资产总计", "1,500.00", "2,000.00"}, {"负债合计", "600.00", "700.00"},
             {"股东权益合计", "900.00", "1,300.00"}};
  Table is;
  is.name = "利润表";
  is.rows = {{"编制单位：上海松数智能科技有限公司", "", "单位：万元"}, {"项目", "2024年度", "2023年度"}, {"一、营业总收入", "3,000.00", "2,500.00"},
             {"其中：研发费用", "432.10", "300.00"}, {"五、净利润", "-123.45", "45.60"}};
  d.tables = {bs, is};
  const Extracted x = extract({d});
  CHECK(x.audit.total_assets_fen == 2000000000);
  CHECK(x.audit.total_liabilities_fen == 700000000);
  CHECK(x.audit.owners_equity_fen == 1300000000);
  CHECK(x.audit.revenue_fen == 3000000000);
  CHECK(x.audit.rd_expense_fen == 432100000);
  CHECK(x.audit.net_profit_fen == -123450000);
  CHECK(x.audit.fiscal_year == 2024);
  CHECK(x.evidence.at("audit.revenue_fen").page == 2);
}

TEST_CASE("two_sided_balance_sheet_is_read_side_by_side") {
  Sheet s(1);
  s.text("单位：元", 500, 90, 9);
  TableSpec t;
  t.x = 30;
  t.widths = {110, 80, 80, 110, 80, 80};
  t.size = 8;
  t.row_height = 15;
  t.rows = {{{"资产"}, {"期末余额"}, {"期初余额"}, {"负债和所有者权益"}, {"期末余额"}, {"期初余额"}},
            {{"货币资金", Align::kLeft}, {"1,000.00", Align::kRight}, {"900.00", Align::kRight},
             {"短期借款", Align::kLeft}, {"300.00", Align::kRight}, {"200.00", Align::kRight}},
            {{"资产总计", Align::kLeft}, {"5,000.00", Align::kRight}, {"4,000.00", Align::kRight},
             {"负债合计", Align::kLeft}, {"2,000.00", Align::kRight}, {"1,500.00", Align::kRight}},
            {{""}, {""}, {""}, {"所有者权益合计", Align::kLeft}, {"3,000.00", Align::kRight},
             {"2,500.00", Align::kRight}}};
  draw_table(s, t, 110);
  const Extracted x = extract({pdf_document("bs.pdf", {s.page()})});
  CHECK(x.audit.total_assets_fen == 500000);
  CHECK(x.audit.total_liabilities_fen == 200000);
  CHECK(x.audit.owners_equity_fen == 300000);
}

TEST_CASE("audit_field_of_matches_labels_exactly_after_prefixes_and_notes") {
  int rank = -1;
  CHECK(audit_field_of("资产总计", rules()) == "total_assets_fen");
  CHECK(audit_field_of("四、净利润（净亏损以“－”号填列）", rules()) == "net_profit_fen");
  CHECK(audit_field_of("其中：营业收入", rules(), &rank) == "revenue_fen");
  CHECK(rank == 0);
  CHECK(audit_field_of("一、营业总收入", rules(), &rank) == "revenue_fen");
  CHECK(rank == 1);
  CHECK(audit_field_of("　　减：研发费用", rules()) == "rd_expense_fen");
  CHECK(audit_field_of("所有者权益(或股东权益)合计", rules()) == "owners_equity_fen");
  CHECK(audit_field_of("流动负债合计", rules()) == "");
  CHECK(audit_field_of("负债和所有者权益总计", rules()) == "");
  CHECK(audit_field_of("营业外收入", rules()) == "");
  CHECK(audit_field_of("归属于母公司所有者的净利润", rules()) == "");
}

TEST_CASE("audit_field_of_accepts_labels_cut_short_or_followed_by_a_stray_mark") {
  int rank = -1;
  CHECK(audit_field_of("四、净利", rules(), &rank) == "net_profit_fen");
  CHECK(rank >= 100);
  CHECK(audit_field_of("资产总", rules()) == "total_assets_fen");
  CHECK(audit_field_of("一、业收入", rules()) == "revenue_fen");
  CHECK(audit_field_of("动负债合计", rules()) == "");  // 流动负债合计 cut short is no label
  CHECK(audit_field_of("四、净利油(净亏损以*", rules()) == "net_profit_fen");  // 润 misread
  CHECK(audit_field_of("西、净利润", rules()) == "net_profit_fen");            // 四 misread
  CHECK(audit_field_of("营业外收入", rules()) == "");
  CHECK(audit_field_of("营业成本", rules()) == "");
  CHECK(audit_field_of("资产减值损失", rules()) == "");
  CHECK(audit_field_of("所有者权益合计 上", rules()) == "owners_equity_fen");
  CHECK(audit_field_of("营业", rules()) == "");      // half of 营业收入 is not enough
  CHECK(audit_field_of("净", rules()) == "");
  CHECK(audit_field_of("营业外收入 1", rules()) == "");
}

TEST_CASE("fiscal_year_is_the_year_most_often_named_as_year_end_or_annual") {
  Sheet s(1);
  s.text("我们审计了贵公司2024年12月31日的资产负债表，2024年度的利润表。", 60, 100, 11);
  s.text("上年年末余额（2023年12月31日）", 60, 130, 11);
  s.text("报告日期：2025年4月3日", 60, 160, 11);
  std::vector<const Document*> docs;
  const Document d = pdf_document("审计报告.pdf", {s.page()});
  docs.push_back(&d);
  Evidence e;
  CHECK(read_fiscal_year(docs, patterns(), rules(), &e) == 2024);
  CHECK(e.page == 1);
  CHECK(e.snippet.find("2024年12月31日") != std::string::npos);

  Sheet words_only(1);
  words_only.text("二〇二四年十二月三十一日", 60, 100, 11);
  const Document cn = pdf_document("报表.pdf", {words_only.page()});
  CHECK(read_fiscal_year({&cn}, patterns(), rules()) == 2024);

  const Document nothing = pdf_document("x.pdf", {Sheet(1).page()});
  CHECK_FALSE(read_fiscal_year({&nothing}, patterns(), rules()).has_value());
}

TEST_CASE("a_label_whose_current_cell_is_empty_gives_no_figure_not_the_prior_one") {
  const std::vector<Line3> lines = {{"营业收入", "30,000.00", "25,000.00"}, {"研发费用", "", "3,000.00"}};
  const Document d = pdf_document("r.pdf", {statement_page(1, "利润表", "2024年度", statement("本期金额", "上期金额", lines))});
  const Extracted x = extract({d});
  CHECK(x.audit.revenue_fen == 3000000);
  CHECK_FALSE(x.audit.rd_expense_fen.has_value());
}
