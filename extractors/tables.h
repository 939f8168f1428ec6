// Tables: one interface over native tables (DOCX w:tbl, XLSX sheets) and tables rebuilt
// from positioned words (a PDF text layer, Tesseract's OCR words), for the extractors that
// read figures out of tables (investment.h, audit.h).
//
//   auto rules = load_table_rules(schemas_dir / "tables.json");
//   for (const TableGrid& t : read_tables(doc, patterns, *rules)) {
//     for (const TableRow& r : t.rows) ... r.cells[c].text ...
//   }
//
// Rebuilding a table from words (one page at a time, all distances in points: a box in page
// units is scaled by 72 / Page::dpi, so Poppler's points and Tesseract's pixels read alike):
//   1. A small skew (a crooked scan) is measured from the slope of multi-word lines and
//      taken out of the y coordinates.
//   2. Words (but OCR specks — a ruling line read as "|", a lone “ — and words under
//      min_word_confidence) become text lines by vertical overlap (half the smaller
//      height), and a line's words become segments where the horizontal gap is under
//      segment_gap_em.
//   3. The header is a line of two or more cells naming header words (序号, 类别, 项目,
//      金额, 期末余额 …; header_min_words distinct ones; two dated cells such as
//      2024年12月31日 | 2023年12月31日 count as one), most of its cells naming one, none an
//      amount and none a "label：value" pair (项目名称：…, 单位：万元 are lines above a
//      table). Letter-spaced cells (项　　目) are joined first. A header cell wrapped onto a
//      next line (金额 / （万元）) joins it.
//   4. The table runs down from the header until a grand total line (合计/总计, inclusive),
//      another header, a vertical gap over max_row_gap_em, a form line (法定代表人：…
//      会计机构负责人：…) or a long line without an amount that crosses the columns. A table
//      that runs to the foot of the page (only page numbers below) without a total continues
//      on the next page: below a repeated header, or from the first line with an amount in
//      its amount columns, with the first page's columns.
//   5. Columns are the horizontal gaps that no word of the table's regular lines covers
//      (lines with most of a full row's segments; spanning headings and total lines are left
//      out; a share gap_noise_fraction of lines may cover a gap; the small gaps between two
//      pieces of text in one segment count as covered), at least min_column_gap_em wide and
//      not inside a header cell. Header cells standing in a wide gap go to the side that has
//      no header cell over its text (a left-aligned 金额（万元） over right-aligned amounts),
//      else the boundary goes in the widest stretch between them; a header cell with text of its own below it
//      (a sparse 类别 column) gets boundaries on both sides. Words go to the column holding
//      their centre.
//   6. Text lines become rows. A line continues the row above (a multi-line cell) when the
//      gap between them (measured on the words' mean spans) is small, the line is no heading
//      (一、…, 流动资产：) and adds no second amount, and either the row has no amount yet
//      (cells centred on a taller neighbour), or the line only fills cells already filled and
//      the row's cells are wrapping (as many lines below its figure as above, or the cell
//      above full to its width). Otherwise it starts a row. A category label centred in a
//      cell that spans several rows is resolved by fill_spanned_column, which the caller
//      invokes for the column it knows to be such a column.
// The unit of the figures comes from a unit statement above the table (单位：万元) or in a
// header cell (金额（万元）), via find_money_unit.
//
// Native tables keep their cells as the loader gave them (a vertically merged cell already
// repeats its text, see pipeline/load/ooxml.h); the header row is found by the same words
// and the rows above it are the preamble.
//
// Amounts in cells are read by parse_cell_amount: parse_money on the cell after OCR repairs
// (see repair_number_text).
//
// Rules (keywords, patterns) live in schemas/tables.json and are loaded once at start-up.
// Thread safety: TableRules is immutable after load and may be shared; all functions are
// reentrant.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "extractors/money.h"
#include "extractors/patterns.h"
#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace shenbao {

