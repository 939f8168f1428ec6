// DOCX and XLSX, read natively: libzip for the package, pugixml for the XML parts.
//
// DOCX: paragraphs of word/document.xml become lines of one synthetic page (text_source
// kNative); every w:tbl becomes a Table (and its rows also appear as lines, cells joined by
// tabs). XLSX: every sheet becomes a Table named after the sheet (shared strings, inline
// strings, numbers and booleans resolved; column gaps kept as empty cells), and one synthetic
// page per sheet holds its rows as lines.
//
// Safe on hostile input: parts are size-limited before inflation; DTDs and entities are not
// expanded (no XXE, no billion laughs).
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
  int max_rows = 100'000;               // per sheet
};

// kDocx, kXlsx, or kArchive for a ZIP that is neither (looks at [Content_Types].xml and
// the part names, not the file name). `zip_bytes` must start with a ZIP signature.
Format sniff_ooxml(const std::string& zip_bytes);

// Fills doc.pages and doc.tables from a DOCX or XLSX held in memory. Corrupt → kCorrupt.
Status load_ooxml(const std::string& bytes, Format format, const OoxmlOptions& options,
                  Document& doc);

}  // namespace shenbao
