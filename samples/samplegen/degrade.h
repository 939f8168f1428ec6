// Degradation: what a scanner or a phone camera does to a clean page, with Leptonica.
//
// A clean raster (from render.h) goes through paper tint, fading, grain, softness, skew,
// an optional quarter turn (a page fed sideways), and for phone photos a perspective warp
// onto a desk with uneven light. Then JPEG (quality 55-85 in the corpus) or PNG.
//
// Every random choice is drawn from the Rng passed in; the same inputs give the same bytes.
//
// Thread safety: reentrant (Leptonica calls only on local images).
#pragma once

#include <string>

#include "raster.h"
#include "render.h"
#include "rng.h"

namespace samplegen {

enum class Capture {
  kFlatbed,  // an office scanner: flat, even light
  kPhone,    // a phone photo on a desk: perspective, background, vignette
};

struct ScanOptions {
  double dpi = 200;          // scan resolution (the page is rendered at this resolution)
  double skew_deg = 0;       // small rotation, positive clockwise (±2° in the corpus)
  int quarter_turns = 0;     // 1 = fed sideways: the page comes out rotated 90° clockwise
  double noise = 3.0;        // grain, standard deviation in grey levels
  int blur = 0;              // box blur half-width in pixels: 0 none, 1 soft, 3+ very soft
  double fade = 0;           // 0..1: contrast lost (0.8 = a barely legible copy)
  double paper_tint = 0.03;  // yellow-grey cast of the paper, 0..0.1
  Capture capture = Capture::kFlatbed;
  int jpeg_quality = 70;  // 55-85
};

// Applies the options to a clean page raster.
RgbImage degrade(const RgbImage& clean, const ScanOptions& o, Rng& rng);

// Encoders (Leptonica). The image's dpi is written into the file (JFIF density / pHYs).
std::string encode_jpeg(const RgbImage& img, int quality);
std::string encode_png(const RgbImage& img);

// Rasterises a page at o.dpi, degrades it and encodes it as JPEG.
ScannedPage scan_page(const PageDraft& page, const ScanOptions& o, Rng& rng);

}  // namespace samplegen
