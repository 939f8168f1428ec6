#include "painter.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

#include "rng.h"

namespace samplegen {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kSealPixelsPerPoint = 150.0 / 72.0;  // seal rasters at 150 dpi

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;

struct CairoDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using CairoPtr = std::unique_ptr<cairo_t, CairoDeleter>;

// A layout with metric hinting off and absolute font size, so metrics do not depend on the
// target's resolution.
LayoutPtr make_layout(cairo_t* cr, std::string_view s, const Font& f, const TextOpts& o) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  PangoContext* ctx = pango_layout_get_context(layout.get());
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(ctx, fo);
  cairo_font_options_destroy(fo);
  pango_layout_context_changed(layout.get());

  // Bold text is set in WenQuanYi Zen Hei (黑体, emboldened): Chinese documents put their
  // headings in 黑体, and a TrueType face costs a PDF only the glyphs it uses, where every
  // Noto CJK (CFF) face adds ~50 KB of subroutines whatever it draws.
  PangoFontDescription* fd = pango_font_description_new();
  pango_font_description_set_family(fd, f.bold ? kZenHei : f.family.c_str());
  pango_font_description_set_weight(fd, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(fd, f.size * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), fd);
  pango_font_description_free(fd);

  if (o.width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(o.width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), o.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                             : o.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                        : PANGO_ALIGN_LEFT);
    pango_layout_set_justify(layout.get(), o.justify);
  }
  if (o.indent != 0)
    pango_layout_set_indent(layout.get(), static_cast<int>(o.indent * PANGO_SCALE));
  if (o.line_spacing != 1.0)
    pango_layout_set_line_spacing(layout.get(), static_cast<float>(o.line_spacing));
  if (o.letter_spacing != 0) {
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(
        attrs, pango_attr_letter_spacing_new(static_cast<int>(o.letter_spacing * PANGO_SCALE)));
    pango_layout_set_attributes(layout.get(), attrs);
    pango_attr_list_unref(attrs);
  }
  pango_layout_set_text(layout.get(), s.data(), static_cast<int>(s.size()));
  return layout;
}

void set_colour(cairo_t* cr, Rgb c, double alpha = 1.0) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

// One glyph (or short string) centred at the origin of the current transformation.
void show_centred(cairo_t* cr, std::string_view s, const Font& f) {
  auto layout = make_layout(cr, s, f, {});
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout.get(), &ink, &logical);
  double w = logical.width / double(PANGO_SCALE);
  // Centre on the ink box vertically: CJK glyphs sit high in their logical box.
  double iy = ink.y / double(PANGO_SCALE), ih = ink.height / double(PANGO_SCALE);
  cairo_move_to(cr, -w / 2, -(iy + ih / 2));
  pango_cairo_show_layout(cr, layout.get());
}

std::vector<std::string> split_utf8(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

void star_path(cairo_t* cr, double cx, double cy, double r) {
  for (int k = 0; k < 10; ++k) {
    double rr = (k % 2 == 0) ? r : r * 0.382;
    double a = -kPi / 2 + k * kPi / 5;
    double x = cx + rr * std::cos(a), y = cy + rr * std::sin(a);
    if (k == 0)
      cairo_move_to(cr, x, y);
    else
      cairo_line_to(cr, x, y);
  }
  cairo_close_path(cr);
}

// Text along an ellipse (a, b): `top` runs clockwise over the top, glyphs upright outward;
// otherwise along the bottom, left to right, glyphs upright inward.
void arc_text(cairo_t* cr, const std::vector<std::string>& glyphs, double a, double b, double span,
              double glyph_h, bool top, const std::string& family) {
  const size_t n = glyphs.size();
  if (n == 0) return;
  const double step = span / static_cast<double>(n);
  const double r_mean = (a + b) / 2;
  Font f{family, glyph_h, true};
  const double sx = std::min(1.0, step * r_mean * 0.95 / glyph_h);
  for (size_t i = 0; i < n; ++i) {
    double t = top ? -kPi / 2 - span / 2 + step * (static_cast<double>(i) + 0.5)
                   : kPi / 2 + span / 2 - step * (static_cast<double>(i) + 0.5);
    double x = a * std::cos(t), y = b * std::sin(t);
    double normal = std::atan2(a * std::sin(t), b * std::cos(t));
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, top ? normal + kPi / 2 : normal - kPi / 2);
    cairo_scale(cr, sx, 1.0);
    show_centred(cr, glyphs[i], f);
    cairo_restore(cr);
  }
}

