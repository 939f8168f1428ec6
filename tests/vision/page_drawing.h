// Pages for the vision tests, drawn with Cairo and Pango: black Chinese body text, red
// company seals (ring, star, name around the rim), oval invoice seals, red-header titles
// (红头文件), red rules and table grids, logos — plus scanner-like noise.
//
// Everything is placed in millimetres on an A4 page and rendered at the page's dpi, so one
// scene can be drawn at several resolutions. Seals are drawn on their own layer, worn
// (small random holes) and multiplied onto the page like ink: red over black stays black.
//
// Header-only test support; not thread-safe (one PageCanvas per thread).
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/load/image.h"

namespace vision_test {

struct Rgb {
  double r = 0, g = 0, b = 0;
};
inline constexpr Rgb kBlack{0.08, 0.08, 0.08};
inline constexpr Rgb kSealRed{0.86, 0.12, 0.14};
inline constexpr Rgb kTitleRed{0.90, 0.05, 0.05};
inline constexpr Rgb kSealBlue{0.10, 0.25, 0.75};

inline constexpr double kA4WidthMm = 210, kA4HeightMm = 297;

struct SealStyle {
  Rgb colour = kSealRed;
  double ring_mm = 1.2;     // ring line width
  double alpha = 0.9;       // ink strength
  double wear = 0.15;       // share of the seal's area punched out by small holes (0..~0.4)
  double rotation_deg = 0;  // a stamp is rarely straight
  unsigned seed = 1;
};

class PageCanvas {
 public:
  // A white page of width × height mm at dpi, optionally with all content tilted by
  // `tilt_deg` (clockwise on screen) about the page centre, like a crooked scan.
  explicit PageCanvas(double dpi, double tilt_deg = 0, double width_mm = kA4WidthMm,
                      double height_mm = kA4HeightMm)
      : dpi_(dpi) {
    width_px_ = static_cast<int>(std::lround(width_mm / 25.4 * dpi));
    height_px_ = static_cast<int>(std::lround(height_mm / 25.4 * dpi));
    surface_ = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width_px_, height_px_);
    cr_ = cairo_create(surface_);
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_paint(cr_);
    if (tilt_deg != 0) {
      cairo_translate(cr_, width_px_ / 2.0, height_px_ / 2.0);
      cairo_rotate(cr_, tilt_deg * std::numbers::pi / 180.0);
      cairo_translate(cr_, -width_px_ / 2.0, -height_px_ / 2.0);
    }
  }
  ~PageCanvas() {
    cairo_destroy(cr_);
    cairo_surface_destroy(surface_);
  }
  PageCanvas(const PageCanvas&) = delete;
  PageCanvas& operator=(const PageCanvas&) = delete;

  double px(double mm) const { return mm / 25.4 * dpi_; }
  int width_px() const { return width_px_; }
  int height_px() const { return height_px_; }

  // One line of text, its top-left at (x, y) mm; size in mm (the em height).
  void text(double x_mm, double y_mm, const std::string& utf8, double size_mm, Rgb colour,
            bool bold = false, double letter_spacing_mm = 0) {
    draw_text(cr_, px(x_mm), px(y_mm), utf8, px(size_mm), colour, bold, px(letter_spacing_mm));
  }

  // Paragraph lines of body text from (x, y) mm, 4.2 mm characters (12 pt), line pitch 8 mm.
  void body_text(double x_mm, double y_mm, int lines, double width_mm = 160) {
    static const std::string kSentences =
        "上海星河数据科技有限公司申请松江区产业专项补贴，项目名称为工业互联网平台建设，"
        "项目总投资人民币三百二十万元，其中硬件投入九十万元，软件开发一百六十万元，测试与"
        "人员费用七十万元。公司注册地址为上海市松江区九亭镇涞寅路一千八百号，统一社会信用"
        "代码为九一三一零一一七，法定代表人张伟。本公司承诺所提交材料真实有效。";
    const std::vector<char32_t> cps = shenbao::utf8_to_codepoints(kSentences);
    const int per_line = static_cast<int>(width_mm / 4.4);
    size_t at = 0;
    for (int i = 0; i < lines; ++i) {
      std::vector<char32_t> line;
      for (int k = 0; k < per_line; ++k) line.push_back(cps[(at++) % cps.size()]);
      text(x_mm, y_mm + 8.0 * i, shenbao::codepoints_to_utf8(line), 4.2, kBlack);
    }
  }

