// RgbImage: the raster passed between rendering (cairo), degradation (Leptonica) and
// encoding. Plain value; 8-bit RGB, rows tightly packed.
#pragma once

#include <cstdint>
#include <vector>

namespace samplegen {

struct RgbImage {
  int width = 0, height = 0;
  double dpi = 200;          // what one pixel represents on paper
  std::vector<uint8_t> rgb;  // width * height * 3
  uint8_t* at(int x, int y) { return rgb.data() + (static_cast<size_t>(y) * width + x) * 3; }
  const uint8_t* at(int x, int y) const {
    return rgb.data() + (static_cast<size_t>(y) * width + x) * 3;
  }
};

}  // namespace samplegen