// The seal's coverage as an alpha-only (A8) raster at kSealPixelsPerPoint, ink texture
// applied. It is painted as a mask with the seal colour, so a PDF carries one small gray
// mask per seal instead of a colour image plus a soft mask.
SurfacePtr make_seal_surface(const SealSpec& s) {
  const double ppp = kSealPixelsPerPoint;
  const bool oval = s.height_mm > 0;
  const double dw = mm(s.diameter_mm) * ppp;
  const double dh = (oval ? mm(s.height_mm) : mm(s.diameter_mm)) * ppp;
  const int w = static_cast<int>(std::ceil(dw)) + 6, h = static_cast<int>(std::ceil(dh)) + 6;
  SurfacePtr surf(cairo_image_surface_create(CAIRO_FORMAT_A8, w, h));
  CairoPtr cr(cairo_create(surf.get()));
  cairo_translate(cr.get(), w / 2.0, h / 2.0);
  cairo_set_source_rgba(cr.get(), 0, 0, 0, 1.0);

  const double a = dw / 2, b = dh / 2;
  const double lw = dw * (oval ? 0.025 : 0.032);
  cairo_save(cr.get());
  cairo_scale(cr.get(), 1.0, b / a);
  cairo_arc(cr.get(), 0, 0, a - lw / 2, 0, 2 * kPi);
  cairo_restore(cr.get());
  cairo_set_line_width(cr.get(), lw);
  cairo_stroke(cr.get());

  const auto glyphs = split_utf8(s.rim_text);
  const size_t n = glyphs.size();
  if (!oval) {
    if (s.star) {
      star_path(cr.get(), 0, -0.01 * dw, 0.165 * dw);
      cairo_fill(cr.get());
    }
    const double gh = n > 16 ? 0.115 * dw : n > 12 ? 0.13 * dw : 0.145 * dw;
    const double rt = a - lw - 0.025 * dw - gh / 2;
    const double span = std::min(n > 12 ? 275.0 : 250.0, 24.0 * static_cast<double>(n)) * kPi / 180;
    arc_text(cr.get(), glyphs, rt, rt, span, gh, true, kSerif);
    if (!s.centre_text.empty()) {
      cairo_save(cr.get());
      cairo_translate(cr.get(), 0, 0.255 * dw);
      Font f{kSerif, 0.075 * dw, true};
      auto cg = split_utf8(s.centre_text);
      const double adv = 0.078 * dw;
      for (size_t i = 0; i < cg.size(); ++i) {
        cairo_save(cr.get());
        cairo_translate(cr.get(), (static_cast<double>(i) - (cg.size() - 1) / 2.0) * adv, 0);
        show_centred(cr.get(), cg[i], f);
        cairo_restore(cr.get());
      }
      cairo_restore(cr.get());
    }
    if (!s.code_text.empty()) {
      const auto cg = split_utf8(s.code_text);
      const double ch = 0.05 * dw;
      const double rc = a - lw - 0.02 * dw - ch / 2;
      arc_text(cr.get(), cg, rc, rc, std::min(80.0, 6.0 * cg.size()) * kPi / 180, ch, false, kSans);
    }
  } else {
    // 发票专用章: name over the top of the oval, the tax number straight across the middle,
    // the seal's kind along the bottom.
    const double gh = 0.12 * dh;
    const double at = a - lw - 0.03 * dw - gh / 2, bt = b - lw - 0.03 * dw - gh / 2;
    const double span = std::min(230.0, 18.0 * static_cast<double>(n)) * kPi / 180;
    arc_text(cr.get(), glyphs, at, bt, span, gh, true, kSerif);
    if (!s.code_text.empty()) {
      cairo_save(cr.get());
      cairo_scale(cr.get(), 0.8, 1.0);
      show_centred(cr.get(), s.code_text, Font{kSans, 0.085 * dh, true});
      cairo_restore(cr.get());
    }
    if (!s.centre_text.empty()) {
      cairo_save(cr.get());
      cairo_translate(cr.get(), 0, 0.28 * dh);
      show_centred(cr.get(), s.centre_text, Font{kSerif, 0.11 * dh, true});
      cairo_restore(cr.get());
    }
  }
  cr.reset();

  // Ink texture: a coarse random field (uneven pressure) times a finer one with a few weak
  // spots (paper grain, missed ink). Both smooth, so the raster still compresses well.
  cairo_surface_flush(surf.get());
  unsigned char* data = cairo_image_surface_get_data(surf.get());
  const int stride = cairo_image_surface_get_stride(surf.get());
  Rng rng(s.texture_seed * 0x9E3779B97F4A7C15ULL + 17);
  constexpr int kCoarse = 8, kFine = 34;
  std::vector<double> coarse((kCoarse + 1) * (kCoarse + 1)), fine((kFine + 1) * (kFine + 1));
  for (double& v : coarse) v = rng.real(0.7, 1.0);
  for (double& v : fine) v = rng.chance(0.16) ? rng.real(0.15, 0.6) : rng.real(0.88, 1.0);
  auto sample = [](const std::vector<double>& g, int n, double u, double v) {
    const double gx = u * n, gy = v * n;
    const int ix = std::min(n - 1, static_cast<int>(gx)),
              iy = std::min(n - 1, static_cast<int>(gy));
    const double fx = gx - ix, fy = gy - iy;
    auto at = [&](int x, int y) { return g[static_cast<size_t>(y * (n + 1) + x)]; };
    return at(ix, iy) * (1 - fx) * (1 - fy) + at(ix + 1, iy) * fx * (1 - fy) +
           at(ix, iy + 1) * (1 - fx) * fy + at(ix + 1, iy + 1) * fx * fy;
  };
  for (int y = 0; y < h; ++y) {
    unsigned char* px = data + y * stride;
    const double v = static_cast<double>(y) / h;
    for (int x = 0; x < w; ++x) {
      if (px[x] == 0) continue;
      const double u = static_cast<double>(x) / w;
      const double f =
          std::clamp(sample(coarse, kCoarse, u, v) * sample(fine, kFine, u, v), 0.0, 1.0);
      px[x] = static_cast<unsigned char>(std::lround(px[x] * f));
    }
  }
  cairo_surface_mark_dirty(surf.get());
  return surf;
}

}  // namespace

