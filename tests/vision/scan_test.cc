// Scan normalisation: red suppression (reading text beneath a seal) and deskewing, on pages
// drawn by tests/vision/page_drawing.h.
#include "pipeline/vision/scan.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "pipeline/vision/seal.h"
#include "tests/vision/page_drawing.h"

using namespace shenbao;
using namespace vision_test;

namespace {

constexpr double kDpi = 200;
// The seal of the suppression tests: right rim beyond the text (which ends at x = 185 mm).
constexpr double kSealX = 170, kSealY = 120, kSealD = 42;

// Body text, plus a black bar under where the seal goes (it crosses the ring at the left).
void text_page(PageCanvas& page) {
  page.body_text(25, 40, 20);
  page.rule(120, 131, 185, 131, 1.0, kBlack);
}

void stamp(PageCanvas& page) {
  SealStyle style;
  style.wear = 0;  // the checked ring pixel must carry ink
  page.company_seal(kSealX, kSealY, kSealD, "上海星河数据科技有限公司", style);
}

Image luminance(const Image& rgb) {
  Image gray = rgb;
  gray.channels = 1;
  gray.pixels.resize(static_cast<size_t>(rgb.width) * rgb.height);
  for (size_t i = 0; i < gray.pixels.size(); ++i) {
    const uint8_t* p = &rgb.pixels[i * 3];
    gray.pixels[i] = static_cast<uint8_t>((299 * p[0] + 587 * p[1] + 114 * p[2]) / 1000);
  }
  return gray;
}

uint8_t gray_at_mm(const Image& gray, double x_mm, double y_mm) {
  const int x = static_cast<int>(std::lround(x_mm / 25.4 * gray.dpi));
  const int y = static_cast<int>(std::lround(y_mm / 25.4 * gray.dpi));
  return gray.pixels[static_cast<size_t>(y) * gray.width + x];
}

// Within the seal's box: pixels dark (< 128) in exactly one of the two gray images, as a
// share of the pixels dark in `reference`.
double dark_disagreement(const Image& reference, const Image& other) {
  const int x0 = static_cast<int>((kSealX - kSealD / 2) / 25.4 * kDpi);
  const int x1 = static_cast<int>((kSealX + kSealD / 2) / 25.4 * kDpi);
  const int y0 = static_cast<int>((kSealY - kSealD / 2) / 25.4 * kDpi);
  const int y1 = static_cast<int>((kSealY + kSealD / 2) / 25.4 * kDpi);
  int dark = 0, differ = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const size_t i = static_cast<size_t>(y) * reference.width + x;
      const bool a = reference.pixels[i] < 128, b = other.pixels[i] < 128;
      dark += a;
      differ += a != b;
    }
  }
  return dark > 0 ? static_cast<double>(differ) / dark : 1e9;
}

}  // namespace

TEST_CASE("suppress_red: text under a seal reads as without the seal, the ring turns light") {
  PageCanvas plain(kDpi);
  text_page(plain);
  PageCanvas sealed(kDpi);
  text_page(sealed);
  stamp(sealed);
  const Image reference = luminance(plain.image());
  const Image rgb = sealed.image();

  // Without suppression the seal's ink is as dark as text: the comparison can fail.
  const Image plain_gray = luminance(rgb);
  CHECK(dark_disagreement(reference, plain_gray) > 0.5);

  const double ring_x = kSealX + kSealD / 2 - 0.6;  // on the ring, right of all text
  const double bar_x = kSealX - kSealD / 2 + 0.6;   // where the ring crosses the black bar
  CHECK(gray_at_mm(plain_gray, ring_x, kSealY) < 128);

  for (const RedSuppression method :
       {RedSuppression::kRedChannel, RedSuppression::kWhitenRedMask}) {
    CAPTURE(static_cast<int>(method));
    SuppressRedOptions options;
    options.method = method;
    const Image gray = suppress_red(rgb, options);
    REQUIRE(gray.channels == 1);
    REQUIRE(gray.width == rgb.width);
    REQUIRE(gray.height == rgb.height);
    CHECK(gray.dpi == rgb.dpi);
    CHECK(gray_at_mm(gray, ring_x, kSealY) > 200);  // seal ring: paper-light
    CHECK(gray_at_mm(gray, bar_x, 131) < 80);       // black under red: still black
    CHECK(gray_at_mm(gray, 150, 131) < 80);         // black bar inside the seal
    CHECK(dark_disagreement(reference, gray) < 0.15);
  }
}

