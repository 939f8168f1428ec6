// Seals, shared helpers, and the simple one-page documents: the application form, the
// street approval, certificates, letters and the red-headed notice.
#include <cmath>

#include "draw_util.h"
#include "numbers.h"
#include "rng.h"

namespace samplegen {

double DrawContext::jitter(double lo, double hi, int salt) const {
  Rng r(seed * 1000003ULL + static_cast<uint64_t>(salt) * 7919ULL);
  return r.real(lo, hi);
}

SealSpec company_seal(const DrawContext& c, int salt) {
  SealSpec s;
  s.rim_text = c.f().company.name;
  s.code_text = "31011" + std::to_string(7000000 + static_cast<int>(c.jitter(0, 999999, 91)));
  s.diameter_mm = c.jitter(38, 45, 90);
  s.rotation_deg = c.jitter(-18, 18, 92 + salt);
  s.opacity = c.jitter(0.85, 0.95, 93 + salt);
  s.texture_seed = c.seed + static_cast<uint64_t>(salt) * 31 + 5;
  return s;
}

SealSpec other_seal(const std::string& rim, const std::string& centre, uint64_t seed,
                    double diameter_mm) {
  Rng r(seed * 2654435761ULL + 11);
  SealSpec s;
  s.rim_text = rim;
  s.centre_text = centre;
  s.diameter_mm = diameter_mm;
  s.rotation_deg = r.real(-12, 12);
  s.opacity = r.real(0.85, 0.95);
  s.texture_seed = seed + 77;
  return s;
}

FlowStyle base_style(const DrawContext& c, double body_size) {
  FlowStyle s;
  s.body = Font{c.body_family, body_size, false};
  s.heading = Font{c.body_family == kSerif ? kSans : c.body_family, body_size + 1, true};
  s.title = Font{c.body_family, 20, true};
  return s;
}

std::string uscc_label(const DrawContext& c) {
  return c.variant % 3 == 2 ? "社会信用代码" : "统一社会信用代码";
}

Flow::Decorate page_number_decoration(int style, const std::string& family) {
  return [style, family](Painter& p, int page, int pages) {
    const std::string s =
        style % 2 == 0 ? "第 " + std::to_string(page) + " 页 共 " + std::to_string(pages) + " 页"
                       : "- " + std::to_string(page) + " -";
    p.text(p.width() / 2, p.height() - mm(15), s, Font{family, 9, false}, TextOpts{Align::kCenter});
  };
}

Flow::Decorate edge_seal_decoration(SealSpec seal, double cy) {
  return [seal, cy](Painter& p, int page, int) {
    SealSpec s = seal;
    s.texture_seed += static_cast<uint64_t>(page);
    p.seal_at_right_edge(s, cy);
  };
}

void signature_block(Flow& flow, const DrawContext& c, const std::string& label,
                     const std::string& date, const Font& font) {
  const bool sealed = c.company_seal;
  const SealSpec seal = company_seal(c, 1);
  const std::string name = c.name();
  const double dx = c.jitter(-12, 12, 3), dy = c.jitter(-8, 8, 4);
  flow.block(84, [=](Painter& p, double x, double y, double w) {
    const double right = x + w - mm(6);
    const double name_w = p.text_width(label + name, font);
    p.text(right, y + 14, label + name, font, TextOpts{Align::kRight});
    p.text(right, y + 42, date, font, TextOpts{Align::kRight});
    if (sealed) p.seal(seal, right - name_w * 0.3 + dx, y + 30 + dy);
  });
}

std::string money_in_unit(int64_t fen, bool wan) {
  return wan ? format_wan(fen, 2, true) : format_yuan(fen);
}

// ---------------------------------------------------------------------------------------
// 项目申报书

DocDraft draw_application_form(const DrawContext& c) {
  const Facts& f = c.f();
  FlowStyle st = base_style(c, 11);
  Flow flow(st);
  const Font label{c.body_family, 14, false};
  const Font big{c.body_family, 22, true};
  const std::string project_no =
      "SJSZ2025-" + std::to_string(100 + static_cast<int>(c.jitter(0, 800, 1)));
  const std::string name = c.name();
  const bool cover_seal = c.company_seal && c.variant % 2 == 1;
  const SealSpec cover = company_seal(c, 7);
  flow.block(st.height - st.margin_top - st.margin_bottom - 2, [=, &f](Painter& p, double x,
                                                                       double y, double w) {
    p.text(x, y, "项目编号：" + project_no, Font{c.body_family, 10, false});
    p.text(x + w / 2, y + 150, "松江区智算服务业专项支持项目", big, TextOpts{Align::kCenter});
    TextOpts spaced{Align::kCenter};
    spaced.letter_spacing = 18;
    p.text(x + w / 2, y + 200, "申报书", Font{c.body_family, 34, true}, spaced);
    const double lx = x + 40, vx = x + 175, vw = w - 215;
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"项目名称：", f.app.project_name},
        {"申报单位（盖章）：", name},
        {"申报类别：", f.app.category_text},
        {"申报日期：", f.app.date.cn()}};
    double yy = y + 360;
    for (const auto& [k, v] : rows) {
      p.text(lx, yy, k, label);
      TextOpts o;
      o.width = vw;
      double h = p.text(vx, yy, v, label, o);
      p.line(vx, yy + h + 2, vx + vw, yy + h + 2, 0.6);
      yy += std::max(h, 20.0) + 26;
    }
    if (cover_seal) p.seal(cover, vx + vw * 0.45, y + 360 + 46 + 12);
    p.text(x + w / 2, y + 640, "上海市松江区数据局 制", Font{c.body_family, 14, false},
           TextOpts{Align::kCenter});
    p.text(x + w / 2, y + 664, "二〇二五年", Font{c.body_family, 14, false},
           TextOpts{Align::kCenter});
  });
  flow.page_break();

  const double W = flow.content_width();
  auto row4 = [](std::string a, std::string b, std::string cc, std::string d) {
    return TableRow{{a, Align::kCenter, true}, {b}, {cc, Align::kCenter, true}, {d}};
  };
  auto row2 = [](std::string a, std::string b) {
    return TableRow{{a, Align::kCenter, true}, {b, Align::kLeft, false, 3}};
  };
  TableSpec basic;
  basic.col_widths = {W * 0.2, W * 0.3, W * 0.2, W * 0.3};
  basic.font = Font{c.body_family, 10.5, false};
  basic.header_rows = 0;
  basic.outer_thick = true;
  basic.min_row_height = 26;
  basic.rows = {row2("单位名称", name),
                row4(uscc_label(c), c.uscc(), "成立日期", f.company.founded.cn()),
                row2("注册地址", f.company.address),
                row4("法定代表人", f.company.legal_rep, "注册资本",
                     format_wan(f.company.registered_capital_fen, 0) + "万元"),
                row4("联系人", f.company.contact, "联系电话", f.company.phone),
                row4("上年度营业收入（万元）", format_wan(f.audit.revenue_fen),
                     "上年度研发费用（万元）", format_wan(f.audit.rd_expense_fen))};
  flow.heading("一、申报单位基本情况");
  flow.table(basic, 14);

  TableSpec proj = basic;
  proj.rows = {row2("项目名称", f.app.project_name),
               row2("申报类别", f.app.category_text),
               row2("项目起止时间", f.app.period),
               row4("项目总投资（万元）", format_wan(f.investment.stated_total_fen),
                    "申请金额（万元）", format_wan(f.app.requested_fen)),
               row2("申请金额（大写）", "人民币" + uppercase_rmb(f.app.requested_fen)),
               row2("项目简介", f.app.summary + f.project.content)};
  flow.heading("二、项目基本情况");
  flow.table(proj, 14);
  flow.page_break();

  flow.heading("三、申报单位承诺");
  flow.para(
      "本单位郑重承诺：所提交的申报材料及相关附件内容真实、准确、完整，复印件与原件一致；申报项目未"
      "获得区级财政配套资金或奖励，"
      "未因同一事项重复申报其他区级扶持政策；本单位信用状况良好，未被列入严重失信主体名单。如有虚假"
      "，本单位愿意承担相应的法律责任，"
      "并接受有关部门依法依规作出的处理。");
  flow.para("本单位同意区数据局及相关部门对申报材料进行核查，并按规定对拟支持项目进行公示。");
  flow.space(30);
  flow.line("法定代表人（签字）：" + f.company.legal_rep, Font{c.body_family, 12, false},
            Align::kRight, 6);
  signature_block(flow, c, "申报单位（盖章）：", f.app.date.cn(), Font{c.body_family, 12, false});
  const std::string family = c.body_family;
  flow.decorate([family](Painter& p, int page, int pages) {
    if (page > 1)
      p.text(p.width() / 2, p.height() - mm(15),
             std::to_string(page - 1) + " / " + std::to_string(pages - 1), Font{family, 9, false},
             TextOpts{Align::kCenter});
  });
  if (c.edge_seal && c.company_seal)
    flow.decorate(edge_seal_decoration(company_seal(c, 9), kA4Height * 0.55));
  return flow.finish();
}

