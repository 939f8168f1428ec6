#include "tests/support/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <leptonica/allheaders.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace shenbao::testing {

namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string(what) + ": " + cairo_status_to_string(status));
  }
}

// Draws the page's lines in user units of points, origin at the page's top-left.
void draw_lines(cairo_t* cr, const TextPage& page) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, page.font_family.c_str());
  pango_font_description_set_absolute_size(font, page.font_size_pt * PANGO_SCALE);
  pango_layout_set_font_description(layout, font);
  cairo_set_source_rgb(cr, ((page.rgb >> 16) & 0xff) / 255.0, ((page.rgb >> 8) & 0xff) / 255.0,
                       (page.rgb & 0xff) / 255.0);
  for (size_t i = 0; i < page.lines.size(); ++i) {
    pango_layout_set_text(layout, page.lines[i].c_str(), -1);
    cairo_move_to(cr, page.margin_pt,
                  page.margin_pt + static_cast<double>(i) * page.font_size_pt * page.line_spacing);
    pango_cairo_show_layout(cr, layout);
  }
  pango_font_description_free(font);
  g_object_unref(layout);
}

// The page rendered on white at `dpi` into an RGB24 image surface (or, `transparent`,
// on nothing into an ARGB32 one).
SurfacePtr render_surface(const TextPage& page, double dpi, bool transparent = false) {
  const int w = static_cast<int>(std::ceil(page.width_pt * dpi / 72.0));
  const int h = static_cast<int>(std::ceil(page.height_pt * dpi / 72.0));
  SurfacePtr surface(
      cairo_image_surface_create(transparent ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h));
  check(cairo_surface_status(surface.get()), "image surface");
  ContextPtr cr(cairo_create(surface.get()));
  if (!transparent) {
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
  }
  cairo_scale(cr.get(), dpi / 72.0, dpi / 72.0);
  draw_lines(cr.get(), page);
  check(cairo_status(cr.get()), "drawing");
  cairo_surface_flush(surface.get());
  return surface;
}

}  // namespace

std::string render_text_pdf(const std::vector<TextPage>& pages) {
  std::string out;
  const TextPage first = pages.empty() ? TextPage{} : pages.front();
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &out, first.width_pt, first.height_pt));
  check(cairo_surface_status(surface.get()), "pdf surface");
  {
    ContextPtr cr(cairo_create(surface.get()));
    for (const TextPage& page : pages) {
      cairo_pdf_surface_set_size(surface.get(), page.width_pt, page.height_pt);
      draw_lines(cr.get(), page);
      cairo_show_page(cr.get());
    }
    check(cairo_status(cr.get()), "drawing");
  }
  cairo_surface_finish(surface.get());
  check(cairo_surface_status(surface.get()), "pdf finish");
  return out;
}

namespace {

void free_string(void* p) { delete static_cast<std::string*>(p); }

// Pages as pictures in a PDF: each page rendered at `dpi` and drawn over the whole page,
// stored as Cairo chooses (lossless) or, with jpeg_quality > 0, as a gray JPEG passed
// through untouched (/DCTDecode).
std::string render_picture_pdf(const std::vector<TextPage>& pages, double dpi, int jpeg_quality) {
  std::string out;
  const TextPage first = pages.empty() ? TextPage{} : pages.front();
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(append_to_string, &out, first.width_pt, first.height_pt));
  check(cairo_surface_status(surface.get()), "pdf surface");
  {
    ContextPtr cr(cairo_create(surface.get()));
    for (const TextPage& page : pages) {
      cairo_pdf_surface_set_size(surface.get(), page.width_pt, page.height_pt);
      SurfacePtr scan = render_surface(page, dpi);
      if (jpeg_quality > 0) {
        auto* jpeg = new std::string(encode_jpeg(render_gray(page, dpi), jpeg_quality));
        check(cairo_surface_set_mime_data(scan.get(), CAIRO_MIME_TYPE_JPEG,
                                          reinterpret_cast<const unsigned char*>(jpeg->data()),
                                          jpeg->size(), free_string, jpeg),
              "jpeg mime data");
      }
      cairo_save(cr.get());
      cairo_scale(cr.get(), 72.0 / dpi, 72.0 / dpi);
      cairo_set_source_surface(cr.get(), scan.get(), 0, 0);
      cairo_paint(cr.get());
      cairo_restore(cr.get());
      cairo_show_page(cr.get());
    }
    check(cairo_status(cr.get()), "drawing");
  }
  cairo_surface_finish(surface.get());
  check(cairo_surface_status(surface.get()), "pdf finish");
  return out;
}

}  // namespace

std::string render_scanned_pdf(const std::vector<TextPage>& pages, double dpi) {
  return render_picture_pdf(pages, dpi, 0);
}

