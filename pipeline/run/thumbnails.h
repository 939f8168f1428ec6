// Which page pictures a bundle's report shows: every page a finding points at (a finding on
// a whole document points at its first page), then each document's first sealed page, at
// most `max_pictures` in all, findings first; in bundle order. Seals are outlined on them.
//
// Thread safety: pure function.
#pragma once

#include <cstddef>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/emit/html.h"

namespace shenbao {

std::vector<PageThumbnail> report_thumbnails(const std::vector<Document>& docs,
                                             const std::vector<Finding>& findings,
                                             size_t max_pictures = 40);

}  // namespace shenbao
