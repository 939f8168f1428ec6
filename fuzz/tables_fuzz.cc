// Fuzzes table reconstruction (extractors/tables): arbitrary word boxes on a page, and an
// arbitrary native grid, through read_tables, page_line_rows and grid_from_native; and the
// merge of re-read table cells into a page (load/page_reading: number_cells, put_cell_word,
// restore_decimal_point) with the page's line boxes as cells. No crash, no UB; every rebuilt
// row has one cell per column and lies on a page of the document; a merged page keeps no
// empty line.
//
// Input layout, read until the bytes run out: a word is
//   x0:u16 y0:u16 width:u8 height:u8 confidence:u8 flags:u8 length:u8 text[length]
// where flags bit 0 starts a new line and bit 1 a new page. The same bytes, split at '\n'
// (rows) and '\t' (cells), are also one native table.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "extractors/tables.h"
#include "fuzz_support.h"
#include "pipeline/load/page_reading.h"

using namespace shenbao;

namespace {

const TableRules& rules() {
  static const TableRules r = [] {
    auto loaded = load_table_rules(default_schemas_dir() / "tables.json");
    if (!loaded.ok()) {
      std::fprintf(stderr, "fuzz: %s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return r;
}

Document words_document(const uint8_t* data, size_t size) {
  Document doc;
  doc.path = "fuzz.pdf";
  doc.format = Format::kPdf;
  auto new_page = [&doc] {
    Page p;
    p.number = static_cast<int>(doc.pages.size()) + 1;
    p.width = 595;
    p.height = 842;
    p.dpi = 72;
    p.text_source = TextSource::kOcr;
    doc.pages.push_back(std::move(p));
  };
  new_page();
  size_t at = 0;
  while (at + 9 <= size && doc.pages.size() <= 4) {
    const double x0 = (data[at] | data[at + 1] << 8) % 700;
    const double y0 = (data[at + 2] | data[at + 3] << 8) % 900;
    const double w = data[at + 4] + 1, h = data[at + 5] % 40 + 1;
    const float confidence = data[at + 6] / 255.0f;
    const uint8_t flags = data[at + 7];
    const size_t length = data[at + 8];
    at += 9;
    const size_t take = length < size - at ? length : size - at;
    std::string text(reinterpret_cast<const char*>(data + at), take);
    at += take;
    if (flags & 2) new_page();
    Page& page = doc.pages.back();
    if ((flags & 1) || page.lines.empty()) page.lines.emplace_back();
    Word word;
    word.text = std::move(text);
    word.box = {x0, y0, x0 + w, y0 + h};
    word.confidence = confidence;
    word.source = TextSource::kOcr;
    Line& line = page.lines.back();
    line.box = line.words.empty() ? word.box
                                  : Box{std::min(line.box.x0, word.box.x0),
                                        std::min(line.box.y0, word.box.y0),
                                        std::max(line.box.x1, word.box.x1),
                                        std::max(line.box.y1, word.box.y1)};
    line.words.push_back(std::move(word));
  }
  return doc;
}

Table native_table(std::string_view bytes) {
  Table t;
  t.rows.emplace_back();
  std::string cell;
  for (char c : bytes) {
    if (c == '\t' || c == '\n') {
      t.rows.back().push_back(cell);
      cell.clear();
      if (c == '\n' && t.rows.size() < 200) t.rows.emplace_back();
    } else {
      cell.push_back(c);
    }
  }
  t.rows.back().push_back(cell);
  return t;
}

void check(const TableGrid& grid, int pages) {
  fuzz::require(grid.columns >= 0, "columns are not negative");
  for (const TableRow& row : grid.rows) {
    fuzz::require(static_cast<int>(row.cells.size()) == grid.columns, "one cell per column");
    fuzz::require(row.page >= 0 && row.page <= pages, "a row lies on a page of the document");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  (void)fuzz::patterns();
  (void)rules();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const Document doc = words_document(data, size);
  const int pages = static_cast<int>(doc.pages.size());
  for (const TableGrid& grid : read_tables(doc, fuzz::patterns(), rules())) check(grid, pages);
  for (const Page& page : doc.pages) {
    (void)page_line_rows(page);
    std::vector<Box> cells;
    std::vector<std::string> texts;
    for (const Line& line : page.lines) {
      cells.push_back(line.box);
      texts.push_back(line.text());
    }
    const std::vector<bool> numeric = number_cells(page, cells);
    fuzz::require(numeric.size() == cells.size(), "one answer per cell");
    Page merged = page;
    for (size_t i = 0; i < cells.size() && i < 16; ++i) {
      if (numeric[i]) put_cell_word(merged, cells[i], texts[i], 0.9);
      (void)restore_decimal_point(texts[i], texts);
    }
    for (const Line& line : merged.lines) fuzz::require(!line.words.empty(), "no empty line");
  }
  const TableGrid native = grid_from_native(
      native_table(std::string_view(reinterpret_cast<const char*>(data), size)), 0,
      fuzz::patterns(), rules());
  check(native, 0);
  return 0;
}
