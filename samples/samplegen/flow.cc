#include "flow.h"

#include <utility>

namespace samplegen {

Flow::Flow(FlowStyle style) : style_(std::move(style)) {}

void Flow::title(std::string text, double space_after, double size) {
  Font f = style_.title;
  if (size > 0) f.size = size;
  blocks_.push_back({[text, f, space_after](Painter& p, double x, double y, double w) {
                       TextOpts o;
                       o.width = w;
                       o.align = Align::kCenter;
                       o.line_spacing = 1.2;
                       return p.text(x, y, text, f, o) + space_after;
                     },
                     false, true, nullptr, 0});
}

void Flow::subtitle(std::string text, const Font& f, Align align, double space_after) {
  blocks_.push_back({[text, f, align, space_after](Painter& p, double x, double y, double w) {
                       TextOpts o;
                       o.width = w;
                       o.align = align;
                       return p.text(x, y, text, f, o) + space_after;
                     },
                     false, true, nullptr, 0});
}

void Flow::heading(std::string text) {
  Font f = style_.heading;
  blocks_.push_back({[text, f](Painter& p, double x, double y, double w) {
                       TextOpts o;
                       o.width = w;
                       return 6 + p.text(x, y + 6, text, f, o) + 4;
                     },
                     false, true, nullptr, 0});
}

void Flow::para(std::string text, bool indent) {
  Font f = style_.body;
  double spacing = style_.line_spacing;
  blocks_.push_back({[text, f, spacing, indent](Painter& p, double x, double y, double w) {
                       TextOpts o;
                       o.width = w;
                       o.line_spacing = spacing;
                       o.indent = indent ? 2 * f.size : 0;
                       o.justify = true;
                       return p.text(x, y, text, f, o) + f.size * 0.5;
                     },
                     false, false, nullptr, 0});
}

void Flow::line(std::string text, const Font& f, Align align, double space_after) {
  blocks_.push_back({[text, f, align, space_after](Painter& p, double x, double y, double w) {
                       TextOpts o;
                       o.width = w;
                       o.align = align;
                       o.line_spacing = 1.3;
                       return p.text(x, y, text, f, o) + space_after;
                     },
                     false, false, nullptr, 0});
}

void Flow::table(TableSpec spec, double space_after) {
  auto shared = std::make_shared<const TableSpec>(std::move(spec));
  for (size_t r = 0; r < shared->rows.size(); ++r) {
    const bool last = r + 1 == shared->rows.size();
    blocks_.push_back({[shared, r, last, space_after](Painter& p, double x, double y, double) {
                         return p.table_row(*shared, r, x, y) + (last ? space_after : 0);
                       },
                       false, static_cast<int>(r) < shared->header_rows, shared, r});
  }
}

void Flow::space(double points) {
  blocks_.push_back(
      {[points](Painter&, double, double, double) { return points; }, false, false, nullptr, 0});
}

void Flow::block(double height, Draw draw, bool keep_with_next) {
  blocks_.push_back({[height, draw](Painter& p, double x, double y, double w) {
                       if (!p.measure_only()) draw(p, x, y, w);
                       return height;
                     },
                     false, keep_with_next, nullptr, 0});
}

void Flow::page_break() {
  Block b;
  b.page_break = true;
  blocks_.push_back(std::move(b));
}

void Flow::decorate(Decorate d) { decorations_.push_back(std::move(d)); }

DocDraft Flow::finish() const {
  struct Placed {
    std::function<double(Painter&, double, double, double)> draw;
    double y;
  };
  std::vector<std::vector<Placed>> pages(1);
  auto measure = Painter::measuring(style_.width, style_.height);
  const double top = style_.margin_top, bottom = style_.height - style_.margin_bottom;
  const double x = style_.margin_left, w = content_width();
  auto h_of = [&](const Block& b) { return b.page_break ? 0.0 : b.draw(*measure, x, 0, w); };

  double y = top;
  for (size_t i = 0; i < blocks_.size(); ++i) {
    const Block& b = blocks_[i];
    if (b.page_break) {
      pages.emplace_back();
      y = top;
      continue;
    }
    double h = h_of(b);
    double need = h;
    if (b.keep_with_next && i + 1 < blocks_.size() && !blocks_[i + 1].page_break)
      need += h_of(blocks_[i + 1]);
    if (y + need > bottom && y > top + 1) {
      pages.emplace_back();
      y = top;
      // A table continuing on a new page repeats its header rows.
      if (b.table && static_cast<int>(b.row) >= b.table->header_rows) {
        for (int r = 0; r < b.table->header_rows; ++r) {
          auto t = b.table;
          auto draw = [t, r](Painter& p, double xx, double yy, double) {
            return p.table_row(*t, static_cast<size_t>(r), xx, yy);
          };
          pages.back().push_back({draw, y});
          y += draw(*measure, x, 0, w);
        }
      }
    }
    pages.back().push_back({b.draw, y});
    y += h;
  }

  DocDraft draft;
  const int count = static_cast<int>(pages.size());
  auto decorations = std::make_shared<const std::vector<Decorate>>(decorations_);
  for (int i = 0; i < count; ++i) {
    auto placed =
        std::make_shared<const std::vector<Placed>>(std::move(pages[static_cast<size_t>(i)]));
    PageDraft page;
    page.width = style_.width;
    page.height = style_.height;
    page.paint = [placed, decorations, i, count, x, w](Painter& p) {
      for (const auto& pl : *placed) pl.draw(p, x, pl.y, w);
      for (const auto& d : *decorations) d(p, i + 1, count);
    };
    draft.pages.push_back(std::move(page));
  }
  return draft;
}

}  // namespace samplegen
