// "信用中国" 法人和非法人组织公共信用信息报告: header band with the site's name and the
// report number on every page, registration facts, then one section per kind of record,
// each "无" or a ruled table.
#include "draw_util.h"
#include "numbers.h"

namespace samplegen {

DocDraft draw_credit_report(const DrawContext& c) {
  const Facts& f = c.f();
  const Credit& cr = f.credit;
  FlowStyle st = base_style(c, 10.5);
  st.body.family = c.body_family;
  st.heading = Font{c.body_family, 12, true};
  st.title = Font{c.body_family, 19, true};
  st.margin_top = mm(30);
  st.line_spacing = 1.4;
  Flow flow(st);
  const double W = flow.content_width();
  const Font small{c.body_family, 9.5, false};
  const std::string name = c.name();
  const bool generated_style = c.variant % 2 == 1;

  flow.title("法人和非法人组织公共信用信息报告", 4);
  flow.subtitle("（标准版）", Font{c.body_family, 11, false}, Align::kCenter, 14);
  flow.line("报告主体：" + name, Font{c.body_family, 11, false});
  flow.line(uscc_label(c) + "：" + c.uscc(), Font{c.body_family, 11, false});
  flow.line(
      generated_style ? "生成时间：" + cr.generated_at : "报告日期：" + cr.report_date.cn_padded(),
      Font{c.body_family, 11, false}, Align::kLeft, 12);

  auto kv_table = [&](std::vector<std::pair<std::string, std::string>> rows) {
    TableSpec t;
    t.col_widths = {W * 0.24, W * 0.76};
    t.font = Font{c.body_family, 9.5, false};
    t.header_rows = 0;
    t.min_row_height = 20;
    for (auto& [k, v] : rows) t.rows.push_back({{k, Align::kLeft, true}, {v}});
    return t;
  };
  auto none = [&]() { flow.line("无", small, Align::kLeft, 6); };
  auto records_table = [&](const std::vector<std::string>& head,
                           const std::vector<std::vector<std::string>>& rows,
                           const std::vector<double>& widths) {
    TableSpec t;
    for (double w : widths) t.col_widths.push_back(W * w);
    t.font = Font{c.body_family, 9, false};
    t.shade_header = true;
    TableRow h;
    for (const auto& s : head) h.push_back({s, Align::kCenter});
    t.rows.push_back(h);
    for (const auto& r : rows) {
      TableRow row;
      for (const auto& s : r) row.push_back({s});
      t.rows.push_back(row);
    }
    flow.table(t, 8);
  };

  flow.heading("一、登记注册基础信息");
  flow.table(kv_table({{"主体名称", name},
                       {uscc_label(c), c.uscc()},
                       {"法定代表人", f.company.legal_rep},
                       {"成立日期", f.company.founded.iso()},
                       {"企业类型", f.company.type},
                       {"注册资本", format_wan(f.company.registered_capital_fen, 0) + "万元人民币"},
                       {"住所", f.company.address},
                       {"登记机关", f.company.authority},
                       {"登记状态", "存续（在营、开业、在册）"}}),
             10);

  flow.heading("二、行政管理信息");
  flow.line("（一）行政许可信息", Font{c.body_family, 10.5, true});
  none();
  flow.line("（二）行政处罚信息", Font{c.body_family, 10.5, true});
  std::vector<std::vector<std::string>> penalties, abnormal;
  for (const auto& r : cr.records) {
    if (r.kind == "行政处罚")
      penalties.push_back({r.doc_no, r.reason, r.content, r.authority, r.date.iso()});
    else
      abnormal.push_back({r.reason, r.authority, r.date.iso(), r.doc_no});
  }
  if (penalties.empty())
    none();
  else
    records_table({"决定书文号", "处罚事由", "处罚内容", "处罚机关", "处罚决定日期"}, penalties,
                  {0.2, 0.28, 0.16, 0.2, 0.16});

  flow.heading("三、严重失信主体名单信息");
  if (!cr.serious_dishonesty) {
    none();
  } else {
    records_table(
        {"名单名称", "列入原因", "列入机关", "列入日期"},
        {{cr.serious_list, cr.serious_reason, cr.serious_authority, cr.serious_date.iso()}},
        {0.24, 0.32, 0.28, 0.16});
    flow.line("该主体已被列入严重失信主体名单。", Font{c.body_family, 10, true}, Align::kLeft, 6);
  }

  flow.heading("四、经营异常名录信息");
  if (abnormal.empty())
    none();
  else
    records_table({"列入原因", "作出决定机关", "列入日期", "决定书文号"}, abnormal,
                  {0.34, 0.28, 0.16, 0.22});

  flow.heading("五、信用承诺信息");
  flow.line("该主体于" + cr.report_date.plus_days(-40).cn() + "作出信用承诺，承诺类型：主动型。",
            small, Align::kLeft, 6);
  flow.heading("六、诚实守信相关荣誉信息");
  flow.table(kv_table({{"荣誉名称", f.honor.title},
                       {"授予单位", f.honor.issuer},
                       {"授予日期", f.honor.date.iso()}}),
             10);

  flow.space(8);
  flow.line(
      "说明：1. 本报告信息来源于全国信用信息共享平台，由“信用中国”网站根据报告生成时的数据出具。"
      "2. 本报告仅反映报告生成时点之前归集的信用信息。3. "
      "信息主体如对报告内容有异议，可通过“信用中国”网站提出异议申诉。",
      Font{c.body_family, 8.5, false}, Align::kLeft, 4);

  const std::string number = cr.report_no;
  const std::string footer =
      generated_style ? "生成时间：" + cr.generated_at : "报告日期：" + cr.report_date.iso();
  const std::string family = c.body_family;
  flow.decorate([number, footer, family](Painter& p, int page, int pages) {
    const double x = mm(25), r = p.width() - mm(22);
    p.text(x, mm(12), "信用中国", Font{family, 15, true},
           TextOpts{Align::kLeft, -1, 1, 0, 0, false, Rgb{0.75, 0.1, 0.1}});
    p.text(x + 66, mm(13.5), "CREDITCHINA", Font{family, 8, true},
           TextOpts{Align::kLeft, -1, 1, 0, 0, false, Rgb{0.1, 0.25, 0.6}});
    p.text(r, mm(14), "报告编号：" + number, Font{family, 8.5, false}, TextOpts{Align::kRight});
    p.line(x, mm(20), r, mm(20), 1.0, Rgb{0.1, 0.25, 0.6});
    p.text(x, p.height() - mm(14), footer, Font{family, 8, false});
    p.text(r, p.height() - mm(14), std::to_string(page) + "/" + std::to_string(pages),
           Font{family, 8, false}, TextOpts{Align::kRight});
  });
  if (c.company_seal) {
    const SealSpec seal = company_seal(c, 4);
    const double sx = c.jitter(mm(120), mm(150), 41), sy = c.jitter(mm(52), mm(66), 42);
    flow.decorate([seal, sx, sy](Painter& p, int page, int) {
      if (page == 1) p.seal(seal, sx, sy);
    });
  }
  return flow.finish();
}

}  // namespace samplegen
