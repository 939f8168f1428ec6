// Raster images: an owned pixel buffer, and decoding of image files with Leptonica.
//
// Image is the one raster type passed between stages (PDF rendering, OCR, seal
// detection). Only image.cc and ocr.cc include Leptonica headers.
//
// Thread safety: values; Leptonica decoding is reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace shenbao {

struct Image {
  int width = 0, height = 0;
  int channels = 0;          // 1 (gray) or 3 (RGB), 8 bits each, rows tightly packed
  double dpi = 300;          // resolution the pixels represent (from the file or the renderer)
  std::vector<uint8_t> pixels;  // width * height * channels bytes
  bool empty() const { return pixels.empty(); }
};

// Decodes PNG, JPEG (with EXIF orientation applied), TIFF (first page), BMP.
// Refuses images whose declared width × height exceeds max_pixels before decoding them.
Result<Image> decode_image(const std::string& bytes, int64_t max_pixels);

}  // namespace shenbao
