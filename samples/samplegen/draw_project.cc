// 项目情况报告, 项目投资明细表 (printed) and the invoices that evidence it.
#include <algorithm>

#include "draw_util.h"
#include "numbers.h"
#include "rng.h"
#include "uscc.h"

namespace samplegen {

DocDraft draw_project_report(const DrawContext& c) {
  const Facts& f = c.f();
  const ProjectStory& s = f.project;
  FlowStyle st = base_style(c, 12);
  Flow flow(st);
  flow.space(10);
  flow.title("项目情况报告", 8, 22);
  flow.subtitle(f.app.project_name, Font{c.body_family, 13, false}, Align::kCenter, 4);
  flow.subtitle("申报单位：" + c.name(), Font{c.body_family, 12, false}, Align::kCenter, 4);
  if (f.category_stated)
    flow.subtitle("申报类别：" + f.app.category_text, Font{c.body_family, 12, false},
                  Align::kCenter, 16);
  else
    flow.space(12);

  flow.heading("一、项目建设背景");
  flow.para(s.background);
  flow.heading("二、建设主要内容");
  flow.para(s.content);
  if (f.model) {
    const ModelInfo& m = *f.model;
    if (m.filing_number.empty()) {
      flow.para("模型已完成内部安全评估，生成式人工智能服务相关备案手续正在准备中。");
    } else if (m.filing_kind == "registration") {
      flow.para("该模型已按照国家网信办要求，于" + m.filing_date.cn() +
                "完成生成式人工智能服务登记，登记编号：" + m.filing_number + "。");
    } else {
      flow.para("该模型已按照国家网信办要求，于" + m.filing_date.cn() +
                "完成生成式人工智能服务备案，备案号：" + m.filing_number + "。");
    }
    if (f.category == Category::kGeneral)
      flow.para("经" + m.evaluator + "评测，" + m.model_name + "综合得分" +
                format_yuan(static_cast<int64_t>(m.eval_score * 100), false) +
                "分，在国内参评模型中位列第" + std::to_string(m.eval_rank) +
                "名，性能达到国内领先水平。");
  }
  flow.heading("三、重点方向与服务领域");
  flow.para(s.directions);
  flow.heading("四、技术方案");
  flow.para(s.tech);
  flow.heading("五、系统功能");
  flow.para(s.functions);
  flow.heading("六、实际总投资");
  int64_t by[4] = {0, 0, 0, 0};
  for (const auto& r : f.investment.rows) by[static_cast<int>(r.category)] += r.amount_fen;
  flow.para("项目实际总投资" + format_wan(s.total_investment_fen) + "万元，其中硬件设施" +
            format_wan(by[0]) + "万元，开发费用" + format_wan(by[1]) + "万元，测试费用" +
            format_wan(by[2]) + "万元，人员工资" + format_wan(by[3]) +
            "万元。详见《项目投资明细表》及相关印证材料。");
  flow.heading("七、服务成效");
  flow.para(s.results);
  flow.space(20);
  signature_block(flow, c, "", f.app.date.plus_days(-2).cn(), st.body);
  flow.decorate(page_number_decoration(c.variant, c.body_family));
  if (c.edge_seal && c.company_seal)
    flow.decorate(edge_seal_decoration(company_seal(c, 8), kA4Height * 0.5));
  return flow.finish();
}

DocDraft draw_investment_table(const DrawContext& c) {
  const Facts& f = c.f();
  const Investment& inv = f.investment;
  FlowStyle st = base_style(c, 11);
  st.margin_left = mm(18);
  st.margin_right = mm(18);
  Flow flow(st);
  const double W = flow.content_width();
  const bool wan = inv.unit_wan;
  flow.title("项目投资明细表", 10, 20);
  flow.block(40, [=, &f](Painter& p, double x, double y, double w) {
    const Font fo{c.body_family, 10.5, false};
    p.text(x, y, "项目名称：" + f.app.project_name, fo);
    p.text(x, y + 20, "申报单位（盖章）：" + c.name(), fo);
    p.text(x + w, y + 20, wan ? "单位：万元" : "单位：元", fo, TextOpts{Align::kRight});
  });
  TableSpec t;
  t.font = Font{c.body_family, 10, false};
  t.min_row_height = 20;
  t.outer_thick = true;
  t.shade_header = c.variant % 2 == 0;
  const bool grouped = c.variant % 2 == 1;
  const std::string amount_head = wan ? "金额（万元）" : "金额（元）";
  if (!grouped) {
    t.col_widths = {W * 0.08, W * 0.15, W * 0.22, W * 0.33, W * 0.22};
    t.rows.push_back({{"序号", Align::kCenter},
                      {"投资类别", Align::kCenter},
                      {"明细内容", Align::kCenter},
                      {"规格/说明", Align::kCenter},
                      {amount_head, Align::kCenter}});
    int n = 0;
    for (const auto& r : inv.rows)
      t.rows.push_back({{std::to_string(++n), Align::kCenter},
                        {inv_category_label(r.category), Align::kCenter},
                        {r.item},
                        {r.spec},
                        {money_in_unit(r.amount_fen, wan), Align::kRight}});
    t.rows.push_back({{inv.total_word, Align::kCenter, true, 4},
                      {money_in_unit(inv.stated_total_fen, wan), Align::kRight, true}});
  } else {
    t.col_widths = {W * 0.1, W * 0.27, W * 0.4, W * 0.23};
    t.rows.push_back({{"序号", Align::kCenter},
                      {"明细内容", Align::kCenter},
                      {"规格/说明", Align::kCenter},
                      {amount_head, Align::kCenter}});
    const char* numerals[] = {"一", "二", "三", "四"};
    for (int k = 0; k < 4; ++k) {
      const auto cat = static_cast<InvCategory>(k);
      t.rows.push_back(
          {{numerals[k], Align::kCenter, true}, {inv_category_label(cat), Align::kLeft, true, 3}});
      int n = 0;
      int64_t sub = 0;
      for (const auto& r : inv.rows) {
        if (r.category != cat) continue;
        sub += r.amount_fen;
        t.rows.push_back({{std::to_string(++n), Align::kCenter},
                          {r.item},
                          {r.spec},
                          {money_in_unit(r.amount_fen, wan), Align::kRight}});
      }
      t.rows.push_back({{"", Align::kCenter},
                        {"小计", Align::kCenter, false, 2},
                        {money_in_unit(sub, wan), Align::kRight}});
    }
    t.rows.push_back({{inv.total_word, Align::kCenter, true, 3},
                      {money_in_unit(inv.stated_total_fen, wan), Align::kRight, true}});
  }
  flow.table(t, 16);
  flow.line("填表人：" + f.company.contact + "　　　联系电话：" + f.company.phone,
            Font{c.body_family, 10.5, false});
  flow.space(10);
  signature_block(flow, c, "", f.app.date.plus_days(-2).cn(), Font{c.body_family, 11, false});
  return flow.finish();
}

// One invoice page (电子发票（增值税专用发票）), printed on A4 and stamped as a copy.
void draw_invoice(Painter& p, const DrawContext& c, const std::string& number, const Date& date,
                  const std::string& seller, const std::string& seller_code,
                  const std::string& item, const std::string& spec, int64_t total_fen,
                  int tax_percent, uint64_t seed) {
  const Rgb ink{0.55, 0.25, 0.12};
  const double x = mm(15), w = p.width() - mm(30);
  double y = mm(20);
  TextOpts title{Align::kCenter};
  title.colour = ink;
  title.letter_spacing = 2;
  p.text(p.width() / 2 - mm(12), y, "电子发票（增值税专用发票）", Font{c.body_family, 16, true},
         title);
  p.line(p.width() / 2 - mm(50), y + 26, p.width() / 2 + mm(26), y + 26, 0.8, ink);
  p.line(p.width() / 2 - mm(50), y + 29, p.width() / 2 + mm(26), y + 29, 0.8, ink);
  p.text(x + w, y + 2, "发票号码：" + number, Font{c.body_family, 8.5, false},
         TextOpts{Align::kRight});
  p.text(x + w, y + 16, "开票日期：" + date.cn_padded(), Font{c.body_family, 8.5, false},
         TextOpts{Align::kRight});
  y += 46;
  const Font lab{c.body_family, 9, false}, val{c.body_family, 9, false};
  const double party_h = 62;
  p.rect(x, y, w, party_h, 0.8, ink);
  p.line(x + w / 2, y, x + w / 2, y + party_h, 0.8, ink);
  for (int side = 0; side < 2; ++side) {
    const double bx = x + side * w / 2;
    p.line(bx + 18, y, bx + 18, y + party_h, 0.8, ink);
    TextOpts v;
    v.width = 12;
    v.colour = ink;
    p.text(bx + 3, y + 5, side == 0 ? "购买方信息" : "销售方信息", Font{c.body_family, 9, false},
           v);
    const std::string nm = side == 0 ? c.name() : seller;
    const std::string cd = side == 0 ? c.uscc() : seller_code;
    p.text(bx + 24, y + 12, "名称：" + nm, val);
    p.text(bx + 24, y + 34, "统一社会信用代码/纳税人识别号：", lab);
    p.text(bx + 24, y + 46, cd, Font{c.body_family, 9.5, true});
  }
  y += party_h;
  const int64_t net = total_fen * 100 / (100 + tax_percent);
  const int64_t tax = total_fen - net;
  TableSpec t;
  t.col_widths = {w * 0.25, w * 0.15, w * 0.06, w * 0.06, w * 0.13, w * 0.14, w * 0.08, w * 0.13};
  t.font = Font{c.body_family, 8.5, false};
  t.min_row_height = 20;
  t.rows = {{{"项目名称", Align::kCenter},
             {"规格型号", Align::kCenter},
             {"单位", Align::kCenter},
             {"数量", Align::kCenter},
             {"单价", Align::kCenter},
             {"金额", Align::kCenter},
             {"税率/征收率", Align::kCenter},
             {"税额", Align::kCenter}},
            {{item},
             {spec},
             {tax_percent == 13 ? "台" : "项", Align::kCenter},
             {"1", Align::kCenter},
             {format_yuan(net, false), Align::kRight},
             {format_yuan(net, false), Align::kRight},
             {std::to_string(tax_percent) + "%", Align::kCenter},
             {format_yuan(tax, false), Align::kRight}},
            {{"合　　计", Align::kCenter, false, 5},
             {"¥" + format_yuan(net, false), Align::kRight},
             {""},
             {"¥" + format_yuan(tax, false), Align::kRight}},
            {{"价税合计（大写）", Align::kCenter, false, 2},
             {"⊗" + uppercase_rmb(total_fen), Align::kLeft, false, 3},
             {"（小写）¥" + format_yuan(total_fen, false), Align::kLeft, false, 3}},
            {{"备注", Align::kCenter}, {"", Align::kLeft, false, 7}}};
  y += p.table(t, x, y);
  p.text(x + 4, y + 8, "开票人：" + std::string(seed % 2 ? "陈静" : "王磊"), val);
  // The applicant stamps its copy.
  if (c.company_seal) {
    SealSpec s = company_seal(c, 20 + static_cast<int>(seed % 7));
    p.text(x + w * 0.7, y + 40, "与原件核对一致", Font{kZenHei, 12, false},
           TextOpts{Align::kCenter});
    p.seal(s, x + w * 0.72, y + 50);
  }
}

DocDraft draw_investment_invoices(const DrawContext& c, int count) {
  const Facts& f = c.f();
  std::vector<InvestmentRow> rows = f.investment.rows;
  std::stable_sort(rows.begin(), rows.end(), [](const InvestmentRow& a, const InvestmentRow& b) {
    return a.amount_fen > b.amount_fen;
  });
  std::vector<InvestmentRow> chosen;
  for (const auto& r : rows)
    if (r.category != InvCategory::kPersonnel && static_cast<int>(chosen.size()) < count)
      chosen.push_back(r);
  DocDraft d;
  Rng rng(c.seed + 900);
  const std::vector<std::string> sellers = {"上海联擎计算机系统有限公司",
                                            "上海曦算信息科技有限公司", "上海松数网络设备有限公司",
                                            "上海汇智数据服务有限公司"};
  for (size_t i = 0; i < chosen.size(); ++i) {
    const InvestmentRow r = chosen[i];
    const std::string seller = sellers[i % sellers.size()];
    const std::string seller_code = make_uscc(rng, "310115");
    const std::string number = "2531200000" + rng.digits(10);
    const Date date = f.app.date.plus_days(-rng.uniform(120, 420));
    const std::string item =
        (r.category == InvCategory::kHardware ? "*计算机外部设备*" : "*信息技术服务*") + r.item;
    const int tax = r.category == InvCategory::kHardware ? 13 : 6;
    const DrawContext cc = c;
    const uint64_t seed = c.seed + i;
    PageDraft page;
    page.paint = [=](Painter& p) {
      draw_invoice(p, cc, number, date, seller, seller_code, item, r.spec, r.amount_fen, tax, seed);
    };
    d.pages.push_back(std::move(page));
  }
  return d;
}

DocDraft draw_fee_invoice(const DrawContext& c) {
  const Facts& f = c.f();
  const SecurityInfo& s = *f.security;
  Rng rng(c.seed + 950);
  const std::string lab_code = make_uscc(rng, "310104");
  DocDraft d;
  const DrawContext cc = c;
  const uint64_t seed = c.seed;
  PageDraft page;
  page.paint = [=](Painter& p) {
    draw_invoice(p, cc, s.invoice_no, s.test_date.plus_days(3), s.lab, lab_code,
                 "*检测服务*密码安全性测试服务费", s.product, s.fee_fen, 6, seed);
  };
  d.pages.push_back(std::move(page));
  return d;
}

}  // namespace samplegen
