// Raster images: an owned pixel buffer, and decoding of image files with Leptonica.
//
// Image is the one raster type passed between stages (PDF rendering, OCR, seal
// detection). Only image.cc and ocr.cc include Leptonica headers.
//
// Decoding is defensive: the header is read first and an image whose declared width ×
// height exceeds the limit is refused before a single pixel is decoded (decompression
// bombs). Alpha is blended onto white (a transparent PNG of black text stays readable),
// colour maps are expanded, 1/2/4/16-bit images become 8-bit gray, colour images 8-bit RGB.
//
// Resolution: taken from the file when credible (70..2400 dpi, Tesseract's own range);
// otherwise (missing, 72/96 "screen" values of photos and screenshots) 300 is assumed.
//
// Thread safety: values; Leptonica decoding is reentrant. Leptonica's error messages
// raised while decoding on a thread are captured into the returned Status' message
// instead of being printed; messages raised elsewhere still go to stderr.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace shenbao {

struct Image {
  int width = 0, height = 0;
  int channels = 0;             // 1 (gray) or 3 (RGB), 8 bits each, rows tightly packed
  double dpi = 300;             // resolution the pixels represent (from the file or the renderer)
  std::vector<uint8_t> pixels;  // width * height * channels bytes
  bool empty() const { return pixels.empty(); }
  size_t stride() const { return static_cast<size_t>(width) * channels; }  // bytes per row
  // Pointer to the first byte of pixel (x, y). No bounds check.
  const uint8_t* at(int x, int y) const { return pixels.data() + y * stride() + x * channels; }
};

// The pixels of `image` in columns [x0, x1) and rows [y0, y1), clipped to the image; same
// channels and dpi. Empty when nothing is left after clipping.
Image crop_image(const Image& image, int x0, int y0, int x1, int y1);

// Decodes PNG, JPEG (with EXIF orientation applied), TIFF (first page), BMP.
// Refuses images whose declared width × height exceeds max_pixels before decoding them.
// Failures: kRejected (over max_pixels), kUnsupported (a format Leptonica cannot read),
// kCorrupt (header or pixel data damaged).
Result<Image> decode_image(const std::string& bytes, int64_t max_pixels);

// Like decode_image, but every page of a multi-page TIFF (up to max_pages; other formats
// have one page). Each page is checked against max_pixels before it is decoded.
// `*more_pages` (optional) is set to true when the file had pages beyond max_pages.
Result<std::vector<Image>> decode_image_pages(const std::string& bytes, int64_t max_pixels,
                                              int max_pages, bool* more_pages = nullptr);

// Decodes a JPEG as a PDF shows it (pdf_scan.h): the stored pixels, any EXIF orientation
// ignored (PDF viewers ignore it too), the resolution left at the default for the caller
// to set. Refuses data that is not a JPEG (kUnsupported) and images over max_pixels
// (kRejected) before decoding; kCorrupt when the data is damaged.
Result<Image> decode_jpeg_as_stored(const std::string& bytes, int64_t max_pixels);

// The EXIF Orientation (1..8) of a JPEG's APP1 segment; 1 when absent or unreadable.
// Pure parsing of the bytes, no decoding.
int jpeg_exif_orientation(const std::string& jpeg_bytes);

// `image` turned `quarter_turns` quarter turns clockwise (any integer; 0 mod 4 is a copy).
Image turn_clockwise(const Image& image, int quarter_turns);

// Returns `image` transformed so that an image stored with EXIF `orientation` (1..8) is
// upright: 3 = rotate 180°, 6 = rotate 90° clockwise, 8 = 90° anticlockwise, 2/4/5/7 the
// mirrored variants. Values outside 2..8 return the image unchanged.
Image apply_exif_orientation(const Image& image, int orientation);

}  // namespace shenbao
