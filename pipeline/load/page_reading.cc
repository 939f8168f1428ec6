#include "pipeline/load/page_reading.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "pipeline/core/text.h"

namespace shenbao {

namespace {

using Clock = std::chrono::steady_clock;

// Adds the time since `t0` to (*seconds)[step] and returns now.
Clock::time_point lap(std::map<std::string, double>* seconds, const char* step,
                      Clock::time_point t0) {
  const Clock::time_point now = Clock::now();
  if (seconds) (*seconds)[step] += std::chrono::duration<double>(now - t0).count();
  return now;
}

double confidence_of(const Page& page) { return page.ocr_confidence.value_or(0.0); }

bool centre_in(const Box& word, const Box& cell) {
  const double x = (word.x0 + word.x1) / 2, y = (word.y0 + word.y1) / 2;
  return x >= cell.x0 && x <= cell.x1 && y >= cell.y0 && y <= cell.y1;
}

// The text of the words of `page` whose centre lies in `cell`, and their mean confidence.
struct CellText {
  std::string text;
  double confidence = 0;
  int words = 0;
};

CellText text_in(const Page& page, const Box& cell) {
  CellText t;
  double sum = 0;
  for (const Line& line : page.lines) {
    for (const Word& word : line.words) {
      if (!centre_in(word.box, cell)) continue;
      t.text += word.text;
      sum += word.confidence;
      ++t.words;
    }
  }
  if (t.words > 0) t.confidence = sum / t.words;
  return t;
}

enum class CellKind { kEmpty, kNumber, kText, kOther };

CellKind kind_of(const std::string& text) {
  int numeric = 0, digits = 0, cjk = 0, all = 0;
  for (char32_t cp : utf8_to_codepoints(fold_width(text))) {
    if (cp == U' ') continue;
    ++all;
    if (cp >= U'0' && cp <= U'9') {
      ++digits;
      ++numeric;
    } else if (cp == U'.' || cp == U',' || cp == U'-' || cp == U'(' || cp == U')' || cp == U'%') {
      ++numeric;
    } else if (is_cjk(cp)) {
      ++cjk;
    }
  }
  if (all == 0) return CellKind::kEmpty;
  if (cjk * 2 >= all) return CellKind::kText;
  if (digits >= 1 && numeric * 2 > all) return CellKind::kNumber;
  return CellKind::kOther;
}

bool same_column(const Box& a, const Box& b) {
  const double overlap = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  return overlap * 2 > std::min(a.x1 - a.x0, b.x1 - b.x0);
}

// Decimals of a number as printed ("26.76" → 2, "1,200" → 0).
size_t decimals_of(const std::string& number) {
  const size_t point = number.rfind('.');
  return point == std::string::npos ? 0 : number.size() - point - 1;
}

// Re-reads the doubtful number cells of `page` alone (see the header); returns how many
// changed. A number cell the page already read as a number, surely (number_sure_on_page), in its
// column's format (the decimals most of its sure neighbours have), is kept as read: on a
// clean table that is nearly every cell, and re-reading them all cost half as much again as
// the page's own OCR.
int reread_numbers(Page& page, const RuledCells& found, OcrEngine& ocr,
                   const PageReadOptions& options) {
  const double min_confidence = options.number_min_confidence;
  const size_t n = found.cells.size();
  const std::vector<bool> numeric = number_cells(page, found.cells);
  std::vector<CellText> before(n);
  std::vector<bool> sure(n, false);  // read on the page as a number, surely
  for (size_t i = 0; i < n; ++i) {
    if (!numeric[i]) continue;
    before[i] = text_in(page, found.cells[i]);
    sure[i] = before[i].words > 0 && kind_of(before[i].text) == CellKind::kNumber &&
              before[i].confidence >= options.number_sure_on_page;
  }
  // The numbers a cell's column holds, other than its own: re-read ones when sure enough,
  // else the page's sure readings.
  std::vector<std::optional<OcrEngine::NumberReading>> read(n);
  auto column_of = [&](size_t i) {
    std::vector<std::string> column;
    for (size_t j = 0; j < n; ++j) {
      if (j == i || !numeric[j] || !same_column(found.cells[i], found.cells[j])) continue;
      if (read[j] && read[j]->confidence >= min_confidence) column.push_back(read[j]->text);
      else if (sure[j]) column.push_back(before[j].text);
    }
    return column;
  };
  auto in_column_format = [&](size_t i) {
    std::map<size_t, int> count;
    for (const std::string& other : column_of(i)) ++count[decimals_of(other)];
    if (count.empty()) return true;
    const auto common = std::max_element(count.begin(), count.end(),
                                         [](auto& x, auto& y) { return x.second < y.second; });
    return decimals_of(before[i].text) == common->first;
  };

  for (size_t i = 0; i < n; ++i) {
    if (!numeric[i] || (sure[i] && in_column_format(i))) continue;
    const Box& cell = found.cells[i];
    if (cell.width() < 4 || cell.height() < 4 || found.clean.channels != 1) continue;
    const Image crop = crop_image(found.clean, static_cast<int>(cell.x0), static_cast<int>(cell.y0),
                                  static_cast<int>(cell.x1), static_cast<int>(cell.y1));
    if (crop.empty()) continue;
    Result<OcrEngine::NumberReading> number = ocr.recognise_number(crop);
    if (!number.ok()) return 0;  // no number model: nothing to gain on this page
    if (!number->text.empty() && kind_of(number->text) == CellKind::kNumber) read[i] = number.value();
  }

  int replaced = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!read[i]) continue;
    std::string text = read[i]->text;
    double confidence = read[i]->confidence;
    // A reading that lost its decimal point in a column of numbers that all have one.
    if (confidence < min_confidence) {
      const std::optional<std::string> fixed = restore_decimal_point(text, column_of(i));
      if (!fixed || confidence < min_confidence / 2) continue;
      text = *fixed;
    }
    // The same text read again alone, more surely, confirms the page's reading: its
    // confidence is raised (a number the page read with confidence 0 is otherwise lost).
    if (text == before[i].text && confidence <= before[i].confidence) continue;
    if (before[i].words > 0 && kind_of(before[i].text) == CellKind::kNumber &&
        confidence <= before[i].confidence) {
      continue;
    }
    put_cell_word(page, found.cells[i], text, confidence);
    ++replaced;
  }
  return replaced;
}

}  // namespace

