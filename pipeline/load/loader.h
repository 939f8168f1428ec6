// Loading: turns an Entry's bytes into a Document of the document model, by content.
//
// load_document never throws and never aborts the bundle: a file that cannot be read
// comes back with status kUnreadable and an error, plus a DOCUMENT_UNREADABLE finding.
//
// Thread safety: load_document may run on several threads at once as long as each thread
// passes its own OcrEngine.
#pragma once

#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/finding.h"
#include "pipeline/core/status.h"
#include "pipeline/load/ocr.h"

namespace shenbao {

struct LoadOptions {
  int min_text_chars = 20;          // a PDF page with fewer CJK/alphanumeric chars is OCR'd
  int ocr_dpi = 300;                // render resolution for OCR of PDF pages
  int max_pages = 500;              // per document; pages beyond are not read (a finding)
  int64_t max_image_pixels = 120'000'000;  // width × height of one image or rendered page
};

// Sniffs the format from the first bytes (and, for ZIPs, the OOXML parts inside).
Format sniff_format(const std::string& bytes);

struct LoadResult {
  Document document;
  std::vector<Finding> findings;  // DOCUMENT_UNREADABLE, OCR problems, page-limit notes
};

// Loads one file. `path` is the entry's path inside the bundle; sha256 and size are filled.
LoadResult load_document(const std::string& path, const std::string& bytes,
                         const LoadOptions& options, OcrEngine& ocr);

}  // namespace shenbao
