// Fuzzes the document loaders' entry point: load_document on the input bytes (sniffed by
// content, so PDF, image and OOXML paths are all reached; the seeds are PDFs and a PNG) with
// OCR disabled, a 4-page limit and a small pixel limit. No crash, no UB, no leak; the
// document is ok, unreadable or skipped, and an unreadable one carries a finding. The same
// bytes also go through PdfScanImages (qpdf), which the loader asks only for pages it OCRs,
// and any stored scan it hands out through decode_jpeg_as_stored.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "pipeline/load/image.h"
#include "pipeline/load/loader.h"
#include "pipeline/load/pdf_scan.h"

using namespace shenbao;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  static OcrEngine ocr;  // never started: OCR is disabled
  LoadOptions options;
  options.ocr_enabled = false;
  options.max_pages = 4;
  options.max_image_pixels = 4'000'000;
  options.ooxml.max_part_bytes = 1 << 20;
  options.ooxml.max_rows = 1000;
  options.ooxml.max_cells = 20'000;
  const LoadResult r = load_document("fuzz.pdf", bytes, options, ocr);
  const Document& d = r.document;
  fuzz::require(d.size == static_cast<int64_t>(size), "size is the input's");
  fuzz::require(d.sha256.size() == 64, "sha256 is filled");
  fuzz::require(static_cast<int>(d.pages.size()) <= options.max_pages ||
                    d.format == Format::kDocx || d.format == Format::kXlsx,
                "at most max_pages pages of a PDF or image");
  if (d.status == DocStatus::kUnreadable) {
    fuzz::require(!r.findings.empty(), "an unreadable document has a finding");
  }
  for (const Page& p : d.pages) {
    fuzz::require(p.text_source != TextSource::kOcr, "no OCR when it is disabled");
  }
  const PdfScanImages scans(bytes);
  for (int i = 0; i < options.max_pages; ++i) {
    if (std::optional<PageScan> scan = scans.full_page_jpeg(i)) {
      fuzz::require(scan->dpi > 0 && scan->rotate % 90 == 0, "a scan has a resolution and a turn");
      (void)decode_jpeg_as_stored(scan->jpeg, options.max_image_pixels);
    }
  }
  return 0;
}
