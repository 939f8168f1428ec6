// OCR: one Tesseract engine (TessBaseAPI), initialised once, reused for many images.
//
// Thread safety: an OcrEngine is NOT thread-safe; give each worker thread its own.
// Only ocr.cc and image.cc include Tesseract and Leptonica headers.
#pragma once

#include <memory>
#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"
#include "pipeline/load/image.h"

namespace shenbao {

struct OcrOptions {
  std::string tessdata_dir;        // empty: the system's default tessdata
  std::string language = "chi_sim";
  int page_timeout_ms = 60'000;    // per page; a page over it gets an error, not a hang
};

class OcrEngine {
 public:
  explicit OcrEngine(OcrOptions options = {});
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Initialises Tesseract lazily on first use; a failure (missing traineddata) is returned
  // by every recognise call.
  // Recognises one image; fills `page` lines/words (boxes in pixels, page.dpi = image dpi),
  // page.width/height, page.ocr_confidence and text_source = kOcr.
  Status recognise(const Image& image, Page& page);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shenbao