// ---------------------------------------------------------------------------------------
// 街镇初审意见表

DocDraft draw_street_approval(const DrawContext& c) {
  const Facts& f = c.f();
  const std::string family = c.body_family;
  const bool company_sealed = c.company_seal;
  const SealSpec cseal = company_seal(c, 2);
  const SealSpec town = other_seal(f.street.government, "", c.seed + 40, 42);
  const std::string name = c.name(), code = c.uscc(), label = uscc_label(c);
  const double j1 = c.jitter(-10, 10, 11), j2 = c.jitter(-8, 8, 12);
  PageDraft page;
  page.paint = [=, &f](Painter& p) {
    const double x = mm(22), w = p.width() - mm(44);
    double y = mm(26);
    p.text(p.width() / 2, y, "松江区产业专项补贴项目街镇初审意见表", Font{family, 18, true},
           TextOpts{Align::kCenter});
    y += 40;
    p.text(x, y, "专项名称：松江区智算服务业专项支持", Font{family, 10.5, false});
    p.text(x + w, y, "填表日期：" + f.street.date.cn(), Font{family, 10.5, false},
           TextOpts{Align::kRight});
    y += 22;
    TableSpec t;
    t.col_widths = {w * 0.2, w * 0.32, w * 0.16, w * 0.32};
    t.font = Font{family, 10.5, false};
    t.header_rows = 0;
    t.outer_thick = true;
    t.min_row_height = 30;
    auto row2 = [](std::string a, std::string b) {
      return TableRow{{a, Align::kCenter, true}, {b, Align::kLeft, false, 3}};
    };
    t.rows = {row2("项目名称", f.app.project_name), row2("申报单位", name),
              TableRow{{label, Align::kCenter, true},
                       {code},
                       {"联系人", Align::kCenter, true},
                       {f.company.contact + " " + f.company.phone}},
              row2("注册地址", f.company.address)};
    if (f.category_stated) {
      t.rows.push_back(row2("申报类别", f.app.category_text));
      t.rows.push_back(row2("申请金额", format_wan(f.app.requested_fen) + "万元"));
    }
    y += p.table(t, x, y);
    // Two tall cells: the company's commitment and the town's opinion.
    const double lw = w * 0.2;
    const double h1 = 150, h2 = 230;
    p.rect(x, y, w, h1, 0.6);
    p.line(x + lw, y, x + lw, y + h1);
    p.text(x + lw / 2, y + h1 / 2 - 8, "申报单位意见", Font{family, 10.5, true},
           TextOpts{Align::kCenter});
    TextOpts o;
    o.width = w - lw - 16;
    o.line_spacing = 1.4;
    p.text(x + lw + 8, y + 10,
           "本单位承诺所填内容及提交材料真实有效，项目实施地位于松江区，并对申报材料的真实性负责。",
           Font{family, 10.5, false}, o);
    p.text(x + w - 16, y + h1 - 62, "单位（盖章）：", Font{family, 10.5, false},
           TextOpts{Align::kRight});
    p.text(x + w - 16, y + h1 - 34, f.street.date.plus_days(-1).cn(), Font{family, 10.5, false},
           TextOpts{Align::kRight});
    if (company_sealed) p.seal(cseal, x + w - 80 + j1, y + h1 - 58 + j2);
    y += h1;
    p.rect(x, y, w, h2, 0.6);
    p.line(x + lw, y, x + lw, y + h2);
    p.text(x + lw / 2, y + h2 / 2 - 16, "街镇初审意见", Font{family, 10.5, true},
           TextOpts{Align::kCenter});
    p.text(x + lw + 8, y + 12, f.street.opinion, Font{family, 11, false}, o);
    p.text(x + lw + 8, y + h2 - 62, "经办人：" + f.street.handler, Font{family, 10.5, false});
    p.text(x + w - 16, y + h2 - 62, "（盖章）", Font{family, 10.5, false}, TextOpts{Align::kRight});
    p.text(x + w - 16, y + h2 - 34, f.street.date.cn(), Font{family, 10.5, false},
           TextOpts{Align::kRight});
    if (company_sealed) p.seal(town, x + w - 95 - j2, y + h2 - 60 + j1);
    p.line(x, y + h2, x + w, y + h2, 1.3);
    y += h2 + 14;
    TextOpts note;
    note.width = w;
    p.text(x, y,
           "注：1. 本表由项目申报单位所在街镇（园区）填写初审意见并加盖公章；2. "
           "本表一式两份，街镇及区数据局各留存一份。",
           Font{family, 9, false}, note);
  };
  DocDraft d;
  d.pages.push_back(std::move(page));
  return d;
}

