// The investment table (项目投资明细表) → Extracted.investment.
//
// Reads the applicant's breakdown of the project's cost from the first real table of the
// investment_table documents (a DOCX/XLSX table, or a table rebuilt from a PDF's text layer
// or OCR words, see tables.h): one InvestmentRow per item with its category, the sum of the
// rows (total_fen), the 合计/总计 line as printed (stated_total_fen) and the hardware share.
// It only reads: whether the rows add up or hardware exceeds its share is the judge's call
// (INVESTMENT_SUM_MISMATCH, HARDWARE_SHARE_EXCEEDED).
//
// How a table is read (columns by header words of schemas/tables.json "investment"):
//   - amount: the column headed 金额/投资额/… (of several, not one naming a plan or a
//     requested share — 计划, 申请补助 — and rather one naming the actual cost, 实际);
//     without a readable header, the column with the most amounts (not the 序号 column). Figures are in the column's unit (金额（万元）),
//     else the table's (单位：万元), else 元; 万元 × 1,000,000 fen, exactly.
//   - a row's category: its 类别 cell (a merged cell spanning the rows of its group is
//     spread over them, see fill_spanned_column), else the section it sits under
//     (一、硬件设施 / 开发费用 / 测试费用 / 人员工资), else its item's own words
//     (服务器, GPU → hardware …, category_priority order), else "other".
//   - 小计 rows are not items; a section heading carrying a figure is its subtotal when items
//     follow it, and an item of its own when none do.
//   - the first grand total row (合计/总计) is stated_total_fen and ends the table.
// Invoice pages (发票) are evidence of the costs, not the table, and are passed over. The
// first table giving at least one item wins; without any table header, lines that end in
// an amount are read as rows (an OCR'd page whose header is unreadable).
//
// Evidence (Extracted.evidence): "investment.rows[i]" per row, "investment.stated_total_fen",
// "investment.total_fen", "investment.hardware_share" — document, page, row text, cell box.
//
// Thread safety: reentrant.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/patterns.h"
#include "extractors/tables.h"
#include "pipeline/core/document.h"
#include "pipeline/core/submission.h"

namespace shenbao {

// One row read from an investment table, with where it was read.
struct InvestmentLine {
  InvestmentRow row;
  int page = 0;             // 1-based, 0 when not paged
  std::optional<Box> box;   // the amount cell (page units), nullopt for native tables
  std::string snippet;      // "GPU服务器 | 1,200,000.00"
};

struct InvestmentReading {
  std::vector<InvestmentLine> lines;
  std::optional<int64_t> stated_total_fen;  // the 合计/总计 row
  InvestmentLine stated_total;              // where it was read (row unused)
  MoneyUnit unit = MoneyUnit::kYuan;        // the amount column's unit
  std::string table;                        // TableGrid::name
};

// Reads one table. nullopt when it has no amount column or no item row.
std::optional<InvestmentReading> read_investment_table(const TableGrid& table,
                                                       const PatternSet& patterns,
                                                       const TableRules& rules);

// The category id ("hardware", "development", "testing", "personnel") that `text` names:
// a section word first (硬件设施, 人员工资), then an item keyword (GPU, 外包, 评测, 社保),
// each in rules.investment.category_priority order. "" when none.
std::string classify_investment_text(std::string_view text, const TableRules& rules);

// Fills x.investment (rows, total_fen, stated_total_fen, hardware_share) and its evidence
// from the first document of `docs_of_material` (in bundle order) holding a real
// investment table. Leaves x.investment untouched when none is found.
void extract_investment(const std::vector<const Document*>& docs_of_material,
                        const PatternSet& patterns, const TableRules& rules, Extracted& x);

}  // namespace shenbao