std::string render_jpeg_scanned_pdf(const std::vector<TextPage>& pages, double dpi,
                                    int quality) {
  return render_picture_pdf(pages, dpi, std::max(quality, 1));
}

std::string render_png(const TextPage& page, double dpi, bool transparent) {
  SurfacePtr surface = render_surface(page, dpi, transparent);
  std::string out;
  check(cairo_surface_write_to_png_stream(surface.get(), append_to_string, &out), "png");
  return out;
}

GrayRaster render_gray(const TextPage& page, double dpi) {
  SurfacePtr surface = render_surface(page, dpi);
  GrayRaster raster;
  raster.width = cairo_image_surface_get_width(surface.get());
  raster.height = cairo_image_surface_get_height(surface.get());
  raster.pixels.resize(static_cast<size_t>(raster.width) * raster.height);
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < raster.height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < raster.width; ++x) {
      const uint32_t px = row[x];  // 0x00RRGGBB in native order
      const int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
      raster.pixels[static_cast<size_t>(y) * raster.width + x] =
          static_cast<uint8_t>((299 * r + 587 * g + 114 * b) / 1000);
    }
  }
  return raster;
}

namespace {

PIX* to_pix(const GrayRaster& raster) {
  PIX* pix = pixCreate(raster.width, raster.height, 8);
  if (pix == nullptr) throw std::runtime_error("pixCreate failed");
  l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < raster.height; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < raster.width; ++x) {
      SET_DATA_BYTE(line, x, raster.pixels[static_cast<size_t>(y) * raster.width + x]);
    }
  }
  return pix;
}

std::string take_leptonica_bytes(l_uint8* bytes, size_t size) {
  std::string out(reinterpret_cast<const char*>(bytes), size);
  lept_free(bytes);
  return out;
}

}  // namespace

std::string encode_jpeg(const GrayRaster& raster, int quality) {
  PIX* pix = to_pix(raster);
  l_uint8* bytes = nullptr;
  size_t size = 0;
  const int rc = pixWriteMemJpeg(&bytes, &size, pix, quality, 0);
  pixDestroy(&pix);
  if (rc != 0 || bytes == nullptr) throw std::runtime_error("pixWriteMemJpeg failed");
  return take_leptonica_bytes(bytes, size);
}

std::string encode_tiff(const std::vector<GrayRaster>& pages) {
  PIXA* pixa = pixaCreate(static_cast<l_int32>(pages.size()));
  for (const GrayRaster& page : pages) pixaAddPix(pixa, to_pix(page), L_INSERT);
  l_uint8* bytes = nullptr;
  size_t size = 0;
  const int rc = pixaWriteMemMultipageTiff(&bytes, &size, pixa);
  pixaDestroy(&pixa);
  if (rc != 0 || bytes == nullptr) throw std::runtime_error("pixaWriteMemMultipageTiff failed");
  return take_leptonica_bytes(bytes, size);
}

std::string with_exif_orientation(const std::string& jpeg, int orientation, bool big_endian) {
  auto put16 = [&](std::string& s, unsigned v) {
    if (big_endian) {
      s.push_back(char(v >> 8));
      s.push_back(char(v & 0xff));
    } else {
      s.push_back(char(v & 0xff));
      s.push_back(char(v >> 8));
    }
  };
  auto put32 = [&](std::string& s, unsigned v) {
    if (big_endian) {
      put16(s, v >> 16);
      put16(s, v & 0xffff);
    } else {
      put16(s, v & 0xffff);
      put16(s, v >> 16);
    }
  };
  std::string tiff = big_endian ? std::string("MM") : std::string("II");
  put16(tiff, 42);
  put32(tiff, 8);       // offset of IFD0
  put16(tiff, 1);       // one entry
  put16(tiff, 0x0112);  // Orientation
  put16(tiff, 3);       // SHORT
  put32(tiff, 1);       // count
  put16(tiff, static_cast<unsigned>(orientation));
  put16(tiff, 0);  // padding of the 4-byte value field
  put32(tiff, 0);  // no next IFD
  std::string payload = std::string("Exif\0\0", 6) + tiff;
  std::string segment = "\xFF\xE1";
  const size_t length = payload.size() + 2;
  segment.push_back(static_cast<char>(length >> 8));
  segment.push_back(static_cast<char>(length & 0xff));
  segment += payload;

  // After SOI, and after a JFIF APP0 when there is one (where cameras put Exif).
  size_t at = 2;
  if (jpeg.size() > 6 && static_cast<uint8_t>(jpeg[2]) == 0xFF &&
      static_cast<uint8_t>(jpeg[3]) == 0xE0) {
    at = 4 + ((static_cast<uint8_t>(jpeg[4]) << 8) | static_cast<uint8_t>(jpeg[5]));
  }
  return jpeg.substr(0, at) + segment + jpeg.substr(at);
}

}  // namespace shenbao::testing
