#include "pipeline/load/page_reading.h"

#include <algorithm>
#include <chrono>

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

// `image` turned `turns` quarter turns clockwise (EXIF orientations 6, 3, 8 are exactly
// that, so the one rotation routine serves both).
Image turned(const Image& image, int turns) {
  static constexpr int kExifFor[] = {1, 6, 3, 8};
  return apply_exif_orientation(image, kExifFor[((turns % 4) + 4) % 4]);
}

double confidence_of(const Page& page) { return page.ocr_confidence.value_or(0.0); }

// What one look at an image found: the seal check's page (seals, picture) and the OCR.
struct Look {
  Page inspected;  // seals and picture, in the image's pixels
  Image prepared;  // what Tesseract read
  Page read;
  Status status;
};

Look look_at(const Image& image, int page_number, OcrEngine& ocr, const PageImageHooks& hooks,
             std::map<std::string, double>* seconds, const char* ocr_step) {
  Look look;
  look.inspected.number = page_number;
  look.inspected.width = image.width;
  look.inspected.height = image.height;
  look.inspected.dpi = image.dpi;
  auto t0 = Clock::now();
  if (hooks.inspect) {
    hooks.inspect(image, look.inspected);
    t0 = lap(seconds, "seal", t0);
  }
  if (hooks.prepare_for_ocr) {
    std::vector<Seal> seals_px = look.inspected.seals;  // page units = pixels here
    look.prepared = hooks.prepare_for_ocr(image, seals_px);
    t0 = lap(seconds, "ocr_prep", t0);
  } else {
    look.prepared = image;
  }
  look.read.number = page_number;
  look.status = ocr.recognise(look.prepared, look.read);
  lap(seconds, ocr_step, t0);
  return look;
}

}  // namespace

PageReading read_page_image(const Image& image, int page_number, OcrEngine& ocr,
                            const PageImageHooks& hooks, const PageReadOptions& options,
                            std::map<std::string, double>* seconds) {
  PageReading reading;
  Look best = look_at(image, page_number, ocr, hooks, seconds, "ocr");
  reading.status = best.status;
  if (!best.status.ok()) {
    reading.page = std::move(best.inspected);
    return reading;
  }

  // Orientation: only a page read with little confidence is tried the other ways round.
  if (best.read.ocr_confidence && confidence_of(best.read) < options.turn_below) {
    for (int turns : {2, 1, 3}) {
      Look look = look_at(turned(image, turns), page_number, ocr, hooks, seconds, "ocr_turn");
      if (look.status.ok() &&
          confidence_of(look.read) >= confidence_of(best.read) + options.turn_margin) {
        best = std::move(look);
        reading.quarter_turns = turns;
      }
    }
  }

  reading.page = std::move(best.read);
  reading.page.seals = std::move(best.inspected.seals);
  reading.page.thumbnail_png = std::move(best.inspected.thumbnail_png);
  reading.page.thumbnail_width = best.inspected.thumbnail_width;
  return reading;
}

}  // namespace shenbao
