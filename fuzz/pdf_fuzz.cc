// Fuzzes the document loaders' entry point: load_document on the input bytes (sniffed by
// content, so PDF, image and OOXML paths are all reached; the seeds are PDFs and a PNG) with
// OCR disabled, a 4-page limit and a small pixel limit. No crash, no UB, no leak; the
// document is ok, unreadable or skipped, and an unreadable one carries a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "pipeline/load/loader.h"

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
  return 0;
}
