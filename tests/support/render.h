// Test fixtures drawn on the fly: Chinese text pages as PDFs (with a text layer, or
// image-only like a scan), PNGs, and small encoded images. Used by tests that need real
// files without committing binaries.
//
// Text is laid out with Pango and drawn with Cairo in the Noto Sans CJK SC font, one
// string per line, top to bottom from the page's top-left margin.
//
// Thread safety: functions are reentrant (fontconfig initialisation is Pango's business).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shenbao::testing {

struct TextPage {
  std::vector<std::string> lines;  // UTF-8, one per line
  double width_pt = 595.276;       // A4 portrait
  double height_pt = 841.890;
  double margin_pt = 72;  // left and top
  double font_size_pt = 14;
  double line_spacing = 2.0;  // baseline distance as a multiple of font size
  std::string font_family = "Noto Sans CJK SC";
  uint32_t rgb = 0x000000;  // text colour, 0xRRGGBB
};

// A PDF whose pages carry real text (a text layer), one PDF page per TextPage.
std::string render_text_pdf(const std::vector<TextPage>& pages);

// A PDF whose pages are only pictures of text rendered at `dpi` (gray), like a scan:
// no text layer at all.
std::string render_scanned_pdf(const std::vector<TextPage>& pages, double dpi);

// A PDF like a scanner's: each page one gray JPEG (quality `quality`) of the page rendered
// at `dpi`, drawn over the whole page through Cairo's JPEG pass-through (a /DCTDecode
// image), with the clip and graphics state Cairo writes around it.
std::string render_jpeg_scanned_pdf(const std::vector<TextPage>& pages, double dpi,
                                    int quality = 90);

// A PNG (8-bit RGB, no pHYs resolution chunk) of one page rendered at `dpi`. With
// `transparent`, an RGBA PNG whose paper is fully transparent (only the text is opaque).
std::string render_png(const TextPage& page, double dpi, bool transparent = false);

// Raw 8-bit gray pixels of one page rendered at `dpi`, rows tightly packed.
struct GrayRaster {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;
};
GrayRaster render_gray(const TextPage& page, double dpi);

// Encodes gray pixels as a baseline JPEG (Leptonica) at the given quality.
std::string encode_jpeg(const GrayRaster& raster, int quality = 90);

// Encodes gray rasters as one multi-page TIFF (Leptonica), one page per raster.
std::string encode_tiff(const std::vector<GrayRaster>& pages);

// Inserts an Exif APP1 segment carrying only an Orientation tag (1..8) right after the
// JPEG's SOI marker. `big_endian` picks the "MM" or "II" byte order.
std::string with_exif_orientation(const std::string& jpeg, int orientation, bool big_endian);

}  // namespace shenbao::testing