Painter::Painter(cairo_t* cr, double width, double height)
    : cr_(cr), width_(width), height_(height) {}

std::unique_ptr<Painter> Painter::measuring(double width, double height) {
  std::unique_ptr<Painter> p(new Painter());
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
  p->cr_ = cairo_create(s);
  cairo_surface_destroy(s);  // the context keeps a reference
  p->owns_cr_ = true;
  p->measure_only_ = true;
  p->width_ = width;
  p->height_ = height;
  return p;
}

Painter::~Painter() {
  if (owns_cr_) cairo_destroy(cr_);
}

double Painter::text(double x, double y, std::string_view s, const Font& f, const TextOpts& o) {
  auto layout = make_layout(cr_, s, f, o);
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  const double h = logical.height / double(PANGO_SCALE);
  if (measure_only_) return h;
  double dx = 0;
  if (o.width <= 0) {
    const double w = logical.width / double(PANGO_SCALE);
    if (o.align == Align::kCenter) dx = -w / 2;
    if (o.align == Align::kRight) dx = -w;
  }
  cairo_save(cr_);
  set_colour(cr_, o.colour);
  cairo_move_to(cr_, x + dx, y);
  pango_cairo_show_layout(cr_, layout.get());
  cairo_restore(cr_);
  return h;
}

