#include "pipeline/vision/scan.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "pipeline/vision/colour.h"
#include "pipeline/vision/pix.h"

namespace shenbao {
namespace {

using vision_internal::PixPtr;

bool well_formed(const Image& image) {
  return image.width > 0 && image.height > 0 && (image.channels == 1 || image.channels == 3) &&
         image.pixels.size() >= static_cast<size_t>(image.width) * image.height * image.channels;
}

}  // namespace

Image suppress_red(const Image& rgb, const SuppressRedOptions& options) {
  if (!well_formed(rgb)) return Image{};
  if (rgb.channels == 1) return rgb;
  Image gray;
  gray.width = rgb.width;
  gray.height = rgb.height;
  gray.channels = 1;
  gray.dpi = rgb.dpi;
  gray.pixels.resize(static_cast<size_t>(rgb.width) * rgb.height);

  auto luminance = [](const uint8_t* p) {
    return static_cast<uint8_t>((299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000);
  };
  auto suppressed = [&](const uint8_t* p) -> uint8_t {
    if (options.method == RedSuppression::kRedChannel) return p[0];
    const int r = p[0], g = p[1], b = p[2];
    const int mx = std::max({r, g, b});
    const int chroma = mx - std::min({r, g, b});
    if (chroma > 0 && chroma >= options.min_chroma &&
        vision_internal::in_red_band(vision_internal::hue_degrees(r, g, b, mx, chroma),
                                     options.red_hue_low, options.red_hue_high)) {
      return 255;
    }
    return luminance(p);
  };
  // Rows [y0, y1) × columns [x0, x1) through `f`.
  auto convert = [&](int x0, int y0, int x1, int y1, auto f) {
    for (int y = y0; y < y1; ++y) {
      const size_t row = static_cast<size_t>(y) * rgb.width;
      const uint8_t* p = rgb.pixels.data() + (row + x0) * 3;
      uint8_t* out = gray.pixels.data() + row + x0;
      for (int x = x0; x < x1; ++x, p += 3) *out++ = f(p);
    }
  };

  if (options.regions.empty() && !options.only_regions) {
    convert(0, 0, rgb.width, rgb.height, suppressed);
    return gray;
  }
  convert(0, 0, rgb.width, rgb.height, luminance);
  for (const Box& region : options.regions) {
    const double pad = options.region_margin * std::max(region.width(), region.height());
    const Box box{region.x0 - pad, region.y0 - pad, region.x1 + pad, region.y1 + pad};
    const int x0 = std::clamp(static_cast<int>(std::floor(box.x0)), 0, rgb.width);
    const int y0 = std::clamp(static_cast<int>(std::floor(box.y0)), 0, rgb.height);
    const int x1 = std::clamp(static_cast<int>(std::ceil(box.x1)), 0, rgb.width);
    const int y1 = std::clamp(static_cast<int>(std::ceil(box.y1)), 0, rgb.height);
    if (x0 < x1 && y0 < y1) convert(x0, y0, x1, y1, suppressed);
  }
  return gray;
}

Image deskew(const Image& image, double* angle_out, const DeskewOptions& options) {
  if (angle_out != nullptr) *angle_out = 0;
  if (!well_formed(image)) return Image{};
  PixPtr pix = vision_internal::to_pix(image);
  if (!pix) return image;
  PixPtr gray(image.channels == 3 ? pixConvertRGBToLuminance(pix.get()) : nullptr);
  Pix* gray8 = gray ? gray.get() : pix.get();
  PixPtr binary(pixThresholdToBinary(gray8, options.binarise_threshold));
  if (!binary) return image;

  // Leptonica's reductions are meant for ~300 dpi; keep the sweep near 75 dpi.
  const int sweep_reduction = image.dpi >= 250 ? 4 : image.dpi >= 125 ? 2 : 1;
  const int search_reduction = std::max(1, sweep_reduction / 2);
  l_float32 angle = 0, confidence = 0;
  if (pixFindSkewSweepAndSearch(binary.get(), &angle, &confidence, sweep_reduction,
                                search_reduction, static_cast<l_float32>(options.max_angle_deg),
                                1.0f, 0.01f) != 0) {
    return image;
  }
  if (confidence < options.min_confidence) return image;
  if (angle_out != nullptr) *angle_out = angle;
  if (std::fabs(angle) < options.min_angle_deg) return image;

  PixPtr rotated(pixRotate(pix.get(), static_cast<l_float32>(angle * std::numbers::pi / 180.0),
                           L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  if (!rotated) {
    if (angle_out != nullptr) *angle_out = 0;
    return image;
  }
  return vision_internal::from_pix(rotated.get(), image.dpi);
}

}  // namespace shenbao
