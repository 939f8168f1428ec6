#include "render.h"

#include <cairo-pdf.h>
#include <cairo.h>

#include <cmath>
#include <cstring>
#include <memory>

namespace samplegen {

namespace {

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void free_string(void* p) { delete static_cast<std::string*>(p); }

// A cairo image surface holding `img`, with the JPEG attached so cairo-pdf embeds the JPEG
// stream instead of re-encoding the pixels.
cairo_surface_t* scan_surface(const ScannedPage& page) {
  const RgbImage& img = page.image;
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, img.width, img.height);
  cairo_surface_flush(s);
  unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < img.height; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(data + y * stride);
    for (int x = 0; x < img.width; ++x) {
      const uint8_t* p = img.at(x, y);
      row[x] = 0xFF000000u | (uint32_t(p[0]) << 16) | (uint32_t(p[1]) << 8) | p[2];
    }
  }
  cairo_surface_mark_dirty(s);
  auto* copy = new std::string(page.jpeg);
  cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG,
                              reinterpret_cast<const unsigned char*>(copy->data()), copy->size(),
                              free_string, copy);
  return s;
}

}  // namespace

RenderedPdf write_pdf(const std::vector<PdfPageSource>& pages, const std::string& title) {
  RenderedPdf out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_to_string, &out.bytes, kA4Width, kA4Height);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "申报平台");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2025-06-01T09:00:00");
  cairo_t* cr = cairo_create(surface);
  int number = 0;
  for (const auto& src : pages) {
    ++number;
    if (src.vector) {
      cairo_pdf_surface_set_size(surface, src.vector->width, src.vector->height);
      cairo_save(cr);
      Painter painter(cr, src.vector->width, src.vector->height);
      src.vector->paint(painter);
      cairo_restore(cr);
      if (!painter.seals().empty()) out.seal_pages.push_back(number);
    } else if (src.scan) {
      const RgbImage& img = src.scan->image;
      const double w = img.width * 72.0 / img.dpi, h = img.height * 72.0 / img.dpi;
      cairo_pdf_surface_set_size(surface, w, h);
      cairo_surface_t* s = scan_surface(*src.scan);
      cairo_save(cr);
      cairo_scale(cr, 72.0 / img.dpi, 72.0 / img.dpi);
      cairo_set_source_surface(cr, s, 0, 0);
      cairo_paint(cr);
      cairo_restore(cr);
      cairo_surface_destroy(s);
      if (src.scan->sealed) out.seal_pages.push_back(number);
    }
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  out.pages = number;
  return out;
}

RenderedPdf write_vector_pdf(const DocDraft& draft, const std::string& title) {
  std::vector<PdfPageSource> src;
  for (const auto& p : draft.pages) src.push_back({&p, nullptr});
  return write_pdf(src, title);
}

RgbImage rasterize(const PageDraft& page, double dpi, bool* sealed) {
  const double scale = dpi / 72.0;
  const int w = static_cast<int>(std::lround(page.width * scale));
  const int h = static_cast<int>(std::lround(page.height * scale));
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  Painter painter(cr, page.width, page.height);
  page.paint(painter);
  if (sealed) *sealed = !painter.seals().empty();
  cairo_destroy(cr);
  cairo_surface_flush(s);
  RgbImage img;
  img.width = w;
  img.height = h;
  img.dpi = dpi;
  img.rgb.resize(static_cast<size_t>(w) * h * 3);
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < h; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + y * stride);
    for (int x = 0; x < w; ++x) {
      uint8_t* p = img.at(x, y);
      p[0] = (row[x] >> 16) & 0xFF;
      p[1] = (row[x] >> 8) & 0xFF;
      p[2] = row[x] & 0xFF;
    }
  }
  cairo_surface_destroy(s);
  return img;
}

bool page_has_seal(const PageDraft& page) {
  auto p = Painter::measuring(page.width, page.height);
  page.paint(*p);
  return !p->seals().empty();
}

}  // namespace samplegen