double Painter::text_width(std::string_view s, const Font& f, double letter_spacing) {
  TextOpts o;
  o.letter_spacing = letter_spacing;
  auto layout = make_layout(cr_, s, f, o);
  PangoRectangle logical;
  pango_layout_get_extents(layout.get(), nullptr, &logical);
  return logical.width / double(PANGO_SCALE);
}

double Painter::table_row(const TableSpec& t, size_t r, double x, double y) {
  const auto& row = t.rows[r];
  const bool header = static_cast<int>(r) < t.header_rows;
  Font font = t.font;
  if (header) font.bold = true;
  // Cell spans and heights.
  struct Placed {
    double x, w, h;
    const TableCell* cell;
  };
  std::vector<Placed> placed;
  double cx = x;
  size_t col = 0;
  double row_h = t.min_row_height;
  for (const auto& cell : row) {
    double w = 0;
    for (int k = 0; k < cell.colspan && col < t.col_widths.size(); ++k) w += t.col_widths[col++];
    Font cf = font;
    cf.bold = font.bold || cell.bold;
    TextOpts o;
    o.width = std::max(4.0, w - 2 * t.padding);
    o.align = cell.align;
    o.line_spacing = 1.15;
    double h = cell.text.empty() ? 0 : [&] {
      bool m = measure_only_;
      measure_only_ = true;
      double hh = text(0, 0, cell.text, cf, o);
      measure_only_ = m;
      return hh;
    }();
    row_h = std::max(row_h, h + 2 * t.padding);
    placed.push_back({cx, w, h, &cell});
    cx += w;
  }
  if (measure_only_) return row_h;
  double total_w = 0;
  for (double w : t.col_widths) total_w += w;
  if (header && t.shade_header) fill_rect(x, y, total_w, row_h, Rgb{0.9, 0.9, 0.9});
  for (const auto& p : placed) {
    if (p.cell->text.empty()) continue;
    Font cf = font;
    cf.bold = font.bold || p.cell->bold;
    TextOpts o;
    o.width = std::max(4.0, p.w - 2 * t.padding);
    o.align = p.cell->align;
    o.line_spacing = 1.15;
    text(p.x + t.padding, y + (row_h - p.h) / 2, p.cell->text, cf, o);
  }
  const double heavy = t.outer_thick ? t.line_width * 2.2 : t.line_width;
  line(x, y, x + total_w, y, r == 0 ? heavy : t.line_width);
  line(x, y + row_h, x + total_w, y + row_h, r + 1 == t.rows.size() ? heavy : t.line_width);
  line(x, y, x, y + row_h, heavy);
  for (size_t i = 0; i < placed.size(); ++i) {
    double xe = placed[i].x + placed[i].w;
    line(xe, y, xe, y + row_h, i + 1 == placed.size() ? heavy : t.line_width);
  }
  return row_h;
}

double Painter::table(const TableSpec& t, double x, double y) {
  double h = 0;
  for (size_t r = 0; r < t.rows.size(); ++r) h += table_row(t, r, x, y + h);
  return h;
}

void Painter::line(double x0, double y0, double x1, double y1, double width, Rgb c) {
  if (measure_only_) return;
  cairo_save(cr_);
  set_colour(cr_, c);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x0, y0);
  cairo_line_to(cr_, x1, y1);
  cairo_stroke(cr_);
  cairo_restore(cr_);
}

void Painter::rect(double x, double y, double w, double h, double width, Rgb c) {
  if (measure_only_) return;
  cairo_save(cr_);
  set_colour(cr_, c);
  cairo_set_line_width(cr_, width);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_stroke(cr_);
  cairo_restore(cr_);
}

void Painter::fill_rect(double x, double y, double w, double h, Rgb c, double alpha) {
  if (measure_only_) return;
  cairo_save(cr_);
  set_colour(cr_, c, alpha);
  cairo_rectangle(cr_, x, y, w, h);
  cairo_fill(cr_);
  cairo_restore(cr_);
}