// ---------------------------------------------------------------------------------------
// 荣誉证书 (landscape)

DocDraft draw_honor(const DrawContext& c) {
  const Facts& f = c.f();
  const SealSpec seal = other_seal(f.honor.issuer, "", c.seed + 50, 44);
  const bool sealed = c.company_seal;
  const std::string family = c.body_family;
  const std::string name = c.name();
  PageDraft page;
  page.width = kA4Height;
  page.height = kA4Width;
  page.paint = [=, &f](Painter& p) {
    const Rgb gold{0.72, 0.55, 0.2}, red{0.7, 0.1, 0.1};
    p.fill_rect(0, 0, p.width(), p.height(), Rgb{0.99, 0.97, 0.92});
    p.rect(mm(10), mm(10), p.width() - mm(20), p.height() - mm(20), 3, gold);
    p.rect(mm(14), mm(14), p.width() - mm(28), p.height() - mm(28), 0.8, gold);
    for (int k = 0; k < 4; ++k) {
      const double cx = k % 2 ? p.width() - mm(22) : mm(22),
                   cy = k / 2 ? p.height() - mm(22) : mm(22);
      p.star(cx, cy, mm(4), gold);
    }
    TextOpts spaced{Align::kCenter};
    spaced.letter_spacing = 22;
    p.text(p.width() / 2, mm(32), "荣誉证书", Font{family, 40, true},
           TextOpts{spaced.align, -1, 1.0, 0, 22, false, red});
    const double x = mm(45), w = p.width() - mm(90);
    p.text(x, mm(70), name + "：", Font{family, 20, true});
    TextOpts o;
    o.width = w;
    o.indent = 40;
    o.line_spacing = 1.7;
    p.text(
        x, mm(88),
        "经评审，贵单位被认定为" + std::to_string(f.honor.date.y) + "年度" + f.honor.title + "。",
        Font{family, 18, false}, o);
    p.text(x, mm(112), "特发此证，以资鼓励。", Font{family, 18, false},
           TextOpts{Align::kLeft, w, 1.0, 40});
    p.text(x, p.height() - mm(32), "证书编号：" + f.honor.number, Font{family, 11, false});
    const double rx = p.width() - mm(60);
    p.text(rx, p.height() - mm(52), f.honor.issuer, Font{family, 16, false},
           TextOpts{Align::kCenter});
    p.text(rx, p.height() - mm(42), f.honor.date.cn_numerals(), Font{family, 16, false},
           TextOpts{Align::kCenter});
    if (sealed) p.seal(seal, rx, p.height() - mm(46));
  };
  DocDraft d;
  d.pages.push_back(std::move(page));
  return d;
}

