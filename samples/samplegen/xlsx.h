// A minimal but genuine XLSX writer (Office Open XML spreadsheet, one sheet): shared
// strings, numbers with a #,##0.00 format, bold header cells, thin borders, merged cells,
// column widths and optional formulas with cached values. Enough for what an applicant's
// Excel investment table looks like to a reader of the XML.
//
// Thread safety: pure function.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"

namespace samplegen {

struct XlsxCell {
  static XlsxCell text_cell(std::string t, bool bold = false, bool border = true) {
    XlsxCell c;
    c.text = std::move(t);
    c.bold = bold;
    c.border = border;
    return c;
  }
  static XlsxCell number_cell(std::string n, bool bold = false) {
    XlsxCell c;
    c.number = std::move(n);
    c.bold = bold;
    return c;
  }

  std::string text;     // a string cell (when number is empty)
  std::string number;   // a numeric cell, as its exact decimal text ("1234567.89")
  std::string formula;  // optional formula for a numeric cell ("SUM(E5:E14)")
  bool bold = false;
  bool border = true;
};

struct XlsxSheet {
  std::string name = "Sheet1";
  std::vector<std::vector<XlsxCell>> rows;  // row-major from A1
  std::vector<double> col_widths;           // in characters
  std::vector<std::string> merges;          // "A1:E1"
};

// The XLSX package bytes.
shenbao::Result<std::string> write_xlsx(const XlsxSheet& sheet);

// "A1"-style reference of a 0-based column and row.
std::string cell_ref(int col, int row);

}  // namespace samplegen