void Painter::circle(double cx, double cy, double r, double width, Rgb c, bool fill) {
  if (measure_only_) return;
  cairo_save(cr_);
  set_colour(cr_, c);
  cairo_arc(cr_, cx, cy, r, 0, 2 * kPi);
  if (fill) {
    cairo_fill(cr_);
  } else {
    cairo_set_line_width(cr_, width);
    cairo_stroke(cr_);
  }
  cairo_restore(cr_);
}

void Painter::polyline(const std::vector<double>& xs, const std::vector<double>& ys, double width,
                       Rgb c, double alpha) {
  if (measure_only_ || xs.empty()) return;
  cairo_save(cr_);
  set_colour(cr_, c, alpha);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, xs[0], ys[0]);
  for (size_t i = 1; i < xs.size() && i < ys.size(); ++i) cairo_line_to(cr_, xs[i], ys[i]);
  cairo_stroke(cr_);
  cairo_restore(cr_);
}

void Painter::star(double cx, double cy, double r, Rgb c) {
  if (measure_only_) return;
  cairo_save(cr_);
  set_colour(cr_, c);
  star_path(cr_, cx, cy, r);
  cairo_fill(cr_);
  cairo_restore(cr_);
}

void Painter::qr_like(double x, double y, double size, uint64_t seed) {
  if (measure_only_) return;
  constexpr int n = 25;
  const double m = size / n;
  Rng rng(seed);
  auto finder = [](int i, int j, int fi, int fj) {
    int di = i - fi, dj = j - fj;
    if (di < 0 || dj < 0 || di > 6 || dj > 6) return -1;
    if (di == 0 || dj == 0 || di == 6 || dj == 6) return 1;
    if (di >= 2 && di <= 4 && dj >= 2 && dj <= 4) return 1;
    return 0;
  };
  cairo_save(cr_);
  set_colour(cr_, kBlack);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      int f = finder(i, j, 0, 0);
      if (f < 0) f = finder(i, j, 0, n - 7);
      if (f < 0) f = finder(i, j, n - 7, 0);
      bool near_finder = (i < 8 && j < 8) || (i < 8 && j >= n - 8) || (i >= n - 8 && j < 8);
      bool dark = f >= 0 ? f == 1 : (!near_finder && rng.chance(0.5));
      if (dark) cairo_rectangle(cr_, x + j * m, y + i * m, m + 0.05, m + 0.05);
    }
  }
  cairo_fill(cr_);
  cairo_restore(cr_);
}

void Painter::draw_seal_raster(const SealSpec& s, double cx, double cy) {
  SurfacePtr surf = make_seal_surface(s);
  const double w = cairo_image_surface_get_width(surf.get());
  const double h = cairo_image_surface_get_height(surf.get());
  cairo_save(cr_);
  cairo_translate(cr_, cx, cy);
  cairo_rotate(cr_, s.rotation_deg * kPi / 180);
  cairo_scale(cr_, 1.0 / kSealPixelsPerPoint, 1.0 / kSealPixelsPerPoint);
  cairo_set_source_rgba(cr_, s.colour.r, s.colour.g, s.colour.b, s.opacity);
  cairo_set_operator(cr_, CAIRO_OPERATOR_MULTIPLY);
  cairo_mask_surface(cr_, surf.get(), -w / 2, -h / 2);
  cairo_restore(cr_);
}

void Painter::seal(const SealSpec& s, double cx, double cy) {
  seals_.push_back({cx, cy, mm(s.diameter_mm), false});
  if (!measure_only_) draw_seal_raster(s, cx, cy);
}

void Painter::seal_at_right_edge(const SealSpec& s, double cy) {
  seals_.push_back({width_, cy, mm(s.diameter_mm), true});
  if (!measure_only_) draw_seal_raster(s, width_, cy);
}

}  // namespace samplegen
