// OCR: one Tesseract engine (TessBaseAPI), initialised once, reused for many images.
//
// The engine runs Tesseract's LSTM recogniser with automatic page segmentation (PSM_AUTO:
// application forms mix headings, label/value lines and tables, which the single-block
// mode would merge). Words come from the ResultIterator one text line at a time, so a
// page's Lines are Tesseract's own lines, each word with its box and confidence.
//
// Thread safety: an OcrEngine is NOT thread-safe; give each worker thread its own.
// Tesseract itself spawns OpenMP threads per engine; a program running one engine per
// worker should set OMP_THREAD_LIMIT=1 in its environment before the first engine starts
// (the caller's job: this class does not touch the environment).
// Only ocr.cc and image.cc include Tesseract and Leptonica headers.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"
#include "pipeline/load/image.h"

namespace shenbao {

struct OcrOptions {
  std::string tessdata_dir;  // empty: the system's default tessdata
  std::string language = "chi_sim";
  // Numbers read alone (a table cell's amount, recognise_number): Tesseract's English
  // model reads digits on a 200-dpi scan far better than chi_sim does (on the corpus's
  // scanned investment table: 10 of 11 amounts against 6 of 11, same crops), restricted to
  // these characters, scaled to each resolution, the most confident reading kept (which
  // resolution reads best differs from cell to cell: 12.21 at 200 dpi, 13.53 at 300).
  std::string number_language = "eng";
  std::string number_characters = "0123456789.,-()";
  std::vector<double> number_dpis = {200, 300, 400};
  double number_sure = 0.93;  // a reading this confident ends the search (most cells: one)
  int page_timeout_ms = 60'000;  // per page; a page over it gets an error, not a hang.
                                 // Checked during word recognition: Tesseract's layout
                                 // analysis before it cannot be interrupted (it is the
                                 // smaller part: ~0.4 s CPU of a dense A4 page at 300 dpi)
};

class OcrEngine {
 public:
  explicit OcrEngine(OcrOptions options = {});
  ~OcrEngine();
  OcrEngine(const OcrEngine&) = delete;
  OcrEngine& operator=(const OcrEngine&) = delete;

  // Initialises Tesseract now (it is otherwise done on first use) and says whether it
  // worked: kInternal when the traineddata is missing or unreadable. Lets a program fail
  // at start-up rather than on every page.
  Status ready();

  // Initialises Tesseract lazily on first use; a failure (missing traineddata) is returned
  // by every recognise call.
  // Recognises one image; fills `page` lines/words (boxes in pixels, page.dpi = image dpi),
  // page.width/height, page.ocr_confidence and text_source = kOcr. Existing lines of
  // `page` are replaced. ocr_confidence is the mean word confidence (0..1), nullopt when
  // no word was found (a blank page).
  // Failures: kInvalidArgument (empty image or not 1/3 channels), kTimeout (over
  // page_timeout_ms; `page` is left without lines), kInternal (Tesseract failed).
  Status recognise(const Image& image, Page& page);

  // Reads one number from `crop` (8-bit gray, holding that number alone, e.g. a table cell
  // with its rules painted out) with the number model (OcrOptions::number_*): one line of
  // text, at each of number_dpis, keeping the most confident reading. `text` is empty when nothing
  // was read. Failures: kInvalidArgument (not a gray image), kInternal (the number model
  // cannot be loaded).
  struct NumberReading {
    std::string text;
    double confidence = 0;  // 0..1
  };
  Result<NumberReading> recognise_number(const Image& crop);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shenbao
