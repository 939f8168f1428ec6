#include "pipeline/vision/table_cells.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>

#include "pipeline/vision/pix.h"

namespace shenbao {

namespace {

using vision_internal::PixPtr;

struct BoxaDeleter {
  void operator()(Boxa* b) const {
    if (b != nullptr) boxaDestroy(&b);
  }
};
using BoxaPtr = std::unique_ptr<Boxa, BoxaDeleter>;

int mm_to_px(double mm, double dpi) { return std::max(1, static_cast<int>(std::lround(mm / 25.4 * dpi))); }

}  // namespace

RuledCells find_ruled_cells(const Image& image, const RuledCellOptions& options) {
  RuledCells out;
  if (image.dpi <= 0) return out;
  PixPtr pix = vision_internal::to_pix(image);
  if (!pix) return out;
  PixPtr gray(image.channels == 3 ? pixConvertRGBToLuminance(pix.get()) : pixClone(pix.get()));
  PixPtr binary(gray ? pixThresholdToBinary(gray.get(), options.binarise_threshold) : nullptr);
  if (!binary) return out;

  const int run = mm_to_px(options.min_rule_mm, image.dpi);
  PixPtr across(pixOpenBrick(nullptr, binary.get(), run, 1));
  PixPtr down(pixOpenBrick(nullptr, binary.get(), 1, run));
  PixPtr rules(across && down ? pixOr(nullptr, across.get(), down.get()) : nullptr);
  const int join = mm_to_px(options.join_mm, image.dpi) | 1;  // odd: centred
  PixPtr mask(rules ? pixDilateBrick(nullptr, rules.get(), join, join) : nullptr);
  PixPtr holes(mask ? pixInvert(nullptr, mask.get()) : nullptr);
  if (!holes) return out;
  BoxaPtr boxes(pixConnCompBB(holes.get(), 4));
  if (!boxes) return out;

  const int width = pixGetWidth(holes.get()), height = pixGetHeight(holes.get());
  const int min_w = mm_to_px(options.min_cell_width_mm, image.dpi);
  const int min_h = mm_to_px(options.min_cell_height_mm, image.dpi);
  const int max_h = mm_to_px(options.max_cell_height_mm, image.dpi);
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    if (boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h) != 0) continue;
    if (x == 0 || y == 0 || x + w >= width || y + h >= height) continue;  // outside any table
    if (w < min_w || h < min_h || h > max_h) continue;
    out.cells.push_back({1.0 * x, 1.0 * y, 1.0 * (x + w), 1.0 * (y + h)});
  }
  if (static_cast<int>(out.cells.size()) < options.min_cells) {
    out.cells.clear();
    return out;
  }
  std::sort(out.cells.begin(), out.cells.end(), [](const Box& a, const Box& b) {
    return a.y0 != b.y0 ? a.y0 < b.y0 : a.x0 < b.x0;
  });

  // The rules painted in the paper's colour (the page's median gray: mostly paper), not
  // white, so that a cell's crop has one background.
  l_uint32 paper = 255;
  if (pixGetRankValue(gray.get(), 1, 0.5f, &paper) != 0) paper = 255;
  PixPtr clean(pixCopy(nullptr, gray.get()));
  if (!clean || pixPaintThroughMask(clean.get(), mask.get(), 0, 0, paper) != 0) {
    out.cells.clear();
    return out;
  }
  out.clean = vision_internal::from_pix(clean.get(), image.dpi);
  return out;
}

}  // namespace shenbao
