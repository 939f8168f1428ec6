#include "pipeline/vision/seal.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <numbers>
#include <vector>

#include "pipeline/vision/colour.h"
#include "pipeline/vision/pix.h"

namespace shenbao {
namespace {

using vision_internal::hue_degrees;
using vision_internal::in_red_band;
using vision_internal::PixPtr;

struct BoxaDeleter {
  void operator()(Boxa* boxa) const {
    if (boxa != nullptr) boxaDestroy(&boxa);
  }
};
using BoxaPtr = std::unique_ptr<Boxa, BoxaDeleter>;

enum Ink : uint8_t { kNoInk = 0, kRed = 1, kBlue = 2 };

// The page reduced by block averaging, each pixel classified.
struct Reduced {
  int width = 0, height = 0;
  int factor = 1;             // full-resolution pixels per reduced pixel, each way
  double dpi = 75;            // effective resolution of the reduced image
  std::vector<uint8_t> ink;   // Ink per pixel
  std::vector<uint16_t> hue;  // degrees, for ink pixels
};

Reduced reduce_and_classify(const Image& page, const SealOptions& o) {
  Reduced red;
  const double work_dpi = o.work_dpi > 1 ? o.work_dpi : 75;
  red.factor = std::max(1, static_cast<int>(page.dpi / work_dpi));
  red.dpi = page.dpi / red.factor;
  const int f = red.factor;
  red.width = (page.width + f - 1) / f;
  red.height = (page.height + f - 1) / f;
  red.ink.assign(static_cast<size_t>(red.width) * red.height, kNoInk);
  red.hue.assign(red.ink.size(), 0);

  std::vector<uint32_t> sum_r(red.width), sum_g(red.width), sum_b(red.width), count(red.width);
  const size_t stride = static_cast<size_t>(page.width) * 3;
  for (int ry = 0; ry < red.height; ++ry) {
    std::fill(sum_r.begin(), sum_r.end(), 0);
    std::fill(sum_g.begin(), sum_g.end(), 0);
    std::fill(sum_b.begin(), sum_b.end(), 0);
    std::fill(count.begin(), count.end(), 0);
    const int y_end = std::min(page.height, (ry + 1) * f);
    for (int y = ry * f; y < y_end; ++y) {
      const uint8_t* p = page.pixels.data() + y * stride;
      int x = 0;
      for (int rx = 0; rx < red.width; ++rx) {
        const int x_end = std::min(page.width, x + f);
        uint32_t r = 0, g = 0, b = 0;
        for (; x < x_end; ++x, p += 3) {
          r += p[0];
          g += p[1];
          b += p[2];
        }
        sum_r[rx] += r;
        sum_g[rx] += g;
        sum_b[rx] += b;
        count[rx] += f;  // corrected below for the last, partial column
      }
    }
    if (page.width % f != 0) count[red.width - 1] = (y_end - ry * f) * (page.width % f);
    for (int rx = 0; rx < red.width; ++rx) {
      // Paper and black text fail the chroma test on the sums, without dividing.
      const uint32_t n = count[rx];
      const uint32_t mx_sum = std::max({sum_r[rx], sum_g[rx], sum_b[rx]});
      const uint32_t mn_sum = std::min({sum_r[rx], sum_g[rx], sum_b[rx]});
      if (mx_sum - mn_sum < static_cast<uint32_t>(std::max(1, o.min_chroma)) * n) continue;
      const int r = static_cast<int>(sum_r[rx] / n);
      const int g = static_cast<int>(sum_g[rx] / n);
      const int b = static_cast<int>(sum_b[rx] / n);
      const int mx = std::max({r, g, b});
      const int chroma = mx - std::min({r, g, b});
      if (chroma < o.min_chroma || chroma <= 0 || mx < o.min_value) continue;
      const double h = hue_degrees(r, g, b, mx, chroma);
      const size_t i = static_cast<size_t>(ry) * red.width + rx;
      if (in_red_band(h, o.red_hue_low, o.red_hue_high)) {
        red.ink[i] = kRed;
      } else if (h >= o.blue_hue_low && h < o.blue_hue_high) {
        red.ink[i] = kBlue;
      } else {
        continue;
      }
      red.hue[i] = static_cast<uint16_t>(h);
    }
  }
  return red;
}

PixPtr mask_pix(const Reduced& red, Ink which) {
  PixPtr pix(pixCreate(red.width, red.height, 1));
  if (!pix) return pix;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < red.height; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    const uint8_t* ink = red.ink.data() + static_cast<size_t>(y) * red.width;
    for (int x = 0; x < red.width; ++x) {
      if (ink[x] == which) SET_DATA_BIT(line, x);
    }
  }
  return pix;
}

// Removes long straight horizontal and vertical runs (rules, table grids) from the mask so
// that a seal stamped across a red rule stays a component of its own. A run may drift by
// line_tolerance_mm over its length (a slightly skewed scan). False when Leptonica fails.
bool remove_lines(PixPtr& mask, double dpi, const SealOptions& o) {
  const int length = std::max(3, static_cast<int>(std::lround(o.min_line_mm * dpi / 25.4)));
  const int tolerance =
      1 + 2 * std::max(0, static_cast<int>(std::lround(o.line_tolerance_mm * dpi / 25.4 / 2)));
  PixPtr thick_h(pixDilateBrick(nullptr, mask.get(), 1, tolerance));
  PixPtr thick_v(pixDilateBrick(nullptr, mask.get(), tolerance, 1));
  if (!thick_h || !thick_v) return false;
  PixPtr horizontal(pixOpenCompBrick(nullptr, thick_h.get(), length, 1));
  PixPtr vertical(pixOpenCompBrick(nullptr, thick_v.get(), 1, length));
  if (!horizontal || !vertical) return false;
  PixPtr lines(pixOr(nullptr, horizontal.get(), vertical.get()));
  if (!lines) return false;
  PixPtr cleaned(pixSubtract(nullptr, mask.get(), lines.get()));
  if (!cleaned) return false;
  mask = std::move(cleaned);
  return true;
}

std::vector<uint8_t> mask_bytes(Pix* mask) {
  const int w = pixGetWidth(mask), h = pixGetHeight(mask);
  std::vector<uint8_t> out(static_cast<size_t>(w) * h);
  const l_uint32* data = pixGetData(mask);
  const int wpl = pixGetWpl(mask);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    uint8_t* row = out.data() + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; ++x) row[x] = GET_DATA_BIT(line, x) ? 1 : 0;
  }
  return out;
}

