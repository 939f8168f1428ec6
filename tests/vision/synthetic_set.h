// A synthetic evaluation set for seal detection: pages drawn from a seed, each with the
// seals it truly carries, and a scorer (precision/recall by box overlap).
//
// Scene kinds, cycled by index: a company seal over body text; a 红头文件 with a seal; a
// 红头文件 without; an invoice (brown-red grid) with an oval seal; part seals at the left or
// right edge (骑缝章); red table grids; logos, square frames, pen circles and red notes; a blue
// seal; plain text; two seals on one page; a tilted scan with a seal; big red characters.
// Positions, sizes, rotation, wear, ink strength, noise and colour shade vary with the seed.
//
// Header-only test support; not thread-safe.
#pragma once

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "tests/vision/page_drawing.h"

namespace vision_test {

struct TruthSeal {
  double x0, y0, x1, y1;  // mm, the visible part of the ring's box
  std::string shape;      // "circle" | "ellipse" | "half"
  std::string colour;     // "red" | "blue"
};

struct Scene {
  std::string kind;
  shenbao::Image image;
  std::vector<TruthSeal> seals;
};

inline constexpr int kSceneKinds = 12;

inline Scene make_scene(int index, double dpi) {
  std::mt19937 rng(1000 + index);
  auto uni = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  static const char* kNames[] = {"上海星河数据科技有限公司", "上海松江智能制造有限公司",
                                 "上海九亭软件信息技术有限公司", "上海云间工业互联网科技有限公司"};
  auto style = [&](Rgb colour) {
    SealStyle s;
    // Scanned seal inks run from deep red to a faded pink.
    const double fade = uni(0, 0.5);
    s.colour = {colour.r + (1 - colour.r) * fade * 0.5, colour.g + (1 - colour.g) * fade,
                colour.b + (1 - colour.b) * fade};
    s.alpha = uni(0.7, 0.95);
    s.wear = uni(0.0, 0.4);
    s.rotation_deg = uni(-30, 30);
    s.seed = static_cast<unsigned>(index * 7 + 1);
    return s;
  };
  auto circle_truth = [](double cx, double cy, double d, const char* colour) {
    return TruthSeal{cx - d / 2, cy - d / 2, cx + d / 2, cy + d / 2, "circle", colour};
  };

  Scene scene;
  const int kind = index % kSceneKinds;
  const double tilt = kind == 10 ? uni(-2, 2) : 0;
  PageCanvas page(dpi, tilt);
  switch (kind) {
    case 0: {
      scene.kind = "company seal over text";
      page.body_text(25, 30, 28);
      const double d = uni(38, 45), cx = uni(40, 170), cy = uni(60, 250);
      page.company_seal(cx, cy, d, kNames[pick(4)], style(kSealRed), pick(2) ? "合同专用章" : "");
      scene.seals.push_back(circle_truth(cx, cy, d, "red"));
      break;
    }
    case 1:
    case 2: {
      scene.kind = kind == 1 ? "red header with seal" : "red header";
      const double size = uni(14, 26);
      page.text(18, 22, "上海市松江区数据局文件", size, kTitleRed, true, uni(0, 2));
      if (pick(2)) page.text(18, 24 + size * 1.3, "松江区经济委员会", size, kTitleRed, true, 2);
      const double rule_y = 30 + size * (pick(2) ? 2.6 : 1.3);
      page.rule(15, rule_y, 195, rule_y, uni(0.5, 1.5), kTitleRed);
      page.body_text(25, rule_y + 10, 18);
      if (kind == 1) {
        const double d = uni(40, 44), cx = uni(120, 170), cy = uni(rule_y + 160, 270);
        page.text(cx - 25, cy - 5, "二〇二四年三月十五日", 4.2, kBlack);
        page.company_seal(cx, cy, d, "上海市松江区数据局", style(kSealRed));
        scene.seals.push_back(circle_truth(cx, cy, d, "red"));
      }
      break;
    }
    case 3: {
      scene.kind = "invoice with oval seal";
      const Rgb brown{0.62, 0.30, 0.22};
      page.text(60, 15, "上海增值税电子普通发票", 8, brown, true);
      page.table(15, 35, 180, 90, 6, 4, brown);
      const double w = uni(38, 42), h = uni(27, 30), cx = uni(120, 170), cy = uni(100, 250);
      SealStyle s = style(kSealRed);
      s.rotation_deg = uni(-4, 4);
      page.invoice_seal(cx, cy, w, h, kNames[pick(4)], "91310117MA1FL8XQ3K", s);
      const double t = s.rotation_deg * std::numbers::pi / 180;
      const double hw = std::hypot(w / 2 * std::cos(t), h / 2 * std::sin(t));
      const double hh = std::hypot(w / 2 * std::sin(t), h / 2 * std::cos(t));
      scene.seals.push_back({cx - hw, cy - hh, cx + hw, cy + hh, "ellipse", "red"});
      break;
    }
    case 4: {
      scene.kind = "edge seals";
      page.body_text(25, 30, 28);
      const double d = uni(40, 44), visible = uni(0.3, 0.85) * d;
      const bool right = pick(2);
      const double cy = uni(40, 250);
      const double cx = right ? kA4WidthMm - visible + d / 2 : visible - d / 2;
      page.company_seal(cx, cy, d, kNames[pick(4)], style(kSealRed));
      TruthSeal t = circle_truth(cx, cy, d, "red");
      t.x0 = std::max(0.0, t.x0);
      t.x1 = std::min(kA4WidthMm, t.x1);
      t.shape = "half";
      scene.seals.push_back(t);
      break;
    }
    case 5: {
      scene.kind = "red tables";
      page.body_text(25, 20, 4);
      page.table(20, 60, uni(120, 175), uni(60, 120), 2 + pick(8), 2 + pick(4), kTitleRed);
      const double side = uni(28, 48);
      page.table(30, 200, side, side * uni(0.8, 1.2), 2, 2, kTitleRed);
      page.table(120, 200, uni(30, 60), uni(20, 40), 1 + pick(3), 1 + pick(3), kTitleRed);
      break;
    }
    case 6: {
      scene.kind = "logos, frames, pen circles";
      page.body_text(25, 60, 20);
      page.disc_logo(30, 25, uni(8, 16), kTitleRed);
      page.disc_logo(uni(60, 150), 250, uni(30, 45), kTitleRed);
      page.square_frame(150, 10, uni(30, 45), kTitleRed);
      // A reviewer's red pen circle around a figure: a ring with nothing red inside.
      page.pen_circle(uni(40, 160), uni(80, 200), uni(32, 44), kTitleRed);
      page.red_note(uni(20, 90), uni(220, 235), kTitleRed);
      break;
    }
    case 7: {
      scene.kind = "blue seal";
      page.body_text(25, 30, 28);
      const double d = uni(38, 45), cx = uni(40, 170), cy = uni(60, 250);
      page.company_seal(cx, cy, d, kNames[pick(4)], style(kSealBlue));
      scene.seals.push_back(circle_truth(cx, cy, d, "blue"));
      break;
    }
    case 8: {
      scene.kind = "plain text";
      page.body_text(25, 30, 30);
      break;
    }
    case 9: {
      scene.kind = "two seals";
      page.body_text(25, 30, 28);
      const double d1 = uni(40, 44), d2 = uni(38, 44);
      const double cy = uni(200, 255);
      const double cx1 = uni(40, 70), cx2 = uni(130, 170), cy2 = cy + uni(-10, 10);
      page.company_seal(cx1, cy, d1, kNames[0], style(kSealRed));
      page.company_seal(cx2, cy2, d2, kNames[1], style(kSealRed), "合同专用章");
      scene.seals.push_back(circle_truth(cx1, cy, d1, "red"));
      scene.seals.push_back(circle_truth(cx2, cy2, d2, "red"));
      break;
    }
    case 10: {
      // A crooked scan: the seal's centre turns with the page about the page's centre.
      scene.kind = "tilted scan with seal";
      page.body_text(25, 30, 28);
      const double d = uni(38, 45), cx = uni(40, 170), cy = uni(60, 250);
      page.company_seal(cx, cy, d, kNames[pick(4)], style(kSealRed));
      const double t = tilt * std::numbers::pi / 180, mx = kA4WidthMm / 2, my = kA4HeightMm / 2;
      const double rx = mx + (cx - mx) * std::cos(t) - (cy - my) * std::sin(t);
      const double ry = my + (cx - mx) * std::sin(t) + (cy - my) * std::cos(t);
      scene.seals.push_back(circle_truth(rx, ry, d, "red"));
      break;
    }
    case 11: {
      // Big red characters (a certificate's or poster's title) and a paragraph of red text.
      scene.kind = "big red characters";
      static const char* kBig[] = {"国", "回", "局", "文", "件", "〇", "图", "品", "田", "囍"};
      const double size = uni(28, 42);
      page.text(uni(10, 60), uni(10, 40), std::string(kBig[pick(10)]) + kBig[pick(10)], size,
                kTitleRed, true, uni(0, 6));
      page.text(uni(10, 120), uni(90, 150), kBig[pick(10)], uni(30, 45), kTitleRed, pick(2));
      for (int i = 0; i < 6; ++i) {
        page.text(25, 200 + i * 5.2,
                  "经审核，该企业申报材料齐全，符合松江区产业专项补贴条件，同意上报。", 4.4,
                  kTitleRed);
      }
      break;
    }
  }
  page.scan_noise(static_cast<int>(uni(0, 12)), static_cast<unsigned>(index));
  scene.image = page.image();
  return scene;
}

struct Score {
  int truth = 0, found = 0, matched = 0, shape_right = 0, colour_right = 0;
  double precision() const { return found ? static_cast<double>(matched) / found : 1; }
  double recall() const { return truth ? static_cast<double>(matched) / truth : 1; }
};

// Intersection over union of two boxes in mm.
inline double iou(const TruthSeal& t, const shenbao::Box& b) {
  const double ix = std::max(0.0, std::min(t.x1, b.x1) - std::max(t.x0, b.x0));
  const double iy = std::max(0.0, std::min(t.y1, b.y1) - std::max(t.y0, b.y0));
  const double inter = ix * iy;
  const double uni = (t.x1 - t.x0) * (t.y1 - t.y0) + b.width() * b.height() - inter;
  return uni > 0 ? inter / uni : 0;
}

// Adds one page's detections (boxes in pixels at `dpi`) to the score: a detection matches
// a true seal when their boxes overlap with IoU ≥ 0.5.
inline void score_page(const std::vector<TruthSeal>& truth, const std::vector<shenbao::Seal>& found,
                       double dpi, Score& score) {
  score.truth += static_cast<int>(truth.size());
  score.found += static_cast<int>(found.size());
  std::vector<bool> used(truth.size(), false);
  for (const shenbao::Seal& s : found) {
    const double k = 25.4 / dpi;
    const shenbao::Box mm{s.box.x0 * k, s.box.y0 * k, s.box.x1 * k, s.box.y1 * k};
    for (size_t i = 0; i < truth.size(); ++i) {
      if (used[i] || iou(truth[i], mm) < 0.5) continue;
      used[i] = true;
      ++score.matched;
      score.shape_right += truth[i].shape == s.shape;
      score.colour_right += truth[i].colour == s.colour;
      break;
    }
  }
}

}  // namespace vision_test
