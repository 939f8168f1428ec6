// OcrEngine: start-up failures, bad input and the per-page deadline.
#include "pipeline/load/ocr.h"

#include <doctest/doctest.h>

#include "tests/support/render.h"

using namespace shenbao;

namespace {

Image gray_image(const shenbao::testing::GrayRaster& raster, double dpi) {
  Image image;
  image.width = raster.width;
  image.height = raster.height;
  image.channels = 1;
  image.dpi = dpi;
  image.pixels = raster.pixels;
  return image;
}

}  // namespace

TEST_CASE("an engine for a missing language fails on ready and on every page") {
  OcrOptions options;
  options.language = "no_such_language";
  OcrEngine engine(options);
  const Status s = engine.ready();
  CHECK(s.code() == Status::Code::kInternal);
  Image image;
  image.width = image.height = 8;
  image.channels = 1;
  image.pixels.assign(64, 255);
  Page page;
  CHECK(engine.recognise(image, page).code() == Status::Code::kInternal);
}

TEST_CASE("recognise refuses an empty or malformed image") {
  OcrEngine engine;
  Page page;
  CHECK(engine.recognise(Image{}, page).code() == Status::Code::kInvalidArgument);
  Image bad;
  bad.width = 10;
  bad.height = 10;
  bad.channels = 4;
  bad.pixels.assign(400, 0);
  CHECK(engine.recognise(bad, page).code() == Status::Code::kInvalidArgument);
  bad.channels = 1;  // 400 bytes for 100 pixels: wrong size
  CHECK(engine.recognise(bad, page).code() == Status::Code::kInvalidArgument);
}

TEST_CASE("a page over the deadline comes back as a timeout, then the engine still works") {
  shenbao::testing::TextPage text;
  text.width_pt = 400;
  text.height_pt = 120;
  text.margin_pt = 20;
  text.lines = {"统一社会信用代码：91310117MA1J2Q4K7A"};
  const Image image = gray_image(shenbao::testing::render_gray(text, 300), 300);

  OcrOptions hurried;
  hurried.page_timeout_ms = 1;
  OcrEngine engine(hurried);
  Page page;
  const Status s = engine.recognise(image, page);
  CHECK(s.code() == Status::Code::kTimeout);
  CHECK(page.lines.empty());

  OcrEngine patient;
  Page read;
  REQUIRE(patient.recognise(image, read).ok());
  CHECK(read.text_source == TextSource::kOcr);
  CHECK(read.dpi == 300);
  CHECK(read.width == image.width);
  REQUIRE(read.ocr_confidence.has_value());
  std::string text_read;
  for (char c : read.text())
    if (c != ' ') text_read.push_back(c);
  CAPTURE(text_read);
  CHECK(text_read.find("91310117MA1J2Q4K7A") != std::string::npos);
}

TEST_CASE("a blank page gives no lines and no confidence") {
  Image blank;
  blank.width = 600;
  blank.height = 400;
  blank.channels = 1;
  blank.pixels.assign(600 * 400, 255);
  OcrEngine engine;
  Page page;
  REQUIRE(engine.recognise(blank, page).ok());
  CHECK(page.text_source == TextSource::kOcr);
  CHECK(page.lines.empty());
  CHECK_FALSE(page.ocr_confidence.has_value());
}
