// Labelled values: the value that stands after a label on a line ("名称：上海松智科技有限公司",
// "申请金额 500万元"), or in the next cell of a table row, or on the next line when the label
// stands alone.
//
// A label counts only where it starts a field: at the start of a line or after a non-CJK
// character (so "名称" does not fire inside "项目名称"). OCR noise between a label's
// characters is tolerated (letter spacing, specks read as quotes or stops: "住”所", "名。称").
// A text value ends where another known label begins (several fields on one line:
// "名称 X 类型 Y") or at a wide gap between words (OCR runs the cells of a row into one line).
// Where the words' boxes allow it:
//   - a label standing alone takes the text to its right on the same band (a column of labels
//     beside a column of values, read by OCR as separate lines);
//   - a value whose cell wraps continues on the line just below when that line's words start
//     inside the value's column after a column gap and name no label (`wrapped`).
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/document.h"

namespace shenbao {

struct LabelledValue {
  std::string value;      // trimmed; separators (：: and spaces) after the label removed
  std::string wrapped;    // the value's continuation on the lines below when its cell wraps
                          // ("…应用场景建" / "设项目"); empty when none. Text fields append
                          // it; values of other kinds ignore it.
  std::string label;      // the label that fired
  const Document* document = nullptr;
  int page = 0;           // 1-based; 0 for a native table
  std::string snippet;    // the whole line (or "label | value" for a table row)
  std::optional<Box> box; // the line's box, when known
};

// Finds the first value of any of `labels` in `doc`: lines of every page first (in page
// order), then native tables. `stop_labels` end a value. Labels are tried longest first.
std::optional<LabelledValue> find_labelled_value(const Document& doc,
                                                 const std::vector<std::string>& labels,
                                                 const std::vector<std::string>& stop_labels);

// Every labelled value of `labels` in `doc` (for fields that may repeat).
std::vector<LabelledValue> find_all_labelled_values(const Document& doc,
                                                    const std::vector<std::string>& labels,
                                                    const std::vector<std::string>& stop_labels);

// Where `label` starts a field in `text` (byte offset), or npos. OCR noise between the
// label's characters is tolerated (see above).
size_t find_label(const std::string& text, const std::string& label, size_t from = 0);

}  // namespace shenbao
