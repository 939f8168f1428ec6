// Small pictures of pages for the reviewer's report (issue 8: "a thumbnail of each page
// that carries a finding or a seal"). Made from the page image the loader already has in
// hand for seal detection, so no page is rendered twice.
//
// Thread safety: pure function; may run on many threads at once.
#pragma once

#include <string>

#include "pipeline/load/image.h"

namespace shenbao {

struct Thumbnail {
  std::string png;  // PNG bytes; empty when none could be made
  int width = 0, height = 0;
};

// The page scaled (down only, keeping its aspect ratio) to at most `max_width` pixels wide
// and encoded as PNG, colours kept so that red seals stay red. Empty on failure (an empty
// image, a non-positive width, an encoder error).
Thumbnail page_thumbnail(const Image& image, int max_width = 320);

}  // namespace shenbao