  void rule(double x0_mm, double y0_mm, double x1_mm, double y1_mm, double width_mm, Rgb c) {
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, c.r, c.g, c.b);
    cairo_set_line_width(cr_, px(width_mm));
    cairo_new_path(cr_);
    cairo_move_to(cr_, px(x0_mm), px(y0_mm));
    cairo_line_to(cr_, px(x1_mm), px(y1_mm));
    cairo_stroke(cr_);
    cairo_restore(cr_);
  }

  // A table of rows × cols cells, its top-left at (x, y) mm, ruled in `c`, with black text.
  void table(double x_mm, double y_mm, double w_mm, double h_mm, int rows, int cols, Rgb c) {
    for (int r = 0; r <= rows; ++r) {
      const double y = y_mm + h_mm * r / rows;
      rule(x_mm, y, x_mm + w_mm, y, 0.4, c);
    }
    for (int k = 0; k <= cols; ++k) {
      const double x = x_mm + w_mm * k / cols;
      rule(x, y_mm, x, y_mm + h_mm, 0.4, c);
    }
    for (int r = 0; r < rows; ++r) {
      for (int k = 0; k < cols; ++k) {
        text(x_mm + w_mm * k / cols + 2, y_mm + h_mm * r / rows + 1.5, r == 0 ? "项目" : "九十万元",
             3.5, kBlack);
      }
    }
  }

  // A round company seal centred at (cx, cy) mm: ring, five-pointed star, the name along the
  // upper rim, optionally a line of text under the star (合同专用章).
  void company_seal(double cx_mm, double cy_mm, double diameter_mm, const std::string& name,
                    const SealStyle& style = {}, const std::string& bottom = "") {
    const double r = px(diameter_mm / 2);
    Layer layer(this, r * 2.3, r * 2.3);
    cairo_t* cr = layer.cr;
    const double c = r * 1.15;  // layer centre
    cairo_translate(cr, c, c);
    cairo_rotate(cr, style.rotation_deg * std::numbers::pi / 180.0);
    set_ink(cr, style.colour);
    const double ring = px(style.ring_mm);
    cairo_set_line_width(cr, ring);
    cairo_new_path(cr);
    cairo_arc(cr, 0, 0, r - ring / 2, 0, 2 * std::numbers::pi);
    cairo_stroke(cr);
    star(cr, 0, 0, r * 0.30);
    // The name from −210° to +30° (clockwise from +x, y down), glyph tops facing outwards.
    const std::vector<char32_t> cps = shenbao::utf8_to_codepoints(name);
    const double glyph = r * 0.26;
    const double spread = 240.0 * std::numbers::pi / 180.0;
    for (size_t i = 0; i < cps.size(); ++i) {
      const double t = cps.size() == 1 ? 0.5 : static_cast<double>(i) / (cps.size() - 1);
      const double angle = -std::numbers::pi / 2 - spread / 2 + spread * t;
      cairo_save(cr);
      cairo_rotate(cr, angle + std::numbers::pi / 2);
      draw_text_centred(cr, 0, -(r * 0.74), shenbao::codepoints_to_utf8({cps[i]}), glyph,
                        style.colour, true);
      cairo_restore(cr);
    }
    if (!bottom.empty()) draw_text_centred(cr, 0, r * 0.55, bottom, r * 0.16, style.colour, true);
    layer.composite(px(cx_mm) - c, px(cy_mm) - c, style);
  }

  // An oval invoice seal (发票专用章) centred at (cx, cy) mm: ring, name along the upper
  // arc, the tax number across the middle, 发票专用章 below.
  void invoice_seal(double cx_mm, double cy_mm, double w_mm, double h_mm, const std::string& name,
                    const std::string& tax_number, SealStyle style = {}) {
    style.ring_mm = 1.0;
    const double a = px(w_mm / 2), b = px(h_mm / 2);
    Layer layer(this, a * 2.3, a * 2.3);
    cairo_t* cr = layer.cr;
    const double c = a * 1.15;
    cairo_translate(cr, c, c);
    cairo_rotate(cr, style.rotation_deg * std::numbers::pi / 180.0);
    set_ink(cr, style.colour);
    const double ring = px(style.ring_mm);
    cairo_save(cr);
    cairo_scale(cr, 1, b / a);
    cairo_new_path(cr);
    cairo_arc(cr, 0, 0, a - ring / 2, 0, 2 * std::numbers::pi);
    cairo_restore(cr);
    cairo_set_line_width(cr, ring);
    cairo_stroke(cr);
    const std::vector<char32_t> cps = shenbao::utf8_to_codepoints(name);
    const double glyph = b * 0.30;
    const double spread = 200.0 * std::numbers::pi / 180.0;
    for (size_t i = 0; i < cps.size(); ++i) {
      const double t = cps.size() == 1 ? 0.5 : static_cast<double>(i) / (cps.size() - 1);
      const double angle = -std::numbers::pi / 2 - spread / 2 + spread * t;
      const double gx = (a - glyph * 0.85) * std::cos(angle);
      const double gy = (b - glyph * 0.85) * std::sin(angle);
      cairo_save(cr);
      cairo_translate(cr, gx, gy);
      cairo_rotate(cr, std::atan2(gy / (b * b), gx / (a * a)) + std::numbers::pi / 2);
      draw_text_centred(cr, 0, 0, shenbao::codepoints_to_utf8({cps[i]}), glyph, style.colour, true);
      cairo_restore(cr);
    }
    draw_text_centred(cr, 0, b * 0.05, tax_number, b * 0.17, style.colour, true);
    draw_text_centred(cr, 0, b * 0.50, "发票专用章", b * 0.22, style.colour, true);
    layer.composite(px(cx_mm) - c, px(cy_mm) - c, style);
  }

  // A filled red disc with white letters (a company logo), centred at (cx, cy) mm.
  void disc_logo(double cx_mm, double cy_mm, double diameter_mm, Rgb colour) {
    cairo_save(cr_);
    set_ink(cr_, colour);
    cairo_new_path(cr_);
    cairo_arc(cr_, px(cx_mm), px(cy_mm), px(diameter_mm / 2), 0, 2 * std::numbers::pi);
    cairo_fill(cr_);
    cairo_restore(cr_);
    draw_text_centred(cr_, px(cx_mm), px(cy_mm), "XH", px(diameter_mm * 0.4), {1, 1, 1}, true);
  }

  // A pen circle (a reviewer marking a figure): a thin ring, nothing inside it.
  void pen_circle(double cx_mm, double cy_mm, double diameter_mm, Rgb colour) {
    cairo_save(cr_);
    set_ink(cr_, colour);
    cairo_set_line_width(cr_, px(0.6));
    cairo_new_path(cr_);
    cairo_arc(cr_, px(cx_mm), px(cy_mm), px(diameter_mm / 2), 0, 2 * std::numbers::pi);
    cairo_stroke(cr_);
    cairo_restore(cr_);
  }

  // A reviewer's red note: a line of small red text with a wavy underline and a tick.
  void red_note(double x_mm, double y_mm, Rgb colour) {
    text(x_mm, y_mm, "请补充审计报告原件并加盖公章", 5, colour);
    cairo_save(cr_);
    set_ink(cr_, colour);
    cairo_set_line_width(cr_, px(0.5));
    cairo_new_path(cr_);
    for (int i = 0; i <= 60; ++i) {
      const double x = x_mm + i * 1.2, y = y_mm + 8 + 0.8 * std::sin(i * 0.9);
      if (i == 0) {
        cairo_move_to(cr_, px(x), px(y));
      } else {
        cairo_line_to(cr_, px(x), px(y));
      }
    }
    cairo_stroke(cr_);
    cairo_move_to(cr_, px(x_mm + 80), px(y_mm + 2));
    cairo_line_to(cr_, px(x_mm + 84), px(y_mm + 8));
    cairo_line_to(cr_, px(x_mm + 94), px(y_mm - 6));
    cairo_stroke(cr_);
    cairo_restore(cr_);
  }

  // A square frame (a red box around a note, or a square stamp) with text inside.
  void square_frame(double x_mm, double y_mm, double side_mm, Rgb colour) {
    cairo_save(cr_);
    set_ink(cr_, colour);
    cairo_set_line_width(cr_, px(1.2));
    cairo_new_path(cr_);
    cairo_rectangle(cr_, px(x_mm), px(y_mm), px(side_mm), px(side_mm));
    cairo_stroke(cr_);
    cairo_restore(cr_);
    draw_text_centred(cr_, px(x_mm + side_mm / 2), px(y_mm + side_mm / 2), "已审核", px(8), colour,
                      true);
  }

  // Scanner-like degradation: a slightly warm paper tint, uniform brightness noise of
  // ± amplitude and colour noise of ± amplitude / 2 per channel.
  void scan_noise(int amplitude, unsigned seed) {
    cairo_surface_flush(surface_);
    // xorshift32: a fast generator, good enough for noise.
    uint32_t state = seed * 2654435761u + 1;
    const uint32_t span = 2 * static_cast<uint32_t>(std::max(0, amplitude)) + 1;
    auto noise = [&]() {
      state ^= state << 13;
      state ^= state >> 17;
      state ^= state << 5;
      return static_cast<int>(state % span) - amplitude;
    };
    unsigned char* data = cairo_image_surface_get_data(surface_);
    const int stride = cairo_image_surface_get_stride(surface_);
    for (int y = 0; y < height_px_; ++y) {
      auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
      for (int x = 0; x < width_px_; ++x) {
        const uint32_t v = row[x];
        const int n = noise();
        auto ch = [&](int shift, int tint) {
          // Brightness noise shared by the channels, plus half as much per channel
          // (colour noise, as a scanner's sensor rows differ).
          const int c = static_cast<int>((v >> shift) & 0xff) + n + noise() / 2 + tint;
          return static_cast<uint32_t>(c < 0 ? 0 : c > 255 ? 255 : c) << shift;
        };
        row[x] = ch(16, 0) | ch(8, -4) | ch(0, -10);
      }
    }
    cairo_surface_mark_dirty(surface_);
  }

  // The page as an 8-bit RGB Image at the canvas dpi.
  shenbao::Image image() const {
    cairo_surface_flush(surface_);
    shenbao::Image out;
    out.width = width_px_;
    out.height = height_px_;
    out.channels = 3;
    out.dpi = dpi_;
    out.pixels.resize(static_cast<size_t>(width_px_) * height_px_ * 3);
    const unsigned char* data = cairo_image_surface_get_data(surface_);
    const int stride = cairo_image_surface_get_stride(surface_);
    uint8_t* dst = out.pixels.data();
    for (int y = 0; y < height_px_; ++y) {
      const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
      for (int x = 0; x < width_px_; ++x) {
        *dst++ = (row[x] >> 16) & 0xff;
        *dst++ = (row[x] >> 8) & 0xff;
        *dst++ = row[x] & 0xff;
      }
    }
    return out;
  }

 private:
  // A transparent layer the size of one seal; composite() wears it and multiplies it onto
  // the page at the page's current transform.
  struct Layer {
    Layer(PageCanvas* page, double w, double h) : page(page) {
      surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(std::ceil(w)),
                                           static_cast<int>(std::ceil(h)));
      cr = cairo_create(surface);
    }
    ~Layer() {
      cairo_destroy(cr);
      cairo_surface_destroy(surface);
    }
    void composite(double x, double y, const SealStyle& style) {
      // Wear: punch small holes where the stamp did not take ink.
      cairo_identity_matrix(cr);
      cairo_set_operator(cr, CAIRO_OPERATOR_DEST_OUT);
      std::mt19937 rng(style.seed);
      const double w = cairo_image_surface_get_width(surface);
      const double h = cairo_image_surface_get_height(surface);
      std::uniform_real_distribution<double> ux(0, w), uy(0, h);
      std::uniform_real_distribution<double> ur(page->px(0.2), page->px(0.7));
      const double hole_area = std::numbers::pi * std::pow(page->px(0.45), 2);
      const int holes = static_cast<int>(style.wear * w * h * 0.6 / hole_area);
      for (int i = 0; i < holes; ++i) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, ux(rng), uy(rng), ur(rng), 0, 2 * std::numbers::pi);
        cairo_fill(cr);
      }
      cairo_surface_flush(surface);
      cairo_t* pcr = page->cr_;
      cairo_save(pcr);
      cairo_set_operator(pcr, CAIRO_OPERATOR_MULTIPLY);
      cairo_set_source_surface(pcr, surface, x, y);
      cairo_paint_with_alpha(pcr, style.alpha);
      cairo_restore(pcr);
    }
    PageCanvas* page;
    cairo_surface_t* surface;
    cairo_t* cr;
  };

  static void set_ink(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

  static void star(cairo_t* cr, double cx, double cy, double outer) {
    const double inner = outer * 0.382;
    for (int i = 0; i < 10; ++i) {
      const double angle = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
      const double rr = i % 2 == 0 ? outer : inner;
      const double x = cx + rr * std::cos(angle), y = cy + rr * std::sin(angle);
      if (i == 0) {
        cairo_move_to(cr, x, y);
      } else {
        cairo_line_to(cr, x, y);
      }
    }
    cairo_close_path(cr);
    cairo_fill(cr);
  }

  static PangoLayout* make_layout(cairo_t* cr, const std::string& utf8, double size_px, bool bold,
                                  double spacing_px) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* desc = pango_font_description_from_string("Noto Sans CJK SC");
    pango_font_description_set_absolute_size(desc, size_px * PANGO_SCALE);
    pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    if (spacing_px != 0) {
      PangoAttrList* attrs = pango_attr_list_new();
      pango_attr_list_insert(
          attrs, pango_attr_letter_spacing_new(static_cast<int>(spacing_px * PANGO_SCALE)));
      pango_layout_set_attributes(layout, attrs);
      pango_attr_list_unref(attrs);
    }
    pango_layout_set_text(layout, utf8.c_str(), -1);
    return layout;
  }

  static void draw_text(cairo_t* cr, double x, double y, const std::string& utf8, double size_px,
                        Rgb c, bool bold, double spacing_px = 0) {
    PangoLayout* layout = make_layout(cr, utf8, size_px, bold, spacing_px);
    cairo_save(cr);
    set_ink(cr, c);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    g_object_unref(layout);
  }

  // Text whose ink box is centred on (x, y) in the current user space.
  static void draw_text_centred(cairo_t* cr, double x, double y, const std::string& utf8,
                                double size_px, Rgb c, bool bold) {
    PangoLayout* layout = make_layout(cr, utf8, size_px, bold, 0);
    PangoRectangle ink;
    pango_layout_get_pixel_extents(layout, &ink, nullptr);
    cairo_save(cr);
    set_ink(cr, c);
    cairo_move_to(cr, x - ink.x - ink.width / 2.0, y - ink.y - ink.height / 2.0);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    g_object_unref(layout);
  }

  double dpi_;
  int width_px_ = 0, height_px_ = 0;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
};

}  // namespace vision_test
