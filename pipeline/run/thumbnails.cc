#include "pipeline/run/thumbnails.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

namespace shenbao {

namespace {

// (document index, page index) of the pages to show.
using PageRef = std::pair<size_t, size_t>;

bool has_picture(const Page& p) { return !p.thumbnail_png.empty() && p.thumbnail_width > 0; }

PageThumbnail picture_of(const Document& d, const Page& p) {
  PageThumbnail t;
  t.document = d.path;
  t.page = p.number;
  t.png = p.thumbnail_png;
  const double scale = p.width > 0 ? p.thumbnail_width / p.width : 0.0;
  for (const Seal& s : p.seals) {
    PageThumbnail::Outline o;
    o.kind = "seal";
    o.x0 = static_cast<int>(std::floor(s.box.x0 * scale));
    o.y0 = static_cast<int>(std::floor(s.box.y0 * scale));
    o.x1 = static_cast<int>(std::ceil(s.box.x1 * scale));
    o.y1 = static_cast<int>(std::ceil(s.box.y1 * scale));
    t.outlines.push_back(o);
  }
  return t;
}

}  // namespace

std::vector<PageThumbnail> report_thumbnails(const std::vector<Document>& docs,
                                             const std::vector<Finding>& findings,
                                             size_t max_pictures) {
  std::set<PageRef> chosen;
  auto choose = [&](const PageRef& ref) {
    if (chosen.size() < max_pictures) chosen.insert(ref);
  };
  for (const Finding& f : findings) {
    if (f.document.empty()) continue;
    const int wanted = f.page.value_or(1);  // a finding on a whole document: its first page
    for (size_t di = 0; di < docs.size(); ++di) {
      const Document& d = docs[di];
      if (d.path != f.document) continue;
      for (size_t pi = 0; pi < d.pages.size(); ++pi) {
        if (d.pages[pi].number == wanted && has_picture(d.pages[pi])) choose({di, pi});
      }
    }
  }
  for (size_t di = 0; di < docs.size(); ++di) {
    const std::vector<Page>& pages = docs[di].pages;
    const auto sealed = std::find_if(pages.begin(), pages.end(), [](const Page& p) {
      return !p.seals.empty() && has_picture(p);
    });
    if (sealed != pages.end()) choose({di, static_cast<size_t>(sealed - pages.begin())});
  }
  std::vector<PageThumbnail> out;
  out.reserve(chosen.size());
  for (const auto& [di, pi] : chosen) out.push_back(picture_of(docs[di], docs[di].pages[pi]));
  return out;
}

}  // namespace shenbao