std::optional<std::string> restore_decimal_point(const std::string& reading,
                                                 const std::vector<std::string>& column) {
  if (reading.empty() || column.size() < 3) return std::nullopt;
  for (char c : reading) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::optional<size_t> decimals;
  for (const std::string& other : column) {
    const size_t point = other.rfind('.');
    if (point == std::string::npos) return std::nullopt;
    const size_t d = other.size() - point - 1;
    if (d == 0 || (decimals && *decimals != d)) return std::nullopt;
    decimals = d;
  }
  if (reading.size() <= *decimals) return std::nullopt;
  return reading.substr(0, reading.size() - *decimals) + "." +
         reading.substr(reading.size() - *decimals);
}

std::vector<bool> number_cells(const Page& page, const std::vector<Box>& cells) {
  std::vector<CellKind> kinds;
  kinds.reserve(cells.size());
  for (const Box& cell : cells) kinds.push_back(kind_of(text_in(page, cell).text));
  std::vector<bool> numeric(cells.size(), false);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (kinds[i] == CellKind::kText) continue;
    if (kinds[i] == CellKind::kNumber) {
      numeric[i] = true;
      continue;
    }
    // Misread cells (kOther) do not vote: a column is one of numbers when its cells that
    // read as numbers outnumber those that read as text (its header among them).
    int numbers = 0, texts = 0;
    for (size_t j = 0; j < cells.size(); ++j) {
      if (j == i || !same_column(cells[i], cells[j])) continue;
      numbers += kinds[j] == CellKind::kNumber;
      texts += kinds[j] == CellKind::kText;
    }
    numeric[i] = numbers > texts;
  }
  return numeric;
}

