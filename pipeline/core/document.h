// The document model: what every loader fills and every extractor reads.
//
// A Document is one file of a bundle. It has pages (PDF pages, one page per image, one
// synthetic page for DOCX/XLSX text) made of lines made of words; every word keeps its
// text, its box, its confidence and where it came from. Tables keep their cells (DOCX
// w:tbl, XLSX sheets, and later tables reconstructed from word boxes).
//
// Coordinates: a box is in the page's own units. Page::dpi says what one unit is:
// 72 for a PDF text layer (PDF points), the render/scan resolution for OCR'd pages
// (pixels). Divide by dpi and multiply by 25.4 for millimetres.
//
// Thread safety: plain values; a Document is built by one thread, then read by many.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shenbao {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // top-left origin, y grows downwards
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

// Where a piece of text came from. Values map 1:1 to the contract's text_source.
enum class TextSource {
  kNone,       // nothing could be read
  kTextLayer,  // a PDF's own text layer (Poppler)
  kOcr,        // Tesseract on a rendered page or an image
  kMixed,      // a document whose pages differ (some text layer, some OCR)
  kNative,     // DOCX/XLSX XML
};

struct Word {
  std::string text;           // UTF-8, as read (no normalisation)
  Box box;                    // in page units (see Page::dpi)
  float confidence = 1.0f;    // 0..1; 1 for text layers and native text
  TextSource source = TextSource::kNone;
};

struct Line {
  std::vector<Word> words;
  Box box;
  // The line's text: words joined, with a space between two words only where both sides
  // are not CJK (Tesseract and Poppler split CJK text into one word per character or run).
  std::string text() const;
};

// One detected seal (印章) on a page, in page units. Filled by seal detection.
struct Seal {
  Box box;
  std::string shape;  // "circle" | "ellipse" | "half" (骑缝章 at a page edge)
  std::string colour; // "red" | "blue" | "other"
  double score = 0;   // 0..1
};

struct Page {
  int number = 0;              // 1-based
  double width = 0, height = 0;  // in page units
  double dpi = 72;             // units per inch of this page's coordinates
  TextSource text_source = TextSource::kNone;
  std::vector<Line> lines;
  std::optional<double> ocr_confidence;  // mean word confidence 0..1 when OCR'd
  std::vector<Seal> seals;
  std::string error;           // a page-level problem ("ocr timeout"), empty when none
  // A small PNG of the page for the report (not part of submission.json), made while the
  // page image was at hand; empty when none was made. thumbnail_width is its width in
  // pixels, so page coordinates scale by thumbnail_width / width.
  std::string thumbnail_png;
  int thumbnail_width = 0;
  // All lines joined by '\n'.
  std::string text() const;
};

// A table with its cells as text. Rows may have different lengths (ragged sheets).
struct Table {
  std::string name;   // sheet name for XLSX, "table N" for DOCX, "" otherwise
  int page = 0;       // 1-based page it sits on, 0 when not paged (DOCX/XLSX)
  std::vector<std::vector<std::string>> rows;
};

// Values map 1:1 to the contract's documents[].format.
enum class Format { kPdf, kImage, kDocx, kXlsx, kArchive, kOther };

// Values map 1:1 to the contract's documents[].status.
enum class DocStatus {
  kOk,          // read (possibly with page-level problems)
  kUnreadable,  // could not be opened: corrupt, encrypted, unsupported
  kRejected,    // refused on purpose (archive rules, over a limit)
  kSkipped,     // not read by choice (an archive container, a duplicate's twin, an empty file)
};

struct Document {
  std::string path;     // inside the bundle, UTF-8, '/'-separated, as the applicant named it
  std::string sha256;   // lowercase hex of the file's bytes
  int64_t size = 0;     // bytes
  Format format = Format::kOther;
  DocStatus status = DocStatus::kOk;
  std::string error;    // why status is not ok, empty otherwise
  std::vector<Page> pages;
  std::vector<Table> tables;

  // Derived from pages: kNone, kTextLayer, kOcr, kMixed or kNative.
  TextSource text_source() const;
  // Mean word confidence over OCR'd pages (weighted by words), nullopt when none was OCR'd.
  std::optional<double> ocr_confidence() const;
  // All pages' text, pages separated by '\f'.
  std::string text() const;
};

const char* to_string(TextSource s);  // "text_layer", "ocr", ... as in the contract
const char* to_string(Format f);      // "pdf", "image", ...
const char* to_string(DocStatus s);   // "ok", "unreadable", ...

}  // namespace shenbao
