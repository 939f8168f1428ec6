// DOCX and XLSX, read natively: libzip for the package, pugixml for the XML parts.
//
// DOCX: paragraphs of word/document.xml become lines of one synthetic page (text_source
// kNative); every w:tbl becomes a Table (and its rows also appear as lines, cells joined by
// tabs). XLSX: every sheet becomes a Table named after the sheet (shared strings, inline
// strings, numbers and booleans resolved; column gaps kept as empty cells), and one synthetic
// page per sheet holds its rows as lines.
//
// What exactly comes out:
//   DOCX  One Page {number 1, dpi 72, text_source kNative}. Body content in document order:
//         a paragraph (w:p) is one Line per w:br/w:cr-separated piece (w:t text, w:tab → '\t',
//         w:noBreakHyphen → '-'; deleted text, field codes and property elements are not
//         text); empty paragraphs give no line. Text boxes follow their anchor paragraph as
//         lines of their own; of an mc:AlternateContent only the first mc:Choice is read (the
//         mc:Fallback repeats it). A top-level w:tbl becomes Table {"table N" (1-based, in
//         body order), page 0} and each of its rows one Line (cells joined by '\t', a
//         cell's own line breaks shown as spaces; all-empty rows give no line).
//         Table cells: paragraphs joined by '\n'. w:gridBefore and w:gridSpan add empty
//         cells so that columns align with the table grid (the spanning cell keeps its text
//         in its first column). A w:vMerge continuation cell COPIES the text of the cell
//         above it (an extractor reading a 类别 cell that spans several rows then sees the
//         category on every row). A nested table is flattened into its cell's text (rows
//         as lines, cells joined by '\t') and is not a Table of its own.
//         Headers, footers, footnotes and comments are not read.
//   XLSX  Sheets in workbook order; for each one Table {sheet name, page 0} and one Page
//         {number = 1-based sheet position, dpi 72, text_source kNative}. Row i / column j
//         of the table is sheet row i+1 / column j+1: gaps (missing rows, missing cells)
//         are empty strings, trailing empty cells and rows are not kept. Values: shared
//         strings and inline strings (rich-text runs joined, phonetic runs dropped, _xHHHH_
//         escapes decoded); t="str" formula results; booleans as "TRUE"/"FALSE"; numbers,
//         dates (serial numbers) and errors exactly as written in <v> — never reformatted
//         through double, so "1234567.5" stays "1234567.5". A merged area (mergeCells)
//         repeats its top-left value in every cell, clipped to the used range of the sheet.
//         The page holds one Line per non-empty row, cells joined by '\t'.
//   Every Line has one Word {its text, confidence 1, source kNative} with a synthetic box
//   (one 14 pt line after another on an A4-wide page). All text is UTF-8; invalid byte
//   sequences become U+FFFD.
//
// Safe on hostile input: each part's declared uncompressed size is checked against
// max_part_bytes before inflating, and reading stops at that limit whatever the header
// claims; DTDs are skipped and entities never expanded (no XXE, no billion laughs); XML
// nesting deeper than a fixed limit is ignored; rows and cells are capped per sheet.
//
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <string>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace shenbao {

struct OoxmlOptions {
  int64_t max_part_bytes = 64ll << 20;  // one XML part, uncompressed
  int max_rows = 100'000;               // per sheet (and per DOCX table); beyond: truncated
  int64_t max_cells = 2'000'000;        // per sheet/table, gaps and merge copies included
};

// kDocx, kXlsx, or kArchive for a ZIP that is neither (looks at [Content_Types].xml and
// the part names, not the file name): a main-part content type of WordprocessingML or
// SpreadsheetML, or else a part word/document.xml or xl/workbook.xml. kOther when the bytes
// are not a ZIP libzip can open (including a damaged one).
Format sniff_ooxml(const std::string& zip_bytes);

// Fills doc.pages and doc.tables (replacing what was there) from a DOCX or XLSX held in
// memory; `format` says which (kDocx or kXlsx, else kInvalidArgument). Nothing else of
// `doc` is touched, and nothing at all on failure.
// Failures: not a ZIP, damaged ZIP or XML, a missing required part (the main document,
// workbook relationships, a sheet) → kCorrupt; a part over max_part_bytes → kRejected;
// an encrypted entry → kEncrypted. Truncation at max_rows/max_cells is not a failure:
// the page of the sheet (or the DOCX page) says so in Page::error.
Status load_ooxml(const std::string& bytes, Format format, const OoxmlOptions& options,
                  Document& doc);

}  // namespace shenbao
