// Page pictures for the report: scaled down from the page image, colours kept.
#include "pipeline/vision/thumbnail.h"

#include <doctest/doctest.h>

#include "pipeline/load/image.h"
#include "tests/vision/page_drawing.h"

using namespace shenbao;
using namespace vision_test;

TEST_CASE("a sealed A4 page at 200 dpi becomes a 320-pixel-wide PNG with the seal still red") {
  PageCanvas page(200);
  page.text(30, 20, "关于申请松江区产业专项补贴的承诺书", 6, kBlack, true);
  page.body_text(25, 40, 12);
  page.company_seal(140, 245, 42, "上海松江测试科技有限公司", SealStyle{});
  const Image image = page.image();
  REQUIRE(image.channels == 3);

  const Thumbnail t = page_thumbnail(image);
  REQUIRE_FALSE(t.png.empty());
  CHECK(t.width == 320);
  CHECK(t.height == doctest::Approx(320.0 * image.height / image.width).epsilon(0.01));

  // The PNG decodes to the size it claims, in colour, with red where the seal was drawn.
  auto decoded = decode_image(t.png, 10'000'000);
  REQUIRE(decoded.ok());
  const Image& small = decoded.value();
  CHECK(small.width == t.width);
  CHECK(small.height == t.height);
  REQUIRE(small.channels == 3);
  const double px_per_mm = t.width / kA4WidthMm;
  int red = 0;
  for (int y = static_cast<int>(224 * px_per_mm); y < static_cast<int>(266 * px_per_mm); ++y) {
    for (int x = static_cast<int>(119 * px_per_mm); x < static_cast<int>(161 * px_per_mm); ++x) {
      const uint8_t* p = small.at(x, y);
      red += p[0] > 150 && p[1] < 120 && p[2] < 120;
    }
  }
  CHECK(red > 20);
  // No red in the body text's area.
  int red_elsewhere = 0;
  for (int y = static_cast<int>(40 * px_per_mm); y < static_cast<int>(100 * px_per_mm); ++y) {
    for (int x = 0; x < small.width; ++x) {
      const uint8_t* p = small.at(x, y);
      red_elsewhere += p[0] > 150 && p[1] < 120 && p[2] < 120;
    }
  }
  CHECK(red_elsewhere == 0);
}

TEST_CASE("a page narrower than the thumbnail is kept at its size, and nothing comes of nothing") {
  Image tiny;
  tiny.width = 100;
  tiny.height = 140;
  tiny.channels = 1;
  tiny.pixels.assign(100 * 140, 255);
  const Thumbnail t = page_thumbnail(tiny);
  REQUIRE_FALSE(t.png.empty());
  CHECK(t.width == 100);
  CHECK(t.height == 140);

  CHECK(page_thumbnail(Image{}).png.empty());
  CHECK(page_thumbnail(tiny, 0).png.empty());
}
