// Internal to the vision stage (not part of its API): Image ↔ Leptonica PIX conversion and
// ownership of PIX values. Only pix.cc includes Leptonica headers; the other .cc files of
// this stage include them too where they call Leptonica, but headers never do.
//
// Thread safety: pure functions over values.
#pragma once

#include <memory>

#include "pipeline/load/image.h"

struct Pix;  // Leptonica's PIX

namespace shenbao::vision_internal {

struct PixDeleter {
  void operator()(Pix* pix) const;  // pixDestroy
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

// 8 bpp gray for a 1-channel Image, 32 bpp RGB for a 3-channel one, with the Image's dpi
// as resolution. Null for an empty image or an unsupported channel count.
PixPtr to_pix(const Image& image);

// The reverse: 8 bpp → 1 channel, 32 bpp → 3 channels; other depths are converted to 8 bpp
// gray first. An empty Image when `pix` is null.
Image from_pix(Pix* pix, double dpi);

}  // namespace shenbao::vision_internal