struct Candidate {
  int x = 0, y = 0, w = 0, h = 0;  // reduced pixels
  const char* shape = "circle";
  const char* colour = "red";
  double score = 0;
};

// The ellipse a component is tested against, in reduced-pixel continuous coordinates
// (pixel i covers [i, i + 1)).
struct Model {
  double cx = 0, cy = 0, a = 1, b = 1;
  bool part = false;  // a part circle cut by the image border
};

// Applies the ring tests to the ink of `mask` (1 per ink pixel) inside the box; returns the
// score, or a negative value when a test fails. `mean_hue` receives the ink's mean hue.
double ring_score(const Reduced& red, const std::vector<uint8_t>& mask, int bx, int by, int bw,
                  int bh, const Model& m, const SealOptions& o, double* mean_hue) {
  const int bins = std::max(8, o.angle_bins);
  std::vector<int> rim_bins(bins, 0);
  int64_t ink_total = 0, rim_ink = 0, rim_area = 0, inner_ink = 0, inner_area = 0, outside_ink = 0;
  double hue_x = 0, hue_y = 0;
  for (int y = by; y < by + bh; ++y) {
    const double dy = (y + 0.5 - m.cy) / m.b;
    const uint8_t* ink = mask.data() + static_cast<size_t>(y) * red.width;
    const uint16_t* hue = red.hue.data() + static_cast<size_t>(y) * red.width;
    for (int x = bx; x < bx + bw; ++x) {
      const double dx = (x + 0.5 - m.cx) / m.a;
      const double rho = std::sqrt(dx * dx + dy * dy);
      const bool is_ink = ink[x] != 0;
      const bool in_rim = rho >= o.rim_inner && rho <= o.rim_outer;
      // A part circle may have lost its centre (the star) beyond the border; its inside is
      // then the whole interior up to the rim (the text band).
      const bool in_inner = rho < (m.part ? o.rim_inner : o.inner_radius);
      rim_area += in_rim;
      inner_area += in_inner;
      if (!is_ink) continue;
      ++ink_total;
      const double rad = hue[x] * std::numbers::pi / 180.0;
      hue_x += std::cos(rad);
      hue_y += std::sin(rad);
      if (in_rim) {
        ++rim_ink;
        const double angle = std::atan2(dy, dx) + std::numbers::pi;  // 0..2π
        const int k = std::min(bins - 1, static_cast<int>(angle / (2 * std::numbers::pi) * bins));
        ++rim_bins[k];
      } else if (in_inner) {
        ++inner_ink;
      } else if (rho > o.outside_radius) {
        ++outside_ink;
      }
    }
  }
  double h = std::atan2(hue_y, hue_x) * 180.0 / std::numbers::pi;
  if (h < 0) h += 360.0;
  *mean_hue = h;
  if (ink_total == 0 || rim_area == 0 || inner_area == 0) return -1;

  // Coverage over the sectors whose rim lies inside the image.
  int visible = 0, covered = 0;
  for (int k = 0; k < bins; ++k) {
    const double angle = (k + 0.5) / bins * 2 * std::numbers::pi - std::numbers::pi;
    const double px = m.cx + m.a * std::cos(angle);
    const double py = m.cy + m.b * std::sin(angle);
    if (m.part && (px < 0.5 || px > red.width - 0.5 || py < 0.5 || py > red.height - 0.5)) {
      continue;
    }
    ++visible;
    covered += rim_bins[k] > 0;
  }
  if (visible < o.min_visible_bins) return -1;
  const double coverage = static_cast<double>(covered) / visible;
  const double outside_share = static_cast<double>(outside_ink) / ink_total;
  const double rim_density = static_cast<double>(rim_ink) / rim_area;
  const double inner_density = static_cast<double>(inner_ink) / inner_area;
  const double ring_ratio = inner_density > 0 ? rim_density / inner_density : 0;

  if (coverage < o.min_rim_coverage) return -1;
  if (outside_share > o.max_outside_share) return -1;
  const double max_inner = m.part ? o.max_inner_density_part : o.max_inner_density;
  if (inner_density < o.min_inner_density || inner_density > max_inner) return -1;
  const double min_ratio = m.part ? o.min_ring_ratio_part : o.min_ring_ratio;
  if (ring_ratio < min_ratio) return -1;

  // How far each measure clears its threshold, 0..1; the score is 0.5 at the thresholds.
  auto clamp01 = [](double v) { return std::clamp(v, 0.0, 1.0); };
  const double m_cov =
      clamp01((coverage - o.min_rim_coverage) / std::max(1e-9, 1 - o.min_rim_coverage));
  const double m_out = clamp01(1 - outside_share / std::max(1e-9, o.max_outside_share));
  const double m_ratio = clamp01((ring_ratio - min_ratio) / std::max(1e-9, min_ratio));
  const double m_inner =
      clamp01((inner_density - o.min_inner_density) / std::max(1e-9, 3 * o.min_inner_density));
  return 0.5 + 0.5 * (m_cov + m_out + m_ratio + m_inner) / 4;
}

