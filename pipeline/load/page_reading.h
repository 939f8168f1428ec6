// Reading one page image with OCR, and a second look that only doubtful pages pay for.
//
// read_page_image runs, in order: hooks.inspect (seal check, page picture) on the colour
// image; hooks.prepare_for_ocr (red ink taken out, told where the seals are); Tesseract;
// then, orientation: a page read with mean word confidence below turn_below is read again
// turned 180°, 90° and 270°; a turn whose confidence beats the first by turn_margin wins,
// and the page (words, seals, picture) is the turned one. Tesseract's layout analysis copes
// with a page fed sideways one way round (it takes the lines for vertical Chinese) but not
// the other way, nor upside down: such a page reads as nonsense at a mean word confidence
// of about 0.2 against about 0.9 upright (measured on the corpus's street approval form).
// A page read with confidence pays nothing more.
//
// Then, numbers in ruled tables: when hooks.find_cells finds table cells on the page, each
// cell holding a number — its words read mostly as digits, or most cells of its column do —
// that the page did not already read surely (confidence >= 0.9, with the decimals of its
// column's other numbers) is read again on its own from the page with the rules painted
// out, with the number model
// (OcrEngine::recognise_number), and that reading replaces the cell's words when it is sure
// (confidence >= number_min_confidence) and surer than they were. Rules touching the digits
// of a skewed scanned row are what turns "13.53" into "1353" in a whole-page reading.
//
// Thread safety: as OcrEngine (one per thread); the functions are otherwise pure.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"
#include "pipeline/load/image.h"
#include "pipeline/load/ocr.h"

namespace shenbao {

// Stages that look at page images, supplied by the run (pipeline/vision) so that the loader
// does not depend on them. Each page image the loader holds — a render for OCR, a decoded
// scan or photo, or a low-resolution render of a text-layer page — is shown to `inspect`
// once, in colour; `prepare_for_ocr` turns it into what Tesseract reads. Empty: not run.
// The cells of the ruled tables on a page image (find_ruled_cells in pipeline/vision).
struct RuledCells {
  Image clean;             // the gray page with the rules painted paper-coloured
  std::vector<Box> cells;  // each cell's inside, in the image's pixels; empty: no ruled table
};

struct PageImageHooks {
  // Looks at the colour image of `page` (e.g. finds seals, filling page.seals in page units:
  // multiply pixels by page.dpi / image.dpi; makes page.thumbnail_png).
  std::function<void(const Image& image, Page& page)> inspect;
  // Returns the image to OCR (e.g. red ink suppressed where the seals are). `seals` are
  // what inspect found on this image, in its pixels. Identity when empty.
  std::function<Image(const Image& image, const std::vector<Seal>& seals)> prepare_for_ocr;
  // Finds the cells of ruled tables on the prepared image, for the second reading of
  // numbers (see above). Not run when empty.
  std::function<RuledCells(const Image& prepared)> find_cells;
};

struct PageReadOptions {
  double turn_below = 0.5;               // first reading's confidence that tries other turns
  double turn_margin = 0.2;              // how much surer a turned reading must be
  double number_min_confidence = 0.8;    // a cell's number read alone is taken from here
  double number_sure_on_page = 0.9;      // a number the page read this surely (in its
                                         // column's format) is not read again
};

struct PageReading {
  Status status;          // of the first OCR; not ok: `page` has no lines
  Page page;              // lines in the (possibly turned) image's pixels, dpi = image's
  int quarter_turns = 0;  // clockwise turns applied to the image before the kept reading
  int numbers_reread = 0; // table cells whose number was replaced by its reading alone
};

// Reads `image` (colour or gray). The page's seals and picture (from hooks.inspect) are in
// `reading.page` too, in the same pixels as its words. `seconds` (optional) receives the
// time per step: "seal", "ocr_prep", "ocr", "ocr_turn", "ocr_cells".
PageReading read_page_image(const Image& image, int page_number, OcrEngine& ocr,
                            const PageImageHooks& hooks, const PageReadOptions& options,
                            std::map<std::string, double>* seconds = nullptr);

// Which of `cells` hold a number, given the words `page` read (in the cells' pixels): a
// cell whose words' characters are mostly digits (with . , - ( ) %), and every cell of a
// column — cells overlapping horizontally by more than half the narrower — whose cells
// reading as numbers outnumber those reading as text (misread cells do not count). A cell
// whose text is mostly Chinese is text (a header such as 金额（万元）), whatever its column.
std::vector<bool> number_cells(const Page& page, const std::vector<Box>& cells);

// A reading of digits only (e.g. "1221") with the decimal point put back, when the other
// numbers of its column (at least three) all have the same d >= 1 decimals ("26.76", "6.79"
// …): "12.21". nullopt otherwise. A printed table formats a column alike; a point is the
// smallest mark on the page and the first OCR loses. Used for a cell read with less than
// number_min_confidence (but at least half of it); the replacement rules are as above.
std::optional<std::string> restore_decimal_point(const std::string& reading,
                                                 const std::vector<std::string>& column);

// Replaces the words of `page` whose centre lies in `cell` by one word `text` (box: theirs,
// or the cell's), kept in the line that held them, else in the line level with the cell,
// else in a new line; words stay in left-to-right order.
void put_cell_word(Page& page, const Box& cell, const std::string& text, double confidence);

}  // namespace shenbao