// ---------------------------------------------------------------------------------------
// 红头文件: the bureau's notice of the call (no seal: a trap for seal detection)

DocDraft draw_red_notice(const DrawContext& c) {
  const Facts& f = c.f();
  FlowStyle st = base_style(c, 12);
  Flow flow(st);
  const std::string family = c.body_family;
  flow.block(150, [family](Painter& p, double x, double y, double w) {
    TextOpts o{Align::kCenter};
    o.letter_spacing = 6;
    o.colour = kHeaderRed;
    p.text(x + w / 2, y + 12, "上海市松江区数据局文件", Font{kSerif, 32, true}, o);
    p.text(x + w / 2, y + 86, "沪松数〔2025〕18号", Font{family, 14, false},
           TextOpts{Align::kCenter});
    p.line(x - 10, y + 116, x + w / 2 - 14, y + 116, 2.2, kHeaderRed);
    p.star(x + w / 2, y + 116, 9, kHeaderRed);
    p.line(x + w / 2 + 14, y + 116, x + w + 10, y + 116, 2.2, kHeaderRed);
  });
  flow.title("关于组织开展2025年度松江区智算服务业专项支持项目申报工作的通知", 16, 18);
  flow.line("各有关单位：", st.body, Align::kLeft, 6);
  flow.para(
      "为贯彻落实《松江区智算服务业专项支持实施细则》（沪松数〔2025〕16号），现将2025年度专项支持项"
      "目申报工作有关事项通知如下。");
  flow.heading("一、申报范围");
  flow.para(
      "在本区依法设立并具有独立承担民事责任能力的企事业单位，围绕通用大模型设计构建、专用细分模型研"
      "发应用、实用适配服务和自主安全四个方向开展的项目。");
  flow.heading("二、申报材料");
  flow.para(
      "项目申报书、工商营业执照复印件、街镇审批表、“信用中国”企业信用信息报告、上一年度审计报告、项"
      "目情况报告、项目投资明细表和印证材料、荣誉及符合奖励条件的证明材料等。申报材料均需加盖企业公"
      "章。");
  flow.heading("三、申报时间");
  flow.para("线上申报时间为2025年6月1日至6月30日，逾期不予受理。纸质材料一式两份报送至区数据局。");
  flow.space(30);
  flow.line("上海市松江区数据局", st.body, Align::kRight, 4);
  flow.line(f.app.date.plus_days(-30).cn(), st.body, Align::kRight, 4);
  flow.block(40, [family](Painter& p, double x, double y, double w) {
    p.line(x, y + 10, x + w, y + 10, 0.8);
    p.text(x + 6, y + 14, "上海市松江区数据局办公室", Font{family, 11, false});
    p.text(x + w - 6, y + 14, "2025年5月28日印发", Font{family, 11, false},
           TextOpts{Align::kRight});
    p.line(x, y + 34, x + w, y + 34, 0.8);
  });
  return flow.finish();
}