// Tests one component's box (reduced pixels) and appends it to `out` when it is a seal.
void test_component(const Reduced& red, const std::vector<uint8_t>& ink, Ink which, int x, int y,
                    int w, int h, const SealOptions& o, std::vector<Candidate>& out) {
  const double mm_per_px = 25.4 / red.dpi;
  const double w_mm = w * mm_per_px, h_mm = h * mm_per_px;
  if (std::max(w_mm, h_mm) < o.min_diameter_mm * 0.5) return;  // cheap early exit

  const bool at_left = x <= 0, at_right = x + w >= red.width;
  Model model;
  const char* shape = "circle";
  if (o.detect_edge_seals && at_left != at_right && w < 0.98 * h) {
    // A part circle cut by the border: its height is the diameter.
    const double fraction = static_cast<double>(w) / h;
    if (h_mm < o.min_diameter_mm || h_mm > o.max_diameter_mm) return;
    if (fraction < o.min_edge_fraction) return;
    model.a = model.b = h / 2.0;
    model.cy = y + h / 2.0;
    model.cx = at_right ? x + model.a : x + w - model.a;
    model.part = true;
    shape = fraction < o.max_edge_fraction ? "half" : "circle";
  } else {
    const double major = std::max(w_mm, h_mm), minor = std::min(w_mm, h_mm);
    if (major < o.min_diameter_mm || major > o.max_diameter_mm) return;
    if (minor < o.min_minor_mm || major / minor > o.max_aspect) return;
    model.a = w / 2.0;
    model.b = h / 2.0;
    model.cx = x + model.a;
    model.cy = y + model.b;
    shape = major / minor >= o.ellipse_aspect ? "ellipse" : "circle";
  }
  double mean_hue = 0;
  const double score = ring_score(red, ink, x, y, w, h, model, o, &mean_hue);
  if (score < 0) return;
  Candidate c;
  c.x = x;
  c.y = y;
  c.w = w;
  c.h = h;
  c.shape = shape;
  c.colour = which == kRed ? "red" : (mean_hue >= o.purple_hue_from ? "other" : "blue");
  c.score = score;
  out.push_back(c);
}

