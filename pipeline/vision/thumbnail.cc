#include "pipeline/vision/thumbnail.h"

#include <leptonica/allheaders.h>

#include <cstdlib>

#include "pipeline/vision/pix.h"

namespace shenbao {

using vision_internal::PixPtr;

Thumbnail page_thumbnail(const Image& image, int max_width) {
  if (image.empty() || image.width <= 0 || image.height <= 0 || max_width <= 0) return {};
  PixPtr pix = vision_internal::to_pix(image);
  if (!pix) return {};
  const float factor = image.width > max_width ? static_cast<float>(max_width) / image.width : 1.0f;
  // pixScale low-pass filters before it subsamples, so thin text strokes become gray
  // instead of vanishing.
  PixPtr small(factor < 1.0f ? pixScale(pix.get(), factor, factor) : pixClone(pix.get()));
  if (!small) return {};
  l_uint8* data = nullptr;
  size_t size = 0;
  if (pixWriteMemPng(&data, &size, small.get(), 0.0f) != 0 || data == nullptr) return {};
  Thumbnail t;
  t.png.assign(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  t.width = pixGetWidth(small.get());
  t.height = pixGetHeight(small.get());
  return t;
}

}  // namespace shenbao
