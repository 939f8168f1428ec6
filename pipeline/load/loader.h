// Loading: turns an Entry's bytes into a Document of the document model, by content.
//
// load_document never throws and never aborts the bundle: a file that cannot be read
// comes back with status kUnreadable and an error, plus a DOCUMENT_UNREADABLE finding.
//
// What happens per format:
//   pdf      each page's text layer (Poppler); a page with too little text (decide_page_ocr)
//            is OCR'd instead: from its stored JPEG when it is one full-page scan at a
//            usual resolution (scan_own_dpi_*), else rendered at ocr_dpi. Encrypted (user password)
//            or corrupt → unreadable. Pages beyond max_pages are not read (a warning).
//   image    decoded (pixel limit checked on the header first), one page per image (every
//            page of a multi-page TIFF), each OCR'd. Over the limit or corrupt → unreadable.
//   docx/xlsx  read natively by load_ooxml (ooxml.h).
//   archive  status kSkipped without a finding: intake opens nested ZIPs itself.
//   other    status kSkipped, error "unsupported format", a DOCUMENT_UNREADABLE warning.
//   empty    (zero bytes) status kUnreadable, a DOCUMENT_UNREADABLE error.
// A page that cannot be OCR'd (timeout, too large to render) keeps page.error and adds a
// DOCUMENT_UNREADABLE warning for that page; the document stays ok.
//
// Thread safety: load_document may run on several threads at once as long as each thread
// passes its own OcrEngine.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/status.h"
#include "pipeline/load/ocr.h"
#include "pipeline/load/ooxml.h"
#include "pipeline/load/page_reading.h"

namespace shenbao {


struct LoadOptions {
  int min_text_chars = 20;                 // a PDF page with fewer CJK/alphanumeric chars is OCR'd
  int ocr_dpi = 300;                       // render resolution for OCR of PDF pages
  // A scanned PDF page that is one JPEG over the whole page (pdf_scan.h), stored at a
  // resolution in [scan_own_dpi_min, scan_own_dpi_max], is OCR'd from that JPEG at its
  // own resolution instead of a render at ocr_dpi: no render, no resampling, fewer pixels
  // (bench/ocr-results.md, scan200). Scans outside the range are rendered at ocr_dpi.
  // scan_own_dpi_min = 0 turns this off.
  int scan_own_dpi_min = 200;
  int scan_own_dpi_max = 400;
  int max_pages = 500;                     // per document; pages beyond are not read (a finding)
  int64_t max_image_pixels = 120'000'000;  // width × height of one image or rendered page
  int min_ocr_dpi = 150;                   // a page so large that max_image_pixels would force a
                                           // lower render resolution than this is not OCR'd
  OoxmlOptions ooxml;                      // limits for DOCX/XLSX parts
  PageImageHooks hooks;                    // seal check and OCR preparation (page_reading.h)
  PageReadOptions reading;                 // other turns of doubtful pages (page_reading.h)
  // Cameras and many encoders write 72 or 96 dpi whatever they saw, which would make an A4
  // photo a metre wide (and every seal on it far too big). An image whose stated resolution
  // gives a longer side outside this range is taken to be a page of assumed_long_side_mm.
  double plausible_long_side_min_mm = 120;  // about A6
  double plausible_long_side_max_mm = 440;  // a little over A3
  double assumed_long_side_mm = 297;        // A4
  double min_page_confidence = 0.5;        // an OCR'd page whose mean word confidence is
                                           // below this gets OCR_LOW_CONFIDENCE: its values
                                           // are marked uncertain
  int inspect_dpi = 72;                    // text-layer pages are rendered at this resolution
                                           // for hooks.inspect only (no OCR)
  bool ocr_enabled = true;                 // false: never OCR (PDF pages keep their text
                                           // layer, images get no text); for fuzzing and
                                           // quick checks
};

// Whether a PDF page needs OCR, and why (for logs and tests). Pure.
struct OcrDecision {
  bool ocr = false;
  std::string reason;  // e.g. "text layer has 3 meaningful characters, fewer than 20"
};
OcrDecision decide_page_ocr(const Page& text_layer_page, const LoadOptions& options);

// Sniffs the format from the first bytes (and, for ZIPs, the OOXML parts inside).
Format sniff_format(const std::string& bytes);

struct LoadResult {
  Document document;
  std::vector<Finding> findings;  // DOCUMENT_UNREADABLE, OCR problems, page-limit notes
  // Seconds this call spent per step, for --timings (absent: the step did not run):
  // "text" (open a PDF, read its text layers), "render" (PDF pages to pixels), "decode"
  // (image files), "ocr_prep" (hooks.prepare_for_ocr), "ocr" (Tesseract), "seal"
  // (hooks.inspect), "ocr_turn" (other orientations of a doubtful page).
  std::map<std::string, double> stage_seconds;
};

// Loads one file. `path` is the entry's path inside the bundle; sha256 and size are filled.
LoadResult load_document(const std::string& path, const std::string& bytes,
                         const LoadOptions& options, OcrEngine& ocr);

// Loading one long PDF on several workers at once (pipeline/run does): pdf_pages_to_read
// is the number of pages load_document would read (0 when `bytes` is not a PDF that opens);
// load_pdf_part reads only pages [first, first + count) of it (0-based) exactly as
// load_document reads them; join_parts puts the parts, given in page order, back together
// into what load_document returns for the whole document. Document-level notes (the page
// limit) come with the part starting at page 0. Parts carry no sha256: the caller hashes the
// file once (hashing a long PDF once per part would cost more than the parts save).
int pdf_pages_to_read(const std::string& bytes, const LoadOptions& options);
LoadResult load_pdf_part(const std::string& path, const std::string& bytes,
                         const LoadOptions& options, OcrEngine& ocr, int first, int count);
LoadResult join_parts(std::vector<LoadResult> parts);

}  // namespace shenbao
