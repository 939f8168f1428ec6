// Category evidence (符合奖励条件的证明材料): the filing or registration record, a
// third-party evaluation, application cases, the industries an adaptation product serves,
// and the cryptographic test report.
#include <cstdio>

#include "draw_util.h"
#include "numbers.h"
#include "rng.h"

namespace samplegen {

namespace {

// "与原件一致" + the company seal at the bottom right of the last page, as applicants stamp
// printouts of web pages and third-party documents.
void stamp_copy(Flow& flow, const DrawContext& c) {
  if (!c.company_seal) return;
  const SealSpec s = company_seal(c, 30);
  const std::string date = c.f().app.date.plus_days(-2).cn();
  const std::string name = c.name();
  flow.block(110, [=](Painter& p, double x, double y, double w) {
    const Font fo{c.body_family, 11, false};
    p.text(x + w, y + 20, "申报单位（盖章）：" + name, fo, TextOpts{Align::kRight});
    p.text(x + w, y + 48, date, fo, TextOpts{Align::kRight});
    p.seal(s, x + w - 90, y + 36);
  });
}

}  // namespace

DocDraft draw_filing_record(const DrawContext& c) {
  const Facts& f = c.f();
  const ModelInfo& m = *f.model;
  const bool reg = m.filing_kind == "registration";
  FlowStyle st = base_style(c, 10.5);
  st.body.family = c.body_family;
  Flow flow(st);
  const double W = flow.content_width();
  flow.title(reg ? "上海市生成式人工智能服务已登记信息" : "生成式人工智能服务已备案信息", 10, 17);
  flow.para(reg ? "根据《生成式人工智能服务管理暂行办法》，对通过API接口或其他方式直接调用已备案模"
                  "型能力、面向公众提供生成式人工智能服务的应用，"
                  "由属地网信部门进行登记。现将" +
                      std::to_string(m.filing_date.y) + "年第" +
                      std::to_string((m.filing_date.m + 2) / 3) +
                      "批已完成登记的生成式人工智能服务信息公告如下。"
                : "根据《生成式人工智能服务管理暂行办法》，国家网信办会同相关部门开展生成式人工智能"
                  "服务备案工作。"
                  "现将上海市已完成备案的生成式人工智能服务信息公告如下（节选）。");
  TableSpec t;
  t.col_widths = {W * 0.06, W * 0.08, W * 0.2, W * 0.28, W * 0.38};  // the number on one line
  t.font = Font{c.body_family, 8.5, false};
  t.shade_header = true;
  t.rows.push_back({{"序号", Align::kCenter},
                    {"属地", Align::kCenter},
                    {"模型/应用名称", Align::kCenter},
                    {reg ? "登记单位" : "备案单位", Align::kCenter},
                    {reg ? "登记编号" : "备案编号", Align::kCenter}});
  Rng rng(c.seed + 700);
  const std::vector<std::pair<std::string, std::string>> others = {
      {"星辰智能客服大模型", "上海星辰语言智能科技有限公司"},
      {"海川多模态大模型", "上海海川人工智能研究有限公司"},
      {"明鉴法律大模型", "上海明鉴信息科技有限公司"}};
  int n = static_cast<int>(rng.uniform(11, 60));
  auto other_number = [&](const std::string& pinyin) {
    char date[16];
    std::snprintf(date, sizeof date, "2024%02d%02d", static_cast<int>(rng.uniform(1, 12)),
                  static_cast<int>(rng.uniform(1, 28)));
    return "Shanghai-" + pinyin + (reg ? "-DJ-" : "-") + date + rng.digits(4);
  };
  t.rows.push_back({{std::to_string(n++), Align::kCenter},
                    {"上海市", Align::kCenter},
                    {others[0].first},
                    {others[0].second},
                    {other_number("XingChen")}});
  t.rows.push_back({{std::to_string(n++), Align::kCenter},
                    {"上海市", Align::kCenter},
                    {m.model_name},
                    {c.name()},
                    {m.filing_number}});
  t.rows.push_back({{std::to_string(n++), Align::kCenter},
                    {"上海市", Align::kCenter},
                    {others[1].first},
                    {others[1].second},
                    {other_number("HaiChuan")}});
  flow.table(t, 10);
  flow.line("发布日期：" + m.filing_date.plus_days(rng.uniform(5, 25)).cn(),
            Font{c.body_family, 10, false}, Align::kRight, 4);
  flow.line("来源：上海网信", Font{c.body_family, 10, false}, Align::kRight, 20);
  stamp_copy(flow, c);
  return flow.finish();
}

DocDraft draw_evaluation_report(const DrawContext& c) {
  const Facts& f = c.f();
  const ModelInfo& m = *f.model;
  FlowStyle st = base_style(c, 11);
  st.body.family = c.body_family;
  Flow flow(st);
  const double W = flow.content_width();
  flow.title(m.evaluator + "中文大模型综合能力评测报告", 4, 17);
  flow.subtitle("（" + std::to_string(f.app.date.y) + "年3月）", Font{c.body_family, 11, false},
                Align::kCenter, 14);
  flow.heading("一、评测说明");
  flow.para(
      "本次评测覆盖语言理解与生成、知识问答、逻辑推理、数学计算、代码生成、安全合规等六大能力维度，"
      "共计3,200余道原创题目，"
      "采用自动评估与人工复核相结合的方式，对国内外主流大模型进行统一评测。");
  flow.heading("二、总体排名（国内模型）");
  TableSpec t;
  t.col_widths = {W * 0.1, W * 0.3, W * 0.3, W * 0.15, W * 0.15};
  t.font = Font{c.body_family, 9, false};
  t.shade_header = true;
  t.rows.push_back({{"排名", Align::kCenter},
                    {"模型名称", Align::kCenter},
                    {"研发机构", Align::kCenter},
                    {"总分", Align::kCenter},
                    {"等级", Align::kCenter}});
  Rng rng(c.seed + 710);
  const double step = rng.real(0.9, 1.8);
  const std::vector<std::string> names = {"北辰-Ultra", "天衡大模型", "Lumen-Pro",
                                          "海川多模态", "明鉴-72B",   "星河-Max",
                                          "墨言-3",     "云图-Pro",   "知行-2"};
  for (int r = 1; r <= m.eval_rank + 2; ++r) {
    const bool ours = r == m.eval_rank;
    const double sc = m.eval_score + (m.eval_rank - r) * step + (ours ? 0 : rng.real(-0.3, 0.3));
    const std::string model =
        ours ? m.model_name : names[static_cast<size_t>(r - 1) % names.size()];
    const std::string org = ours ? c.name() : "（略）";
    t.rows.push_back({{std::to_string(r), Align::kCenter},
                      {model, Align::kLeft, ours},
                      {org, Align::kLeft, ours},
                      {format_yuan(static_cast<int64_t>(sc * 100), false), Align::kCenter},
                      {sc > 70 ? "A" : "B+", Align::kCenter}});
  }
  flow.table(t, 10);
  flow.heading("三、评测结论");
  flow.para(m.model_name + "在本次评测中综合得分" +
            format_yuan(static_cast<int64_t>(m.eval_score * 100), false) +
            "分，在中文理解、长文本处理和专业知识问答等任务上表现突出，综合能力达到国内领先水平。");
  flow.space(14);
  stamp_copy(flow, c);
  return flow.finish();
}

DocDraft draw_application_cases(const DrawContext& c) {
  const Facts& f = c.f();
  const ModelInfo& m = *f.model;
  FlowStyle st = base_style(c, 12);
  Flow flow(st);
  const bool general = f.category == Category::kGeneral;
  flow.title(general ? "应用场景建设及运营情况说明" : "模型应用案例", 14, 20);
  flow.heading("一、应用场景描述");
  flow.para(general
                ? "项目在" + m.scenario +
                      "场景落地应用，面向松江区企业和群众提供智能问答、政策解读、材料预审等服务。"
                : m.customer + "位于松江区，主要从事精密零部件生产。传统的" + m.domain +
                      "依赖人工经验，效率低、一致性差。本案例以" + m.model_name +
                      "为核心，构建智能化" + m.domain + "系统。");
  flow.heading("二、实施过程");
  flow.para("项目于" + f.app.period +
            "实施，经历需求调研、数据采集与标注、模型训练与调优、系统集成与试运行等阶段，"
            "已于" +
            f.app.date.plus_days(-120).cn() + "通过用户验收并正式投入运营。");
  flow.heading("三、应用效果");
  flow.para(general ? "场景上线以来累计服务用户超过" + std::to_string(12 + f.app.date.d) +
                          "万人次，问题解决率达92%以上，平均响应时间小于2秒。"
                    : "系统上线后，检测准确率由人工的91.2%提升至99.3%，单件检测时间缩短约70%"
                      "，每年节约人工成本约" +
                          std::to_string(120 + f.app.date.d * 3) + "万元。");
  flow.heading("四、用户反馈");
  flow.para(
      "用户单位认为该系统运行稳定、效果显著，对提升生产运营效率具有明显作用，同意作为示范案例推广"
      "。");
  const SealSpec customer = other_seal(m.customer, "", c.seed + 720, 42);
  const bool sealed = c.company_seal;
  const std::string date = f.app.date.plus_days(-20).cn();
  const std::string user = m.customer;
  flow.block(100, [=](Painter& p, double x, double y, double w) {
    const Font fo{c.body_family, 11, false};
    p.text(x + w * 0.05, y + 20, "用户单位（盖章）：", fo);
    p.text(x + w * 0.05, y + 44, user, fo);
    p.text(x + w * 0.05, y + 68, date, fo);
    if (sealed) p.seal(customer, x + w * 0.05 + 80, y + 50);
  });
  stamp_copy(flow, c);
  return flow.finish();
}

DocDraft draw_industry_list(const DrawContext& c) {
  const Facts& f = c.f();
  const AdaptationInfo& a = *f.adaptation;
  FlowStyle st = base_style(c, 11);
  Flow flow(st);
  const double W = flow.content_width();
  flow.title("适配产品行业应用清单", 8, 20);
  flow.line("产品名称：" + a.product, Font{c.body_family, 11, false});
  flow.line("申报单位：" + c.name(), Font{c.body_family, 11, false}, Align::kLeft, 10);
  TableSpec t;
  t.col_widths = {W * 0.07, W * 0.1, W * 0.3, W * 0.23, W * 0.14, W * 0.16};
  t.font = Font{c.body_family, 9, false};
  t.shade_header = true;
  t.rows.push_back({{"序号", Align::kCenter},
                    {"行业", Align::kCenter},
                    {"客户单位", Align::kCenter},
                    {"应用场景", Align::kCenter},
                    {"上线时间", Align::kCenter},
                    {"月均调用量（次）", Align::kCenter}});
  int n = 0;
  for (const auto& cl : a.clients)
    t.rows.push_back({{std::to_string(++n), Align::kCenter},
                      {cl.industry, Align::kCenter},
                      {cl.client},
                      {cl.scenario},
                      {cl.online.dotted(), Align::kCenter},
                      {format_yuan(cl.monthly_calls * 100, true)
                           .substr(0, format_yuan(cl.monthly_calls * 100, true).size() - 3),
                       Align::kRight}});
  flow.table(t, 10);
  std::string list;
  for (size_t i = 0; i < a.industries.size(); ++i) list += (i ? "、" : "") + a.industries[i];
  flow.para("截至" + f.app.date.plus_days(-10).cn() + "，产品已在" + list + "共" +
            std::to_string(a.industries.size()) + "个行业的" + std::to_string(a.clients.size()) +
            "家客户单位上线使用，累计调用量约" + std::to_string(a.total_calls / 10000) + "万次。");
  flow.space(10);
  stamp_copy(flow, c);
  return flow.finish();
}

DocDraft draw_security_report(const DrawContext& c) {
  const Facts& f = c.f();
  const SecurityInfo& s = *f.security;
  FlowStyle st = base_style(c, 11.5);
  Flow flow(st);
  const double W = flow.content_width();
  const SealSpec lab = other_seal(s.lab, "检验检测专用章", c.seed + 730, 42);
  const bool sealed = c.company_seal;
  flow.line("报告编号：" + s.report_no, Font{c.body_family, 10, false}, Align::kRight, 30);
  flow.title("商用密码产品密码安全性测试报告", 30, 21);
  TableSpec cover;
  cover.col_widths = {W * 0.26, W * 0.74};
  cover.font = Font{c.body_family, 11, false};
  cover.header_rows = 0;
  cover.min_row_height = 28;
  cover.outer_thick = true;
  cover.rows = {{{"产品名称", Align::kCenter, true}, {s.product}},
                {{"产品类别", Align::kCenter, true}, {s.product_kind}},
                {{"送检单位", Align::kCenter, true}, {c.name()}},
                {{"检测机构", Align::kCenter, true}, {s.lab}},
                {{"检测依据", Align::kCenter, true},
                 {"GB/T 39786-2021《信息安全技术 信息系统密码应用基本要求》；GM/T "
                  "0028-2014《密码模块安全技术要求》"}},
                {{"检测时间", Align::kCenter, true},
                 {s.test_date.plus_days(-20).cn() + "至" + s.test_date.cn()}},
                {{"送检次数", Align::kCenter, true}, {s.first_pass ? "首次送检" : "第二次送检"}}};
  flow.table(cover, 16);
  flow.heading("检测结论");
  flow.para("经测试，" + s.product +
            "在密码算法合规性、密钥管理、随机数质量、身份鉴别、数据传输与存储机密性和完整性等方面均"
            "符合检测依据要求，"
            "测试结论为：通过。" +
            std::string(s.first_pass ? "本次为该产品首次通过密码安全性测试。" : ""));
  flow.para("本机构为国家认可的信创测试服务机构，具备商用密码检测资质（证书编号：SCT-" +
            std::to_string(2023) + "-0" + std::to_string(100 + f.app.date.d) + "）。");
  flow.space(10);
  const std::string lab_name = s.lab, date = s.test_date.cn();
  flow.block(110, [=](Painter& p, double x, double y, double w) {
    const Font fo{c.body_family, 11, false};
    p.text(x + w, y + 20, lab_name, fo, TextOpts{Align::kRight});
    p.text(x + w, y + 48, "签发日期：" + date, fo, TextOpts{Align::kRight});
    if (sealed) p.seal(lab, x + w - 80, y + 34);
  });
  flow.page_break();
  flow.heading("附：测试项目及结果");
  TableSpec t;
  t.col_widths = {W * 0.1, W * 0.45, W * 0.3, W * 0.15};
  t.font = Font{c.body_family, 10, false};
  t.shade_header = true;
  t.rows.push_back({{"序号", Align::kCenter},
                    {"测试项目", Align::kCenter},
                    {"测试方法", Align::kCenter},
                    {"结果", Align::kCenter}});
  const std::vector<std::string> items = {"密码算法实现正确性（SM2/SM3/SM4）",
                                          "密钥生成、存储与销毁",
                                          "随机数发生器质量",
                                          "身份鉴别机制",
                                          "数据传输机密性与完整性",
                                          "数据存储机密性与完整性",
                                          "日志与审计",
                                          "自测试与故障处理"};
  int n = 0;
  for (const auto& it : items)
    t.rows.push_back({{std::to_string(++n), Align::kCenter},
                      {it},
                      {"文档审查、测试验证"},
                      {"符合", Align::kCenter}});
  flow.table(t, 10);
  flow.decorate(page_number_decoration(0, c.body_family));
  return flow.finish();
}

}  // namespace samplegen
