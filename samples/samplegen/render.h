// Rendering drafts of documents: to text-layer PDFs, to rasters (for scans and photos), and
// scanned pages (JPEG) back into image-only PDFs.
//
// A DocDraft is a list of pages, each a function that paints on a Painter. Painting is pure
// (no random draws inside), so a page can be painted twice (to measure, to render) with the
// same result. Seal pages come from what the painting recorded.
//
// PDFs are deterministic: the creation date is fixed and no time stamps are written.
//
// Thread safety: functions are reentrant; call from one thread per output.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "painter.h"
#include "raster.h"

namespace samplegen {

struct PageDraft {
  double width = kA4Width, height = kA4Height;  // points
  std::function<void(Painter&)> paint;
};

struct DocDraft {
  std::vector<PageDraft> pages;
};

// A scanned (or photographed) page: the degraded raster and its JPEG encoding.
struct ScannedPage {
  RgbImage image;
  std::string jpeg;     // JFIF bytes embedded as-is into PDFs
  bool sealed = false;  // the page had a seal before degradation
};

// One page of an output PDF: drawn as vectors (with a text layer) or an embedded scan.
struct PdfPageSource {
  const PageDraft* vector = nullptr;
  const ScannedPage* scan = nullptr;
};

struct RenderedPdf {
  std::string bytes;
  std::vector<int> seal_pages;  // 1-based pages that received a seal
  int pages = 0;
};

// Writes a PDF of the given pages. `title` goes into the document information.
RenderedPdf write_pdf(const std::vector<PdfPageSource>& pages, const std::string& title);

// Convenience: all pages of a draft as vectors.
RenderedPdf write_vector_pdf(const DocDraft& draft, const std::string& title);

// Paints one page onto white paper at `dpi`. `sealed` (optional) receives whether the page
// got a seal.
RgbImage rasterize(const PageDraft& page, double dpi, bool* sealed = nullptr);

// Paints a page on a measuring painter and reports whether it received a seal.
bool page_has_seal(const PageDraft& page);

}  // namespace samplegen