// ---------------------------------------------------------------------------------------
// A short letter

DocDraft draw_letter(const DrawContext& c, const std::string& title, const std::string& body) {
  const Facts& f = c.f();
  FlowStyle st = base_style(c, 13);
  Flow flow(st);
  flow.space(30);
  flow.title(title, 30);
  flow.line("上海市松江区数据局：", st.body, Align::kLeft, 10);
  flow.para(body);
  flow.para("特此证明。");
  flow.space(50);
  signature_block(flow, c, "", f.app.date.plus_days(-3).cn(), st.body);
  return flow.finish();
}

DocDraft draw_service_proof(const DrawContext& c) {
  const Facts& f = c.f();
  FlowStyle st = base_style(c, 13);
  Flow flow(st);
  const std::string customer = "上海茸北精密机械有限公司";
  flow.space(30);
  flow.title("服务成效证明", 30);
  flow.line("上海市松江区数据局：", st.body, Align::kLeft, 10);
  flow.para("兹证明，" + c.name() +
            "自2024年3月起为我单位提供智算资源调度、数据治理与应用开发服务，累计交付算力服务约" +
            std::to_string(1200 + f.app.date.d * 37) +
            "卡时，服务稳定可靠，有效提升了我单位研发效率，降低了生产运营成本。");
  flow.para("特此证明。");
  flow.space(40);
  const SealSpec seal = other_seal(customer, "", c.seed + 60, 42);
  const std::string date = f.app.date.plus_days(-9).cn();
  const bool sealed = c.company_seal;
  flow.block(118, [=](Painter& p, double x, double y, double w) {
    const double right = x + w - mm(6);
    p.text(right, y + 24, customer, st.body, TextOpts{Align::kRight});
    p.text(right, y + 54, date, st.body, TextOpts{Align::kRight});
    if (sealed) p.seal(seal, right - 70, y + 42);
  });
  return flow.finish();
}

}  // namespace samplegen