void put_cell_word(Page& page, const Box& cell, const std::string& text, double confidence) {
  Word word;
  word.text = text;
  word.confidence = static_cast<float>(confidence);
  word.source = TextSource::kOcr;
  bool have_box = false;
  Line* home = nullptr;
  for (Line& line : page.lines) {
    auto inside = [&](const Word& w) { return centre_in(w.box, cell); };
    for (const Word& w : line.words) {
      if (!inside(w)) continue;
      word.box = have_box ? Box{std::min(word.box.x0, w.box.x0), std::min(word.box.y0, w.box.y0),
                                std::max(word.box.x1, w.box.x1), std::max(word.box.y1, w.box.y1)}
                          : w.box;
      have_box = true;
      if (!home) home = &line;
    }
    std::erase_if(line.words, inside);
  }
  if (!have_box) {
    // Nothing was read there: the cell's middle third in height, its full width.
    const double h = (cell.y1 - cell.y0) / 3;
    word.box = {cell.x0, cell.y0 + h, cell.x1, cell.y1 - h};
    const double mid = (cell.y0 + cell.y1) / 2;
    for (Line& line : page.lines) {
      if (!line.words.empty() && line.box.y0 <= mid && mid <= line.box.y1) {
        home = &line;
        break;
      }
    }
  }
  if (!home) {
    page.lines.emplace_back();
    home = &page.lines.back();
    home->box = word.box;
  }
  auto at = std::find_if(home->words.begin(), home->words.end(),
                         [&](const Word& w) { return w.box.x0 > word.box.x0; });
  home->words.insert(at, std::move(word));
  std::erase_if(page.lines, [](const Line& line) { return line.words.empty(); });
}

namespace {

// What one look at an image found: the seal check's page (seals, picture) and the OCR.
struct Look {
  Page inspected;  // seals and picture, in the image's pixels
  Image prepared;  // what Tesseract read
  Page read;
  Status status;
};

// The seal check's page for `image` (seals and picture, in the image's pixels).
Page inspected_page(const Image& image, int page_number, const PageImageHooks& hooks,
                    std::map<std::string, double>* seconds) {
  Page page;
  page.number = page_number;
  page.width = image.width;
  page.height = image.height;
  page.dpi = image.dpi;
  if (hooks.inspect) {
    const auto t0 = Clock::now();
    hooks.inspect(image, page);
    lap(seconds, "seal", t0);
  }
  return page;
}

Look look_at(const Image& image, int page_number, OcrEngine& ocr, const PageImageHooks& hooks,
             std::map<std::string, double>* seconds) {
  Look look;
  look.inspected = inspected_page(image, page_number, hooks, seconds);
  auto t0 = Clock::now();
  if (hooks.prepare_for_ocr) {
    look.prepared = hooks.prepare_for_ocr(image, look.inspected.seals);  // pixels = page units
    t0 = lap(seconds, "ocr_prep", t0);
  } else {
    look.prepared = image;
  }
  look.read.number = page_number;
  look.status = ocr.recognise(look.prepared, look.read);
  lap(seconds, "ocr", t0);
  return look;
}

}  // namespace

PageReading read_page_image(const Image& image, int page_number, OcrEngine& ocr,
                            const PageImageHooks& hooks, const PageReadOptions& options,
                            std::map<std::string, double>* seconds) {
  PageReading reading;
  Look best = look_at(image, page_number, ocr, hooks, seconds);
  reading.status = best.status;
  if (!best.status.ok()) {
    reading.page = std::move(best.inspected);
    return reading;
  }

  // Orientation: only a page read with little confidence is tried the other ways round. The
  // prepared image is turned (red ink is out already); the seal check runs again only for
  // the turn that wins, so that its seals and picture stand as the words do.
  if (best.read.ocr_confidence && confidence_of(best.read) < options.turn_below) {
    const Image upright = best.prepared;
    for (int turns : {2, 1, 3}) {
      const auto t0 = Clock::now();
      Image prepared = turn_clockwise(upright, turns);
      Page read;
      read.number = page_number;
      const Status s = ocr.recognise(prepared, read);
      lap(seconds, "ocr_turn", t0);
      if (s.ok() && confidence_of(read) >= confidence_of(best.read) + options.turn_margin) {
        best.read = std::move(read);
        best.prepared = std::move(prepared);
        reading.quarter_turns = turns;
      }
    }
    if (reading.quarter_turns != 0) {
      best.inspected = inspected_page(turn_clockwise(image, reading.quarter_turns), page_number, hooks,
                                      seconds);
    }
  }

  if (hooks.find_cells) {
    auto t0 = Clock::now();
    const RuledCells found = hooks.find_cells(best.prepared);
    if (!found.cells.empty()) {
      reading.numbers_reread =
          reread_numbers(best.read, found, ocr, options);
    }
    lap(seconds, "ocr_cells", t0);
  }

  reading.page = std::move(best.read);
  reading.page.seals = std::move(best.inspected.seals);
  reading.page.thumbnail_png = std::move(best.inspected.thumbnail_png);
  reading.page.thumbnail_width = best.inspected.thumbnail_width;
  return reading;
}

}  // namespace shenbao
