// 审计报告: the auditor's opinion (for the fiscal year of the facts), then the balance sheet
// and the income statement as ruled tables in yuan.
#include "draw_util.h"
#include "numbers.h"

namespace samplegen {

namespace {

std::string amount(const std::optional<int64_t>& v, bool parentheses) {
  if (!v) return "";
  return format_yuan(*v, true, parentheses);
}

TableSpec statement_table(const std::vector<StatementLine>& lines, double W,
                          const std::string& family, const std::string& col1,
                          const std::string& col2, bool parentheses) {
  TableSpec t;
  t.col_widths = {W * 0.46, W * 0.27, W * 0.27};
  t.font = Font{family, 9, false};
  t.min_row_height = 15.5;
  t.padding = 2.5;
  t.outer_thick = true;
  t.rows.push_back({{"项　　目", Align::kCenter}, {col1, Align::kCenter}, {col2, Align::kCenter}});
  for (const auto& l : lines) {
    std::string label = (l.indent ? "　　" : "") + l.label;
    t.rows.push_back({{label, Align::kLeft, l.bold},
                      {amount(l.current_fen, parentheses), Align::kRight, l.bold},
                      {amount(l.prior_fen, parentheses), Align::kRight, l.bold}});
  }
  return t;
}

}  // namespace

DocDraft draw_audit_report(const DrawContext& c) {
  const Facts& f = c.f();
  const Audit& a = f.audit;
  FlowStyle st = base_style(c, 11);
  st.line_spacing = 1.5;
  Flow flow(st);
  const double W = flow.content_width();
  const std::string name = c.name();
  const std::string fy = std::to_string(a.fiscal_year);
  const bool sealed = c.company_seal;

  flow.title("审　计　报　告", 6, 22);
  flow.line(a.report_no, Font{c.body_family, 10.5, false}, Align::kRight, 10);
  flow.line(name + "全体股东：", st.body, Align::kLeft, 6);
  flow.heading("一、审计意见");
  flow.para("我们审计了" + name + "（以下简称贵公司）财务报表，包括" + fy +
            "年12月31日的资产负债表，" + fy +
            "年度的利润表、现金流量表、所有者权益变动表以及相关财务报表附注。");
  flow.para("我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了贵公司" +
            fy + "年12月31日的财务状况以及" + fy + "年度的经营成果和现金流量。");
  flow.heading("二、形成审计意见的基础");
  flow.para(
      "我们按照中国注册会计师审计准则的规定执行了审计工作。审计报告的“注册会计师对财务报表审计的责"
      "任”部分进一步阐述了我们在这些准则下的责任。"
      "按照中国注册会计师职业道德守则，我们独立于贵公司，并履行了职业道德方面的其他责任。我们相信，"
      "我们获取的审计证据是充分、适当的，为发表审计意见提供了基础。");
  flow.heading("三、管理层对财务报表的责任");
  flow.para(
      "贵公司管理层负责按照企业会计准则的规定编制财务报表，使其实现公允反映，并设计、执行和维护必要"
      "的内部控制，以使财务报表不存在由于舞弊或错误导致的重大错报。");
  const SealSpec firm = other_seal(a.firm, "", c.seed + 30, 42);
  const std::string cpa1 = a.cpa1, cpa2 = a.cpa2, firm_name = a.firm,
                    date = a.opinion_date.cn_numerals();
  const double j = c.jitter(-10, 10, 31);
  flow.block(120, [=](Painter& p, double x, double y, double w) {
    const Font fo{c.body_family, 11, false};
    p.text(x, y + 14, firm_name, fo);
    p.text(x + 30, y + 44, "中国·上海", fo);
    p.text(x + w, y + 14, "中国注册会计师：" + cpa1, fo, TextOpts{Align::kRight});
    p.text(x + w, y + 44, "中国注册会计师：" + cpa2, fo, TextOpts{Align::kRight});
    p.text(x + w, y + 80, date, fo, TextOpts{Align::kRight});
    if (sealed) p.seal(firm, x + 90 + j, y + 34);
  });
  flow.page_break();

  const bool parentheses = c.variant % 2 == 0;
  auto head = [&](const std::string& title, const std::string& when) {
    flow.title(title, 4, 17);
    flow.block(22, [=](Painter& p, double x, double y, double w) {
      const Font fo{c.body_family, 9.5, false};
      p.text(x, y + 4, "编制单位：" + name, fo);
      p.text(x + w * 0.62, y + 4, when, fo, TextOpts{Align::kCenter});
      p.text(x + w, y + 4, "单位：元", fo, TextOpts{Align::kRight});
    });
  };
  head("资 产 负 债 表", fy + "年12月31日");
  flow.table(statement_table(a.balance, W, c.body_family, "期末余额", "上年年末余额", parentheses),
             8);
  const std::string rep = f.company.legal_rep;
  auto officers = [&]() {
    flow.line("法定代表人：" + rep + "　　　主管会计工作负责人：" + cpa2.substr(0, 3) +
                  "某　　　会计机构负责人：" + cpa1.substr(0, 3) + "某",
              Font{c.body_family, 9, false}, Align::kLeft, 2);
  };
  officers();
  if (sealed) {
    const SealSpec cs = company_seal(c, 5);
    flow.block(1, [cs](Painter& p, double x, double y, double) { p.seal(cs, x + 150, y - 40); });
  }
  flow.page_break();
  head("利　润　表", fy + "年度");
  flow.table(statement_table(a.income, W, c.body_family, "本期金额", "上期金额", parentheses), 8);
  officers();
  if (sealed) {
    const SealSpec cs = company_seal(c, 6);
    flow.block(1, [cs](Painter& p, double x, double y, double) { p.seal(cs, x + 160, y - 30); });
  }
  if (c.edge_seal && sealed) flow.decorate(edge_seal_decoration(firm, kA4Height * 0.42));
  flow.decorate(page_number_decoration(c.variant, c.body_family));
  return flow.finish();
}

}  // namespace samplegen