// The keywords and patterns of schemas/tables.json. Words are kept as written; comparisons
// use normalise_for_compare on both sides.
struct TableRules {
  std::vector<std::string> header_words;  // 序号, 类别, 项目, 金额, 期末余额 …
  int header_min_words = 2;               // distinct header words a header line names
  std::vector<std::string> total_words;   // 合计, 总计: a grand total line ends a table
  std::vector<std::string> subtotal_words;  // 小计
  std::vector<std::string> invoice_words;   // 发票号码, 价税合计 …: a page naming
  int invoice_min_hits = 2;                 // this many of them is an invoice
  std::shared_ptr<const RE2> page_number;   // a page footer line ("第 1 页", "- 2 -")

  struct {
    std::vector<std::string> amount_header, item_header, category_header, index_header;
    // Among several amount columns: avoid those naming a plan or a requested share, prefer
    // those naming the actual cost.
    std::vector<std::string> amount_avoid, amount_prefer;
    // Section headings (一、硬件设施) and cell/item keywords, per category id.
    std::map<std::string, std::vector<std::string>> sections, categories;
    std::vector<std::string> category_priority;  // first category with a keyword hit wins
    std::shared_ptr<const RE2> section_enumerator;  // 一、 （二） 三
  } investment;

  struct {
    // Per field of Extracted.audit ("total_assets_fen"), labels in preference order.
    std::map<std::string, std::vector<std::string>> labels;
    std::shared_ptr<const RE2> label_prefix;  // 一、 减： 其中： stripped before matching
    std::vector<std::string> current_column, prior_column;  // 期末余额 / 上年年末余额 …
    std::shared_ptr<const RE2> fiscal_year;  // 2024年度 (group 1: the year)
    std::shared_ptr<const RE2> year_end;     // 2024年12月31日 (group 1: the year)
  } audit;
};

// Reads and compiles schemas/tables.json. Failures: kNotFound (cannot open),
// kInvalidArgument (not JSON, a missing list, a pattern RE2 rejects — named in the message).
Result<TableRules> load_table_rules(const std::filesystem::path& file);

// Tolerances of table reconstruction. "em" is the median word height on the page.
struct TableOptions {
  double line_overlap = 0.5;        // two words share a text line: vertical overlap / smaller height
  double segment_gap_em = 0.8;      // words closer than this (horizontally) form one segment
  double min_column_gap_em = 0.35;  // a column gap must be at least this wide
  double continuation_gap_em = 0.6; // a line this close below a row may continue its cells
  double max_row_gap_em = 4.0;      // a larger vertical gap ends a table
  double gap_noise_fraction = 0.08; // of the regular lines, this share may cover a column gap
  double max_skew_deg = 5;          // slopes beyond this are not skew but layout; ignored
  int continuation_skip_lines = 4;  // lines at the top of a next page skipped looking for rows
  double min_word_confidence = 0.1;   // OCR words below this are left out (seal scribbles)
  double uncertain_confidence = 0.6;  // an OCR'd page below this mean confidence: uncertain evidence
};

enum class TableOrigin {
  kNative,  // cells from DOCX/XLSX XML
  kWords,   // rebuilt from word boxes
};

struct TableCell {
  std::string text;        // the cell's lines joined (no space between CJK, else one space)
  std::optional<Box> box;  // union of its words' boxes in page units; nullopt for native cells
};

struct TableRow {
  int page = 0;                  // 1-based page the row sits on; 0 when not paged (DOCX/XLSX)
  std::vector<TableCell> cells;  // one per column of the table (empty text for empty cells)
  std::optional<Box> box;        // union of the row's words (page units); nullopt when native
  int source_row = -1;           // native: 0-based row of Table::rows; words: -1
};

