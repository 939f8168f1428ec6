// Reading one page image with OCR, and a second look that only doubtful pages pay for.
//
// read_page_image runs, in order: hooks.inspect (seal check, page picture) on the colour
// image; hooks.prepare_for_ocr (red ink taken out, told where the seals are); Tesseract;
// then, orientation: a page read with mean word confidence below turn_below is read again
// turned 180°, 90° and 270°; a turn whose confidence beats the first by turn_margin wins,
// and the page (words, seals, picture) is the turned one. Tesseract's layout analysis copes
// with a page fed sideways one way round (it takes the lines for vertical Chinese) but not
// the other way, nor upside down: such a page reads as nonsense at a mean word confidence
// of about 0.2 against about 0.9 upright (measured on the corpus's street approval form).
// A page read with confidence pays nothing more.
//
// Thread safety: as OcrEngine (one per thread); the functions are otherwise pure.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"
#include "pipeline/load/image.h"
#include "pipeline/load/ocr.h"

namespace shenbao {

// Stages that look at page images, supplied by the run (pipeline/vision) so that the loader
// does not depend on them. Each page image the loader holds — a render for OCR, a decoded
// scan or photo, or a low-resolution render of a text-layer page — is shown to `inspect`
// once, in colour; `prepare_for_ocr` turns it into what Tesseract reads. Empty: not run.
struct PageImageHooks {
  // Looks at the colour image of `page` (e.g. finds seals, filling page.seals in page units:
  // multiply pixels by page.dpi / image.dpi; makes page.thumbnail_png).
  std::function<void(const Image& image, Page& page)> inspect;
  // Returns the image to OCR (e.g. red ink suppressed where the seals are). `seals` are
  // what inspect found on this image, in its pixels. Identity when empty.
  std::function<Image(const Image& image, const std::vector<Seal>& seals)> prepare_for_ocr;
};

struct PageReadOptions {
  double turn_below = 0.5;               // first reading's confidence that tries other turns
  double turn_margin = 0.2;              // how much surer a turned reading must be
};

struct PageReading {
  Status status;          // of the first OCR; not ok: `page` has no lines
  Page page;              // lines in the (possibly turned) image's pixels, dpi = image's
  int quarter_turns = 0;  // clockwise turns applied to the image before the kept reading
};

// Reads `image` (colour or gray). The page's seals and picture (from hooks.inspect) are in
// `reading.page` too, in the same pixels as its words. `seconds` (optional) receives the
// time per step: "seal", "ocr_prep", "ocr", "ocr_turn".
PageReading read_page_image(const Image& image, int page_number, OcrEngine& ocr,
                            const PageImageHooks& hooks, const PageReadOptions& options,
                            std::map<std::string, double>* seconds = nullptr);

}  // namespace shenbao
