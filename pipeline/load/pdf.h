// PDF documents, read with poppler-cpp behind an opaque wrapper.
//
// PdfDocument opens a PDF held in memory and hands out, per page, the text layer as
// Lines of Words (boxes in PDF points, top-left origin, the page's /Rotate applied) and
// renderings as Image (8-bit gray or RGB). Later stages (seal detection) render pages
// through it and never include Poppler headers; only pdf.cc does.
//
//   Result<PdfDocument> pdf = PdfDocument::open(bytes);
//   if (!pdf.ok()) ...                   // kCorrupt or kEncrypted
//   for (int i = 0; i < pdf->page_count(); ++i) {
//     Result<Page> page = pdf->text_page(i);                   // page.number == i + 1
//     Result<Image> scan = pdf->render(i, 300, ImageMode::kRgb, 120'000'000);
//   }
//
// Passwords: a PDF with only an owner password (permissions) opens normally; one that
// needs a user password to open is kEncrypted. Poppler's own diagnostics are not printed:
// those raised by a call are folded into that call's Status message.
//
// Thread safety: one PdfDocument must be used by one thread at a time; different
// documents may be used on different threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"
#include "pipeline/load/image.h"

namespace shenbao {

// How a page is rendered.
enum class ImageMode {
  kGray,  // 1 channel: enough for OCR, a third of the memory
  kRgb,   // 3 channels: for colour work (red seals)
};

class PdfDocument {
 public:
  // Opens a PDF from its bytes (taken over; Poppler reads them lazily, so the document
  // keeps them). Failures: kCorrupt (not a PDF, broken beyond Poppler's repair, or no
  // pages), kEncrypted (a user password is needed).
  static Result<PdfDocument> open(std::string bytes);

  PdfDocument(PdfDocument&&) noexcept;
  PdfDocument& operator=(PdfDocument&&) noexcept;
  ~PdfDocument();

  int page_count() const;

  // The page's size in points (72 per inch) as displayed, i.e. with /Rotate applied:
  // width and height are swapped for pages rotated by 90° or 270°.
  // Failure: kInvalidArgument (index out of range), kCorrupt (page object broken).
  Result<Box> page_box(int index) const;

  // The text layer of page `index` (0-based): a Page numbered index + 1, dpi 72, width and
  // height as page_box, text_source kTextLayer when it holds any word (else kNone). Words
  // are Poppler's text boxes (confidence 1); they are grouped into lines by vertical
  // overlap, lines top to bottom, words left to right.
  Result<Page> text_page(int index) const;

  // Renders page `index` at `dpi` (antialiased, white paper). The pixel count is checked
  // before rendering: over `max_pixels` → kRejected, nothing rendered.
  // Failures: kInvalidArgument (index, dpi <= 0), kRejected, kCorrupt (render failed).
  Result<Image> render(int index, double dpi, ImageMode mode, int64_t max_pixels) const;

 private:
  struct Impl;
  explicit PdfDocument(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Groups words (any order) into lines: a word joins the line whose vertical span overlaps
// its own by at least half of the smaller height; lines come out top to bottom, words
// left to right, each line's box the union of its words'. Pure; used for text layers.
std::vector<Line> group_words_into_lines(std::vector<Word> words);

}  // namespace shenbao
