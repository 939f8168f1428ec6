// Painter: the only drawing surface the document drawers see. Wraps cairo + pango.
//
// Units are PDF points (1/72 inch) in page coordinates, origin top-left, y downwards, on
// both vector (PDF) and raster (scan) targets: the renderer scales the cairo context, and
// pango works with absolute sizes and metric hinting off, so a page lays out the same at
// every resolution.
//
// A Painter can run in measure-only mode (measuring()): every call computes and returns
// its height but draws nothing. Flow layout uses this to paginate.
//
// Seals are drawn as a textured raster (ink unevenness, missed spots) composited with the
// multiply operator and some transparency, so text under a seal stays visible, as on paper.
// Every seal a page receives is recorded (seals()), which is how the ground truth learns
// which pages are sealed: from the drawing itself, never from a second list.
//
// Thread safety: a Painter belongs to one thread. Font loading is process-global in
// fontconfig; samplegen draws on one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

typedef struct _cairo cairo_t;

namespace samplegen {

constexpr double kA4Width = 595.2756;   // 210 mm in points
constexpr double kA4Height = 841.8898;  // 297 mm in points
inline double mm(double v) { return v * 72.0 / 25.4; }

struct Rgb {
  double r = 0, g = 0, b = 0;
};
inline constexpr Rgb kBlack{0.05, 0.05, 0.05};
inline constexpr Rgb kSealRed{0.86, 0.10, 0.12};
inline constexpr Rgb kHeaderRed{0.80, 0.05, 0.05};
inline constexpr Rgb kGrey{0.45, 0.45, 0.45};

// The CJK families installed by scripts/install-deps. Text-layer PDFs use the TrueType
// WenQuanYi faces (a PDF embeds only the glyphs used); scans and photos use any of them.
inline constexpr const char* kSerif = "Noto Serif CJK SC";
inline constexpr const char* kSans = "Noto Sans CJK SC";
inline constexpr const char* kZenHei = "WenQuanYi Zen Hei";
inline constexpr const char* kMicroHei = "WenQuanYi Micro Hei";

struct Font {
  std::string family = kSerif;
  double size = 10.5;  // points (五号 = 10.5, 小四 = 12, 四号 = 14, 三号 = 16, 二号 = 22)
  bool bold = false;
};

enum class Align { kLeft, kCenter, kRight };

struct TextOpts {
  Align align = Align::kLeft;
  double width = -1;          // wrap width in points; < 0: one line, `align` is about x
  double line_spacing = 1.0;  // factor of the font's line height
  double indent = 0;          // first-line indent in points (2 characters for body text)
  double letter_spacing = 0;  // extra points between characters (spaced-out titles)
  bool justify = false;       // justify wrapped lines
  Rgb colour = kBlack;
};

struct TableCell {
  std::string text;
  Align align = Align::kLeft;
  bool bold = false;
  int colspan = 1;
};
using TableRow = std::vector<TableCell>;

struct TableSpec {
  std::vector<double> col_widths;  // points; their sum is the table width
  std::vector<TableRow> rows;
  Font font{kSerif, 9.5, false};
  double padding = 3.5;        // inside each cell, points
  double min_row_height = 18;  // points
  double line_width = 0.6;     // ruling lines
  int header_rows = 1;         // drawn bold and (when shade_header) shaded
  bool shade_header = false;
  bool outer_thick = false;  // a heavier outer frame (printed forms)
};

// A seal (印章). Sizes in millimetres on paper.
struct SealSpec {
  std::string rim_text;     // around the upper rim, e.g. the company name
  std::string centre_text;  // under the star, e.g. "检验检测专用章"; may be empty
  std::string code_text;    // small digits along the lower rim (seal code); may be empty
  double diameter_mm = 42;  // 38-45 for company seals
  double height_mm = 0;     // > 0: an oval (发票专用章) of diameter_mm × height_mm
  bool star = true;         // five-pointed star in the centre
  Rgb colour = kSealRed;
  double opacity = 0.85;      // the ink is a little transparent
  double rotation_deg = 0;    // seals are rarely put on straight
  uint64_t texture_seed = 1;  // ink unevenness
};

// What a page received: one entry per seal drawn (whole or a half at an edge).
struct SealMark {
  double cx = 0, cy = 0, diameter = 0;  // points
  bool half = false;                    // 骑缝章 slice at the page edge
};

class Painter {
 public:
  // Draws on `cr` (not owned), page size in points.
  Painter(cairo_t* cr, double width, double height);
  // A measure-only painter (draws nothing) for a page of the given size.
  static std::unique_ptr<Painter> measuring(double width = kA4Width, double height = kA4Height);
  ~Painter();
  Painter(const Painter&) = delete;
  Painter& operator=(const Painter&) = delete;

  double width() const { return width_; }
  double height() const { return height_; }
  bool measure_only() const { return measure_only_; }

  // Draws text with its top at y; returns the height used (points).
  double text(double x, double y, std::string_view s, const Font& f, const TextOpts& o = {});
  // Width of a one-line text.
  double text_width(std::string_view s, const Font& f, double letter_spacing = 0);

  double table(const TableSpec& t, double x, double y);
  // One row of a table (for pagination). Draws its own top and bottom rules.
  double table_row(const TableSpec& t, size_t row, double x, double y);

  void line(double x0, double y0, double x1, double y1, double width = 0.6, Rgb c = kBlack);
  void rect(double x, double y, double w, double h, double width = 0.6, Rgb c = kBlack);
  void fill_rect(double x, double y, double w, double h, Rgb c, double alpha = 1.0);
  void circle(double cx, double cy, double r, double width, Rgb c, bool fill = false);
  // A polyline through (xs[i], ys[i]).
  void polyline(const std::vector<double>& xs, const std::vector<double>& ys, double width, Rgb c,
                double alpha = 1.0);
  void star(double cx, double cy, double r, Rgb c);
  // A QR-code-like square of modules (finder patterns in three corners), size in points.
  void qr_like(double x, double y, double size, uint64_t seed);

  // A seal centred at (cx, cy).
  void seal(const SealSpec& s, double cx, double cy);
  // Half of a seal at the right page edge, centred vertically at cy (骑缝章).
  void seal_at_right_edge(const SealSpec& s, double cy);

  const std::vector<SealMark>& seals() const { return seals_; }

 private:
  Painter() = default;
  void draw_seal_raster(const SealSpec& s, double cx, double cy);

  cairo_t* cr_ = nullptr;
  bool measure_only_ = false;
  bool owns_cr_ = false;
  double width_ = kA4Width, height_ = kA4Height;
  std::vector<SealMark> seals_;
};

}  // namespace samplegen
