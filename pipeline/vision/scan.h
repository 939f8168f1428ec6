// Scan normalisation before OCR: reading text beneath red seals, and straightening pages.
//
// suppress_red turns a colour page into gray where red ink (seals, red titles, red rules)
// becomes paper-light while black and blue text stays dark, so Tesseract reads the company
// name and date that a seal is stamped over. Over the whole page it also erases red text
// that matters (the title of a 红头文件, red figures); restrict it to the seals' boxes
// (SuppressRedOptions::regions) to keep those. deskew measures the page's small rotation
// (a sheet fed crooked into a scanner) from its text lines and rotates it straight.
//
// Costs (CPU, A4 page): suppress_red a few ms; deskew about 80 ms for a gray page at
// 200 dpi and 150 ms at 300 dpi, three times that for RGB (most of it the rotation), so
// the loader should deskew the gray output of suppress_red rather than the colour page.
//
// Thread safety: pure functions; may run on many threads at once.
#pragma once

#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/load/image.h"

namespace shenbao {

enum class RedSuppression {
  // The red channel as the gray image: red ink reflects red light and comes out light,
  // black ink stays dark; black under a semi-transparent seal stays dark. Cheap and keeps
  // anti-aliased edges smooth. Blue and green ink come out dark (kept as text).
  kRedChannel,
  // Luminance gray, with pixels classified as red ink (hue and chroma, as in seal
  // detection) painted white. Leaves the rest of the page exactly as a plain gray
  // conversion would; faint pink fringes around seal strokes may survive as light gray.
  kWhitenRedMask,
};

struct SuppressRedOptions {
  RedSuppression method = RedSuppression::kRedChannel;
  // kWhitenRedMask only: a pixel is red ink when max − min of (r, g, b) ≥ min_chroma and its
  // hue is ≥ red_hue_low or ≤ red_hue_high degrees.
  int min_chroma = 40;
  double red_hue_low = 330;
  double red_hue_high = 25;
  // Where to suppress, in the image's pixels (e.g. the boxes detect_seals returned). Empty:
  // the whole page, unless only_regions. Elsewhere the page becomes plain luminance gray, so
  // red text outside the regions (a 红头文件's title) stays readable.
  std::vector<Box> regions;
  bool only_regions = false;  // true: empty regions suppress nothing (plain gray)
  // Each region is widened on every side by this share of its longer side: the ink of a
  // stamp bleeds past the rim that seal detection found.
  double region_margin = 0.08;
};

// Returns an 8-bit gray Image (channels = 1, same size and dpi) with red ink suppressed.
// A 1-channel input is returned unchanged (it has no colour to tell red by). Never fails:
// an empty or malformed image (channels other than 1 or 3, a pixel buffer shorter than
// width × height × channels) gives an empty Image.
Image suppress_red(const Image& rgb, const SuppressRedOptions& options = {});

struct DeskewOptions {
  double max_angle_deg = 7;      // search ± this many degrees (Leptonica's sweep range)
  double min_angle_deg = 0.1;    // a smaller skew is reported but the page is not rotated
  double min_confidence = 3.0;   // Leptonica's confidence below this: no skew is assumed
  int binarise_threshold = 160;  // gray levels below this count as ink when measuring
};

// Measures the page's skew on a binarised copy (Leptonica's sweep-and-search over the
// projection profiles of text lines) and returns the page rotated straight, same channels,
// same size, same dpi, with white brought in at the corners.
//
// `*angle_out` (optional) receives the rotation that was applied, in degrees, positive for
// clockwise as seen on screen (y down); equivalently, the page's content was tilted by
// −angle. It is 0 when the page has too little text to measure (confidence below
// min_confidence), and the measured value, unapplied, when below min_angle_deg.
// Never fails: an empty or malformed image gives an empty Image; when Leptonica cannot
// binarise or rotate, the input comes back unchanged with angle 0.
Image deskew(const Image& image, double* angle_out = nullptr, const DeskewOptions& options = {});

}  // namespace shenbao
