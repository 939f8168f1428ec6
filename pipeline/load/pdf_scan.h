// Scanned PDF pages as the scanner stored them: the one JPEG that covers the page.
//
// Scanners and phone apps make each PDF page out of one JPEG drawn over the whole page,
// at the resolution it was scanned at. Such a page is best read from that JPEG: decoding
// it is cheaper than rendering the page again, and OCR at the scan's own resolution
// needs no resampling (bench/ocr-results.md: a 200 dpi scan read at its own 200 dpi read
// as well as upscaled to 300 dpi, in two thirds of the time). Read with qpdf; only this
// file's .cc includes qpdf headers.
//
//   PdfScanImages scans(bytes);                  // bytes must outlive `scans`
//   if (std::optional<PageScan> s = scans.full_page_jpeg(i)) {
//     Result<Image> image = decode_jpeg_as_stored(s->jpeg, limit);  // image.h
//     ... image->dpi = s->dpi, turned s->rotate degrees clockwise: the page as displayed
//   }
//
// A page qualifies only when nothing can differ between the JPEG and a render of the
// page: its contents draw exactly one image and nothing else (q, Q, cm, one Do, graphics
// states of full opacity and normal blending, clips that leave the page visible),
// unrotated and unflipped, covering the page's crop box to within 1 % of each side; the
// image is a JPEG (/DCTDecode alone), 8-bit gray or RGB, without masks or a /Decode array;
// its pixels are square to 2 %. Anything else (vector drawings, text, several images,
// CMYK, JBIG2 or CCITT scans, a PDF qpdf cannot read) gives nullopt and the caller
// renders the page as before.
//
// Thread safety: one PdfScanImages per thread; never throws (qpdf's exceptions are caught
// and mean "no scan").
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace shenbao {

struct PageScan {
  std::string jpeg;  // the image stream's bytes as stored: a complete JPEG file
  double dpi = 0;    // its resolution on the page (pixels per inch of the crop box)
  int rotate = 0;    // the page's /Rotate (0, 90, 180, 270): how far to turn the decoded
                     // image clockwise to get the page as displayed
};

class PdfScanImages {
 public:
  // Parses the PDF's structure (lazily: objects are read when asked for). Never throws;
  // a PDF qpdf cannot open simply has no scans.
  explicit PdfScanImages(const std::string& bytes);
  // qpdf reads the caller's bytes lazily, so they must outlive this object: a temporary
  // would be freed while still in use.
  explicit PdfScanImages(std::string&& bytes) = delete;
  PdfScanImages(const PdfScanImages&) = delete;
  PdfScanImages& operator=(const PdfScanImages&) = delete;
  ~PdfScanImages();

  // Page `index` (0-based, the order of the page tree) when it is one full-page JPEG as
  // described above; otherwise nullopt.
  std::optional<PageScan> full_page_jpeg(int index) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shenbao
