// read_page_image: the hooks run in order (seal check before OCR, seals handed to the OCR
// preparation), and a page that reads badly is tried the other ways round — on real pages
// rendered with Pango and read by the real Tesseract.
#include "pipeline/load/page_reading.h"

#include <doctest/doctest.h>

#include "pipeline/core/text.h"
#include "tests/support/render.h"

using namespace shenbao;

namespace {

const char* kCode = "91310117MA1J2Q4K7A";

Image form_page() {
  shenbao::testing::TextPage text;
  text.lines = {"松江区产业专项补贴项目街镇初审意见表",
                "申报单位：上海松擎信息技术有限公司",
                std::string("统一社会信用代码：") + kCode,
                "注册地址：上海市松江区广富林街道龙腾路1756号",
                "申请金额：1936.00万元",
                "本单位承诺所填内容及提交材料真实有效，项目实施地位于松江区。"};
  const shenbao::testing::GrayRaster raster = shenbao::testing::render_gray(text, 200);
  Image image;
  image.width = raster.width;
  image.height = raster.height;
  image.channels = 1;
  image.dpi = 200;
  image.pixels = raster.pixels;
  return image;
}

bool reads_code(const Page& page) {
  return normalise_for_compare(page.text()).find(kCode) != std::string::npos;
}

}  // namespace

TEST_CASE("an upright page is read once; a page upside down or sideways is turned and read") {
  const Image upright = form_page();
  OcrEngine ocr;
  PageImageHooks hooks;
  PageReadOptions options;

  std::map<std::string, double> seconds;
  const PageReading first = read_page_image(upright, 1, ocr, hooks, options, &seconds);
  REQUIRE(first.status.ok());
  CHECK(first.quarter_turns == 0);
  CHECK(reads_code(first.page));
  CHECK(seconds.count("ocr") == 1);
  CHECK(seconds.count("ocr_turn") == 0);  // a confident page pays for no other turn

  // Stored turned by k quarter turns clockwise (EXIF 6 / 3 / 8 are exactly one, two, three
  // quarter turns clockwise), the kept reading must not be upside down: Tesseract reads a
  // sideways page as vertical text, but nothing upside down.
  for (const auto& [exif, stored_turns] : {std::pair{3, 2}, std::pair{6, 1}, std::pair{8, 3}}) {
    CAPTURE(exif);
    const Image stored = apply_exif_orientation(upright, exif);
    seconds.clear();
    const PageReading r = read_page_image(stored, 1, ocr, hooks, options, &seconds);
    REQUIRE(r.status.ok());
    CHECK((stored_turns + r.quarter_turns) % 4 != 2);
    if (exif == 3) {
      CHECK(r.quarter_turns == 2);
      CHECK(seconds.count("ocr_turn") == 1);
      CHECK(r.page.height > r.page.width);  // the page is the turned image: upright again
    }
    CHECK(reads_code(r.page));
    REQUIRE(r.page.ocr_confidence.has_value());
    CHECK(*r.page.ocr_confidence > 0.7);
  }
}

TEST_CASE("the seal check runs before OCR and its seals reach the OCR preparation") {
  const Image page = form_page();
  OcrEngine ocr;
  PageImageHooks hooks;
  std::vector<std::string> order;
  hooks.inspect = [&](const Image& image, Page& p) {
    order.push_back("inspect");
    CHECK(p.dpi == image.dpi);  // boxes in the image's pixels
    p.seals.push_back({Box{10, 20, 110, 120}, "circle", "red", 0.9});
    p.thumbnail_png = "png";
    p.thumbnail_width = 40;
  };
  std::vector<Seal> seen;
  hooks.prepare_for_ocr = [&](const Image& image, const std::vector<Seal>& seals) {
    order.push_back("prepare");
    seen = seals;
    return image;
  };
  const PageReading r = read_page_image(page, 3, ocr, hooks, PageReadOptions{});
  REQUIRE(r.status.ok());
  CHECK(order == std::vector<std::string>{"inspect", "prepare"});
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].box.x1 == 110);
  // The reading carries the seal check's results.
  CHECK(r.page.number == 3);
  REQUIRE(r.page.seals.size() == 1);
  CHECK(r.page.seals[0].box.y1 == 120);
  CHECK(r.page.thumbnail_png == "png");
  CHECK(reads_code(r.page));
}

TEST_CASE("a failed reading still returns the seal check's page") {
  Image blank;
  blank.width = 4;
  blank.height = 4;
  blank.channels = 4;  // not a channel count OCR takes
  blank.pixels.assign(64, 255);
  OcrEngine ocr;
  PageImageHooks hooks;
  hooks.inspect = [](const Image&, Page& p) { p.seals.push_back({Box{0, 0, 1, 1}, "half", "red", 1}); };
  const PageReading r = read_page_image(blank, 2, ocr, hooks, PageReadOptions{});
  CHECK_FALSE(r.status.ok());
  CHECK(r.page.seals.size() == 1);
  CHECK(r.page.lines.empty());
}
