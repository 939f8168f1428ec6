// 营业执照 (副本): guilloche border, code and QR at the top, the title, two columns of
// fields, the registration authority with its seal. An optional copy stamp ("与原件一致"
// with the company seal) as applicants put on photocopies.
#include <cmath>

#include "draw_util.h"
#include "numbers.h"

namespace samplegen {

namespace {

// A band of interleaved sine waves along the page border.
void guilloche_border(Painter& p, double inset, double band) {
  const Rgb colours[] = {{0.85, 0.55, 0.35}, {0.9, 0.7, 0.5}, {0.8, 0.45, 0.4}};
  const double W = p.width(), H = p.height();
  for (int k = 0; k < 6; ++k) {
    const double phase = k * 0.9;
    const double amp = band * 0.42;
    // Each side as its own wavy polyline.
    for (int side = 0; side < 4; ++side) {
      std::vector<double> xs, ys;
      const double len = side % 2 == 0 ? W - 2 * inset : H - 2 * inset;
      for (double t = 0; t <= len; t += 2.0) {
        const double off =
            band / 2 + amp * std::sin(t / 9.0 + phase) * std::cos(t / 53.0 + phase / 2);
        double x, y;
        switch (side) {
          case 0:
            x = inset + t;
            y = inset + off;
            break;
          case 1:
            x = W - inset - off;
            y = inset + t;
            break;
          case 2:
            x = inset + t;
            y = H - inset - off;
            break;
          default:
            x = inset + off;
            y = inset + t;
            break;
        }
        xs.push_back(x);
        ys.push_back(y);
      }
      p.polyline(xs, ys, 0.5, colours[k % 3], 0.8);
    }
  }
  p.rect(inset, inset, W - 2 * inset, H - 2 * inset, 1.2, Rgb{0.75, 0.4, 0.3});
  p.rect(inset + band, inset + band, W - 2 * (inset + band), H - 2 * (inset + band), 0.8,
         Rgb{0.75, 0.4, 0.3});
}

}  // namespace

DocDraft draw_business_license(const DrawContext& c, bool copy_stamp) {
  const Facts& f = c.f();
  const Company& co = f.company;
  const std::string name = c.name(), code = c.uscc();
  const SealSpec authority = other_seal(co.authority, "", c.seed + 20, 42);
  const SealSpec cseal = company_seal(c, 3);
  const bool stamp = copy_stamp && c.company_seal;
  const std::string family = c.variant % 2 ? kSerif : kSans;
  const double sx = c.jitter(-20, 20, 21), sy = c.jitter(-20, 20, 22);
  PageDraft page;
  page.paint = [=, &f](Painter& p) {
    const Company& co2 = f.company;
    p.fill_rect(0, 0, p.width(), p.height(), Rgb{1.0, 0.985, 0.96});
    guilloche_border(p, mm(9), mm(9));
    const double left = mm(26), right = p.width() - mm(26);
    // Code at the top left, QR code at the top right.
    p.text(left, mm(27), "统一社会信用代码", Font{family, 10, false});
    p.text(left, mm(32), code, Font{kSans, 13, true});
    p.qr_like(right - mm(24), mm(24), mm(24), c.seed + 3);
    TextOpts small;
    small.width = mm(36);
    small.align = Align::kCenter;
    p.text(right - mm(30), mm(49),
           "扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息。",
           Font{family, 5.5, false}, small);
    // Title.
    TextOpts title{Align::kCenter};
    title.letter_spacing = 26;
    p.text(p.width() / 2 + 13, mm(56), "营业执照", Font{kSerif, 40, true}, title);
    p.text(p.width() / 2, mm(75), "（副　本）", Font{kSerif, 14, false}, TextOpts{Align::kCenter});
    p.text(p.width() / 2, mm(82), "副本编号：1-1", Font{family, 9, false},
           TextOpts{Align::kCenter});

    const Font lab{kSerif, 11.5, true};
    const Font val{family, 11, false};
    const double lx = left, vx = left + mm(24), vw = mm(64);
    const double rx = p.width() / 2 + mm(8), rvx = rx + mm(21), rvw = right - rvx;
    double y = mm(96);
    auto field = [&](double x, double vxx, double w, double yy, const std::string& k,
                     const std::string& v) {
      p.text(x, yy, k, lab);
      TextOpts o;
      o.width = w;
      o.line_spacing = 1.35;
      return p.text(vxx, yy, v, val, o);
    };
    double yl = y;
    yl += field(lx, vx, vw, yl, "名　　称", name) + 12;
    yl += field(lx, vx, vw, yl, "类　　型", co2.type) + 12;
    yl += field(lx, vx, vw, yl, "法定代表人", co2.legal_rep) + 12;
    field(lx, vx, vw, yl, "经营范围", co2.business_scope);
    double yr = y;
    yr +=
        field(rx, rvx, rvw, yr, "注册资本", "人民币" + uppercase_rmb(co2.registered_capital_fen)) +
        12;
    yr += field(rx, rvx, rvw, yr, "成立日期", co2.founded.cn_padded()) + 12;
    yr += field(rx, rvx, rvw, yr, "住　　所", co2.address) + 12;

    // Registration authority, its seal over the date.
    const double ax = right - mm(30), ay = p.height() - mm(62);
    p.text(ax - mm(32), ay, "登记机关", Font{kSerif, 13, true});
    const Date d = co2.license_issued;
    char date[64];
    std::snprintf(date, sizeof date, "%d 年 %02d 月 %02d 日", d.y, d.m, d.d);
    p.text(ax, ay + mm(14), date, Font{family, 11, false}, TextOpts{Align::kCenter});
    p.seal(authority, ax, ay + mm(4));

    TextOpts foot{Align::kCenter};
    p.text(p.width() / 2, p.height() - mm(32),
           "国家企业信用信息公示系统网址：https://www.gsxt.gov.cn", Font{family, 8, false}, foot);
    p.text(p.width() / 2, p.height() - mm(28),
           "市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告",
           Font{family, 7.5, false}, foot);
    p.text(p.width() / 2, p.height() - mm(23.5), "国家市场监督管理总局监制", Font{family, 8, false},
           foot);

    if (stamp) {
      TextOpts o{Align::kCenter};
      o.colour = Rgb{0.15, 0.2, 0.55};
      p.text(p.width() * 0.5 + sx, p.height() * 0.55 + sy, "复印件与原件一致",
             Font{kZenHei, 16, true}, o);
      p.seal(cseal, p.width() * 0.5 + sx + 20, p.height() * 0.55 + sy + 10);
    }
  };
  DocDraft draft;
  draft.pages.push_back(std::move(page));
  return draft;
}

}  // namespace samplegen
