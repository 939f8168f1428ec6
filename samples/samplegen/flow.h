// Flow: paginated documents built from blocks (titles, headings, paragraphs, table rows,
// fixed-size drawings), laid out top to bottom on A4 pages with page breaks where a block
// does not fit. Table rows are separate blocks; a table broken across pages repeats its
// header rows. Decorations (headers, footers, page numbers, 骑缝章) run on every page
// after the blocks and know the page count.
//
// Thread safety: a Flow is built and finished by one thread; the DocDraft it returns shares
// immutable block data between its pages.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "painter.h"
#include "render.h"

namespace samplegen {

struct FlowStyle {
  double width = kA4Width, height = kA4Height;
  double margin_left = mm(25), margin_right = mm(22);
  double margin_top = mm(25), margin_bottom = mm(24);
  Font body{kSerif, 12, false};
  Font heading{kSans, 13, true};
  Font title{kSerif, 20, true};
  double line_spacing = 1.55;  // body paragraphs
};

class Flow {
 public:
  using Draw = std::function<void(Painter&, double x, double y, double width)>;
  using Decorate = std::function<void(Painter&, int page, int pages)>;

  explicit Flow(FlowStyle style);

  const FlowStyle& style() const { return style_; }
  double content_width() const { return style_.width - style_.margin_left - style_.margin_right; }

  void title(std::string text, double space_after = 14, double size = 0);
  void subtitle(std::string text, const Font& f, Align align = Align::kCenter,
                double space_after = 6);
  void heading(std::string text);
  void para(std::string text, bool indent = true);
  // One line (or wrapped lines) with the given font and alignment, no indent.
  void line(std::string text, const Font& f, Align align = Align::kLeft, double space_after = 2);
  void table(TableSpec spec, double space_after = 8);
  void space(double points);
  void block(double height, Draw draw, bool keep_with_next = false);
  void page_break();
  void decorate(Decorate d);

  DocDraft finish() const;

 private:
  struct Block {
    std::function<double(Painter&, double x, double y, double w)> draw;  // returns height
    bool page_break = false;
    bool keep_with_next = false;
    std::shared_ptr<const TableSpec> table;  // for table rows
    size_t row = 0;
  };
  FlowStyle style_;
  std::vector<Block> blocks_;
  std::vector<Decorate> decorations_;
};

}  // namespace samplegen