TEST_CASE("suppress_red limited to the seals' boxes keeps a red header's rule dark") {
  PageCanvas page(kDpi);
  page.text(18, 22, "上海市松江区数据局文件", 17, kTitleRed, true, 1);
  page.rule(15, 50, 195, 50, 1.0, kTitleRed);
  text_page(page);
  stamp(page);
  const Image rgb = page.image();
  const std::vector<Seal> seals = detect_seals(rgb);
  REQUIRE(seals.size() == 1);

  SuppressRedOptions whole_page;
  const Image everywhere = suppress_red(rgb, whole_page);
  CHECK(gray_at_mm(everywhere, 100, 50) > 200);  // the red rule is gone
  SuppressRedOptions in_seals;
  in_seals.regions = {seals[0].box};
  const Image only_seals = suppress_red(rgb, in_seals);
  CHECK(gray_at_mm(only_seals, 100, 50) < 128);                            // the red rule stays
  CHECK(gray_at_mm(only_seals, kSealX + kSealD / 2 - 0.6, kSealY) > 200);  // the ring goes
  CHECK(gray_at_mm(only_seals, 150, 131) < 80);  // black under the seal stays
  // A page with no seal found, suppressed only where seals are: nothing red is taken out.
  SuppressRedOptions nowhere;
  nowhere.only_regions = true;
  const Image plain = suppress_red(rgb, nowhere);
  CHECK(gray_at_mm(plain, 100, 50) < 128);                            // the red rule stays
  CHECK(gray_at_mm(plain, kSealX + kSealD / 2 - 0.6, kSealY) < 200);  // and so does the ring
}

TEST_CASE("suppress_red passes a grey image through and refuses malformed ones") {
  Image gray;
  gray.width = 4;
  gray.height = 2;
  gray.channels = 1;
  gray.dpi = 150;
  gray.pixels = {0, 50, 100, 150, 200, 250, 255, 10};
  const Image out = suppress_red(gray);
  CHECK(out.channels == 1);
  CHECK(out.pixels == gray.pixels);
  CHECK(out.dpi == 150);
  CHECK(suppress_red(Image{}).empty());
  Image bad = gray;
  bad.channels = 3;  // buffer too short for RGB
  CHECK(suppress_red(bad).empty());
}

TEST_CASE("deskew recovers a page tilted by 1.5 degrees either way, within 0.3 degrees") {
  for (const double tilt : {1.5, -1.5}) {
    CAPTURE(tilt);
    PageCanvas page(kDpi, tilt);
    page.body_text(25, 30, 26);
    const Image tilted = page.image();
    double angle = 0;
    const Image straight = deskew(tilted, &angle);
    // The rotation applied undoes the tilt (clockwise positive, as cairo draws it).
    CHECK(std::abs(angle + tilt) <= 0.3);
    REQUIRE(straight.width == tilted.width);
    REQUIRE(straight.height == tilted.height);
    CHECK(straight.channels == 3);
    CHECK(straight.dpi == tilted.dpi);
    // Measured again, the result is straight.
    double residual = 99;
    (void)deskew(straight, &residual);
    CHECK(std::abs(residual) <= 0.3);
  }
}

TEST_CASE("deskew leaves a straight page and a blank page untouched") {
  PageCanvas page(kDpi);
  page.body_text(25, 30, 26);
  const Image straight = luminance(page.image());
  double angle = 99;
  const Image out = deskew(straight, &angle);
  CHECK(std::abs(angle) < 0.1);
  CHECK(out.channels == 1);
  CHECK(out.pixels == straight.pixels);

  PageCanvas blank(kDpi);
  const Image white = blank.image();
  angle = 99;
  const Image same = deskew(white, &angle);
  CHECK(angle == 0);
  CHECK(same.pixels == white.pixels);
  CHECK(deskew(Image{}, &angle).empty());
}
