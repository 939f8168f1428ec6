#include "pipeline/vision/pix.h"

#include <leptonica/allheaders.h>

namespace shenbao::vision_internal {

void PixDeleter::operator()(Pix* pix) const {
  if (pix != nullptr) pixDestroy(&pix);
}

PixPtr to_pix(const Image& image) {
  if (image.empty() || image.width <= 0 || image.height <= 0) return nullptr;
  if (image.channels != 1 && image.channels != 3) return nullptr;
  const size_t need = static_cast<size_t>(image.width) * image.height * image.channels;
  if (image.pixels.size() < need) return nullptr;
  const int depth = image.channels == 1 ? 8 : 32;
  PixPtr pix(pixCreateNoInit(image.width, image.height, depth));
  if (!pix) return nullptr;
  const int res = static_cast<int>(image.dpi + 0.5);
  pixSetResolution(pix.get(), res, res);
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  const uint8_t* src = image.pixels.data();
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    if (depth == 8) {
      for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, *src++);
    } else {
      for (int x = 0; x < image.width; ++x, src += 3) {
        line[x] = (static_cast<l_uint32>(src[0]) << L_RED_SHIFT) |
                  (static_cast<l_uint32>(src[1]) << L_GREEN_SHIFT) |
                  (static_cast<l_uint32>(src[2]) << L_BLUE_SHIFT);
      }
    }
  }
  return pix;
}

Image from_pix(Pix* pix, double dpi) {
  Image out;
  if (pix == nullptr) return out;
  PixPtr converted;
  int depth = pixGetDepth(pix);
  if (depth != 8 && depth != 32) {
    converted.reset(pixConvertTo8(pix, 0));
    if (!converted) return out;
    pix = converted.get();
    depth = 8;
  } else if (depth == 8 && pixGetColormap(pix) != nullptr) {
    converted.reset(pixRemoveColormap(pix, REMOVE_CMAP_TO_GRAYSCALE));
    if (!converted) return out;
    pix = converted.get();
  }
  out.width = pixGetWidth(pix);
  out.height = pixGetHeight(pix);
  out.channels = depth == 8 ? 1 : 3;
  out.dpi = dpi;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * out.channels);
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  uint8_t* dst = out.pixels.data();
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    if (depth == 8) {
      for (int x = 0; x < out.width; ++x) *dst++ = GET_DATA_BYTE(line, x);
    } else {
      for (int x = 0; x < out.width; ++x) {
        const l_uint32 v = line[x];
        *dst++ = (v >> L_RED_SHIFT) & 0xff;
        *dst++ = (v >> L_GREEN_SHIFT) & 0xff;
        *dst++ = (v >> L_BLUE_SHIFT) & 0xff;
      }
    }
  }
  return out;
}

}  // namespace shenbao::vision_internal