void find_in_mask(const Reduced& red, Ink which, const SealOptions& o,
                  std::vector<Candidate>& out) {
  PixPtr mask = mask_pix(red, which);
  if (!mask) return;
  if (o.min_line_mm > 0 && !remove_lines(mask, red.dpi, o)) return;
  const std::vector<uint8_t> ink = mask_bytes(mask.get());
  const double mm_per_px = 25.4 / red.dpi;
  // Two closings: the narrow one keeps a seal apart from red ink nearby, the wide one
  // rejoins a worn ring broken into arcs. Both candidates are tested; the caller keeps one.
  for (const double closing_mm : {o.closing_mm, o.wide_closing_mm}) {
    if (closing_mm <= 0) continue;
    const int brick = std::max(1, static_cast<int>(std::lround(closing_mm / mm_per_px)));
    // A closing by a square leaves one-pixel diagonal seams where two arcs meet at a slant;
    // a 3 × 3 dilation afterwards joins them (boxes are shrunk back by one pixel).
    PixPtr closed(pixCloseSafeCompBrick(nullptr, mask.get(), brick, brick));
    if (!closed) return;
    closed.reset(pixDilateBrick(nullptr, closed.get(), 3, 3));
    if (!closed) return;
    BoxaPtr boxa(pixConnComp(closed.get(), nullptr, 8));
    if (!boxa) return;
    const int n = boxaGetCount(boxa.get());
    for (int i = 0; i < n; ++i) {
      int x, y, w, h;
      if (boxaGetBoxGeometry(boxa.get(), i, &x, &y, &w, &h) != 0) continue;
      // Undo the 3 × 3 dilation, except at the image border where it was clipped.
      const int x_end = x + w < red.width ? x + w - 1 : x + w;
      const int y_end = y + h < red.height ? y + h - 1 : y + h;
      x = x > 0 ? x + 1 : x;
      y = y > 0 ? y + 1 : y;
      w = x_end - x;
      h = y_end - y;
      if (w <= 0 || h <= 0) continue;
      test_component(red, ink, which, x, y, w, h, o, out);
    }
  }
}

// Share of the smaller box covered by the intersection.
double overlap(const Candidate& a, const Candidate& b) {
  const int ix = std::max(0, std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x));
  const int iy = std::max(0, std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y));
  const double smaller = std::min(static_cast<double>(a.w) * a.h, static_cast<double>(b.w) * b.h);
  return smaller > 0 ? ix * iy / smaller : 0;
}

}  // namespace

std::vector<Seal> detect_seals(const Image& page, const SealOptions& options) {
  std::vector<Seal> seals;
  if (page.channels != 3 || page.width <= 0 || page.height <= 0 || page.dpi <= 0) return seals;
  if (page.pixels.size() < static_cast<size_t>(page.width) * page.height * 3) return seals;

  const Reduced red = reduce_and_classify(page, options);
  std::vector<Candidate> candidates;
  find_in_mask(red, kRed, options, candidates);
  find_in_mask(red, kBlue, options, candidates);

  // One seal per place: of overlapping candidates the largest, so that a whole seal (the
  // wide closing's box) wins over a fragment of it (the narrow one's).
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    const int area_a = a.w * a.h, area_b = b.w * b.h;
    return area_a != area_b ? area_a > area_b : a.score > b.score;
  });
  std::vector<Candidate> kept;
  for (const Candidate& c : candidates) {
    bool clash = false;
    for (const Candidate& k : kept) clash = clash || overlap(c, k) > 0.5;
    if (!clash) kept.push_back(c);
  }
  std::sort(kept.begin(), kept.end(), [](const Candidate& a, const Candidate& b) {
    return a.y != b.y ? a.y < b.y : a.x < b.x;
  });

  const int f = red.factor;
  for (const Candidate& c : kept) {
    Seal s;
    s.box.x0 = c.x * f;
    s.box.y0 = c.y * f;
    s.box.x1 = std::min(page.width, (c.x + c.w) * f);
    s.box.y1 = std::min(page.height, (c.y + c.h) * f);
    s.shape = c.shape;
    s.colour = c.colour;
    s.score = c.score;
    seals.push_back(s);
  }
  return seals;
}

}  // namespace shenbao
