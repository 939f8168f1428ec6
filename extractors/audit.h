// The audit report (审计报告 / 财务报表) → Extracted.audit.
//
// Reads the fiscal year and six figures of the current period: from the balance sheet
// 资产总计, 负债合计, 所有者权益合计 (股东权益合计); from the income statement 营业收入
// (营业总收入), 净利润, 研发费用. It only reads: whether the sheet balances or the year is
// the right one is the judge's call (AUDIT_UNBALANCED, AUDIT_YEAR_MISMATCH).
//
// Figures: in the tables of the documents (tables.h), a row whose cell is one of the field's
// labels (schemas/tables.json "audit.labels", matched exactly once a prefix such as 一、 减：
// 其中： and bracketed notes are stripped, so 流动负债合计 is not 负债合计; see
// audit_field_of for labels OCR cut short). Its figure is
// ALWAYS the current period's: the column headed 期末余额 / 本期金额 / … to the right of
// the label (never 上年年末余额 / 上期金额 / 期初余额); with year-dated headers
// (2024年12月31日 | 2023年12月31日) the latest year; with no readable header the first amount
// column to its right, which is the current period in Chinese statements. A two-sided
// balance sheet (assets left, liabilities right) is read side by side. Without any table
// header, the page's lines are read the same way (label, then amounts to its right).
// Figures are in the column's or the table's unit (单位：元 / 万元); negatives in
// parentheses are negative. Of several labels for a field the earlier in the list wins
// (营业收入 over 营业总收入); of several rows with one label, the first in document order.
//
// Fiscal year: votes over the documents' text for "YYYY年12月31日" (any date form ending the
// year) and "YYYY年度" (also in the file name); the most votes win, a tie goes to the later
// year.
//
// Evidence (Extracted.evidence): "audit.fiscal_year", "audit.total_assets_fen", … —
// document, page, "label | figure", the figure's cell box.
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

// The field of Extracted.audit ("total_assets_fen", …) whose label `cell` is, with the
// label's rank in that field's list through `rank`; "" when the cell is no such label.
// A cell no longer than a label that agrees with it on two thirds of it, at its beginning or
// at its end — as OCR under a seal leaves "四、净利" or "净利油" of 净利润, "业收入" of
// 营业收入 — names it too, with rank 100 + its place in the list, so that an exact label
// elsewhere wins. A stray mark a space after the label is ignored, and any single character
// before 、 is taken for an enumerator (OCR's "西、" for 四、).
std::string audit_field_of(std::string_view cell, const TableRules& rules, int* rank = nullptr);

// The fiscal year the documents report on (see above), nullopt when no year is named.
// `evidence` (optional) receives where the first vote for the winner was read.
std::optional<int> read_fiscal_year(const std::vector<const Document*>& docs, const PatternSet& patterns,
                                    const TableRules& rules, Evidence* evidence = nullptr);

// Fills x.audit and its evidence from the audit documents (in bundle order). Fields that
// are not found stay nullopt.
void extract_audit(const std::vector<const Document*>& docs, const PatternSet& patterns,
                   const TableRules& rules, Extracted& x);

}  // namespace shenbao