struct TableGrid {
  std::string name;      // "投资明细" (sheet), "table 1" (DOCX), "page 3" (rebuilt)
  TableOrigin origin = TableOrigin::kWords;
  int columns = 0;
  std::vector<TableCell> header;     // the header row's cells (empty when none was found)
  std::vector<TableRow> rows;        // body rows in reading order, across pages
  std::vector<std::string> preamble; // text above the header on its page / in its sheet
  std::optional<MoneyUnit> unit;     // stated above the table (单位：万元), else in no column
  std::vector<std::optional<MoneyUnit>> column_units;  // per column, from header cells (金额（万元）)
  double dpi = 72;                   // of the pages the rows sit on (rebuilt tables)
  bool ends_with_total = false;      // the last row is a grand total (合计/总计)

  // The unit figures in `column` are read in: the column's own, else the table's, else 元.
  MoneyUnit unit_of(int column) const;
  // Header cell text of `column` ("" when none).
  const std::string& header_text(int column) const;
};

// Every table of a document: the native tables of DOCX/XLSX (Document::tables), then tables
// rebuilt from the words of pages that are not native, in page order; a table continued
// over several pages is one TableGrid. Pages that are invoices (is_invoice_page) are not
// read. Never fails: a page without a header line simply gives no table.
std::vector<TableGrid> read_tables(const Document& doc, const PatternSet& patterns,
                                   const TableRules& rules, const TableOptions& options = {});

// One native table as a grid: header row found by header words (rows above it become the
// preamble), cells padded to the widest row. `page` is the page number rows get (0: none).
TableGrid grid_from_native(const Table& table, int page, const PatternSet& patterns,
                           const TableRules& rules);

// The page's text lines as rows, one row per line and one cell per segment (ragged, no
// column alignment): for readers that fall back to "label, then amounts to its right"
// when no table header could be found (an OCR'd page with an unreadable header).
std::vector<TableRow> page_line_rows(const Page& page, const TableOptions& options = {});

// A category label centred in a cell that spans several rows (a merged 类别 cell without
// ruling lines) lands on a row of its own or on a middle row. When `column` shows that
// layout (a label row holding nothing else, or a first data row without a label), each
// label is given to the run of rows whose vertical span it is centred on, and label-only
// rows are removed. A column labelled on the first row of each group (the rest empty) is
// filled downwards instead. Rows without boxes (native tables) are only filled downwards.
// `is_data_row` says which rows carry figures (the caller knows its amount column).
void fill_spanned_column(TableGrid& table, int column, const std::vector<bool>& is_data_row);

// An amount in a table cell: the whole cell must be one amount (a trailing unit or 整 is
// allowed, "(1,234.00)" is negative, "-"/"—"/"" are not amounts). OCR repairs first (see
// repair_number_text). `default_unit` is the table's unit for a bare number.
std::optional<MoneyAmount> parse_cell_amount(const PatternSet& patterns, std::string_view cell,
                                             MoneyUnit default_unit = MoneyUnit::kYuan);

// OCR repairs of a numeric cell, returned as text for parse_money: full-width forms folded;
// spaces around separators dropped; ';' ':' read for ',' and doubled separators collapsed;
// O/o → 0 and l/I/| → 1 between digits; separators reassigned when the grouping proves
// what they are: "1.200.000.00" and "1,200,000,00" → "1,200,000.00", "1.200.000" →
// "1,200,000", "1200,50" → "1200.50", and with a separator lost ("1376,042.91") the
// thousands separators are dropped → "1376042.91". Text that is not a number comes back
// folded but otherwise unchanged.
std::string repair_number_text(std::string_view cell);

// True when the page names at least rules.invoice_min_hits of rules.invoice_words (a
// 增值税发票 kept as evidence of an investment, not the investment table itself).
bool is_invoice_page(const Page& page, const TableRules& rules);

// The text with white space removed and full-width forms folded (normalise_for_compare),
// the form every keyword comparison in the table readers uses.
std::string table_key(std::string_view text);

// True when `text` (a cell) is one of `words` after table_key, or starts or ends with one
// and is no longer than the word plus `slack` code points ("投资合计" for 合计, slack 2).
bool cell_names(std::string_view text, const std::vector<std::string>& words, int slack = 0);

}  // namespace shenbao
