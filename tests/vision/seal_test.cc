// Seal detection on pages drawn by tests/vision/page_drawing.h: company seals, invoice ovals,
// part seals at the page edge, and the red things that are not seals (红头 titles, rules,
// table grids, logos, frames, pen circles). Pages are A4; 200 dpi unless a test says.
#include "pipeline/vision/seal.h"

#include <doctest/doctest.h>

#include <cmath>
#include <ctime>
#include <string>
#include <vector>

#include "tests/vision/page_drawing.h"
#include "tests/vision/synthetic_set.h"

using namespace shenbao;
using namespace vision_test;

namespace {

constexpr const char* kCompany = "上海星河数据科技有限公司";

// A box in millimetres, for comparing with what was drawn.
struct MmBox {
  double x0, y0, x1, y1;
};

MmBox to_mm(const Seal& seal, double dpi) {
  const double k = 25.4 / dpi;
  return {seal.box.x0 * k, seal.box.y0 * k, seal.box.x1 * k, seal.box.y1 * k};
}

// Every side of the found box lies within `tolerance` mm of the drawn one.
void check_near(const MmBox& found, const MmBox& drawn, double tolerance = 1.5) {
  INFO("found ", found.x0, ",", found.y0, " - ", found.x1, ",", found.y1, " mm; drawn ", drawn.x0,
       ",", drawn.y0, " - ", drawn.x1, ",", drawn.y1);
  CHECK(std::abs(found.x0 - drawn.x0) <= tolerance);
  CHECK(std::abs(found.y0 - drawn.y0) <= tolerance);
  CHECK(std::abs(found.x1 - drawn.x1) <= tolerance);
  CHECK(std::abs(found.y1 - drawn.y1) <= tolerance);
}

MmBox circle_box(double cx, double cy, double diameter) {
  return {cx - diameter / 2, cy - diameter / 2, cx + diameter / 2, cy + diameter / 2};
}

// A letter page: two paragraphs of body text, a signature date.
void letter(PageCanvas& page) {
  page.text(70, 20, "关于申请松江区产业专项补贴的承诺书", 6, kBlack, true);
  page.body_text(25, 40, 16);
  page.body_text(25, 190, 6);
  page.text(120, 250, "二〇二四年三月十五日", 4.2, kBlack);
}

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

}  // namespace

TEST_CASE("finds one red company seal stamped over body text, where it was drawn") {
  PageCanvas page(200);
  letter(page);
  SealStyle style;
  style.rotation_deg = 12;
  page.company_seal(140, 245, 42, kCompany, style);
  page.scan_noise(6, 1);
  const std::vector<Seal> seals = detect_seals(page.image());
  REQUIRE(seals.size() == 1);
  check_near(to_mm(seals[0], 200), circle_box(140, 245, 42));
  CHECK(seals[0].shape == "circle");
  CHECK(seals[0].colour == "red");
  CHECK(seals[0].score >= 0.5);
  CHECK(seals[0].score <= 1.0);
}

TEST_CASE("the red title and red rule of a red-header document are not seals") {
  PageCanvas page(200);
  page.text(18, 22, "上海市松江区数据局文件", 17, kTitleRed, true, 1);
  page.rule(15, 50, 195, 50, 1.0, kTitleRed);
  page.text(80, 56, "松数〔2024〕12号", 4.2, kBlack);
  page.body_text(25, 70, 22);
  CHECK(detect_seals(page.image()).empty());
}

TEST_CASE("a red-header document with a seal at its foot gives exactly that one seal") {
  PageCanvas page(200);
  page.text(18, 22, "上海市松江区数据局文件", 17, kTitleRed, true, 1);
  page.rule(15, 50, 195, 50, 1.0, kTitleRed);
  page.body_text(25, 70, 20);
  page.text(130, 250, "二〇二四年三月十五日", 4.2, kBlack);
  page.company_seal(150, 248, 42, "上海市松江区数据局");
  const std::vector<Seal> seals = detect_seals(page.image());
  REQUIRE(seals.size() == 1);
  check_near(to_mm(seals[0], 200), circle_box(150, 248, 42));
}

TEST_CASE("finds an oval invoice seal stamped across an invoice's red grid, as an ellipse") {
  PageCanvas page(200);
  const Rgb brown{0.62, 0.30, 0.22};
  page.text(60, 15, "上海增值税电子普通发票", 8, brown, true);
  page.table(15, 35, 180, 90, 6, 4, brown);
  // Centred on the grid's bottom rule: the rule crosses the oval.
  page.invoice_seal(150, 125, 40, 28, kCompany, "91310117MA1FL8XQ3K");
  const std::vector<Seal> seals = detect_seals(page.image());
  REQUIRE(seals.size() == 1);
  check_near(to_mm(seals[0], 200), {130, 111, 170, 139});
  CHECK(seals[0].shape == "ellipse");
}

TEST_CASE("part seals cut by the right and the left page edge are found as half seals") {
  PageCanvas page(200);
  letter(page);
  page.company_seal(kA4WidthMm - 20 + 21, 80, 42, kCompany);  // 20 mm visible at the right
  page.company_seal(30 - 21, 200, 42, kCompany);              // 30 mm visible at the left
  const std::vector<Seal> seals = detect_seals(page.image());
  REQUIRE(seals.size() == 2);
  // Ordered top to bottom: the right-edge one first.
  CHECK(seals[0].shape == "half");
  CHECK(seals[1].shape == "half");
  check_near(to_mm(seals[0], 200), {kA4WidthMm - 20, 59, kA4WidthMm, 101});
  check_near(to_mm(seals[1], 200), {0, 179, 30, 221});
}

TEST_CASE("red table grids, large and seal-sized, are not seals") {
  PageCanvas page(200);
  page.body_text(25, 20, 4);
  page.table(20, 60, 170, 100, 8, 4, kTitleRed);
  page.table(30, 190, 40, 40, 2, 2, kTitleRed);   // a 2 × 2 grid the size of a seal
  page.table(120, 190, 45, 30, 1, 1, kTitleRed);  // one cell, invoice-seal sized
  CHECK(detect_seals(page.image()).empty());
}

TEST_CASE("logos, a square frame, a pen circle and big red characters are not seals") {
  PageCanvas page(200);
  page.body_text(25, 60, 10);
  page.disc_logo(25, 25, 12, kTitleRed);   // small logo
  page.disc_logo(60, 170, 40, kTitleRed);  // seal-sized filled disc with white letters
  page.square_frame(140, 150, 40, kTitleRed);
  page.pen_circle(110, 240, 38, kTitleRed);  // a reviewer circling a figure
  page.text(20, 215, "国回", 32, kTitleRed, true);
  page.red_note(100, 270, kTitleRed);
  CHECK(detect_seals(page.image()).empty());
}

TEST_CASE("a noisy black-text page and a blank page have no seals") {
  PageCanvas text_page(200);
  letter(text_page);
  text_page.scan_noise(24, 2);  // heavy noise, ± 12 per colour channel
  CHECK(detect_seals(text_page.image()).empty());
  PageCanvas blank(200);
  CHECK(detect_seals(blank.image()).empty());
}

TEST_CASE("the same seal is found at 100, 200 and 300 dpi with the same size in millimetres") {
  for (const double dpi : {100.0, 200.0, 300.0}) {
    CAPTURE(dpi);
    PageCanvas page(dpi);
    letter(page);
    page.company_seal(60, 120, 40, kCompany);
    const std::vector<Seal> seals = detect_seals(page.image());
    REQUIRE(seals.size() == 1);
    check_near(to_mm(seals[0], dpi), circle_box(60, 120, 40), 1.5);
  }
}

TEST_CASE("a blue seal is found and reported blue") {
  PageCanvas page(100);
  letter(page);
  SealStyle style;
  style.colour = kSealBlue;
  page.company_seal(100, 150, 40, kCompany, style);
  const std::vector<Seal> seals = detect_seals(page.image());
  REQUIRE(seals.size() == 1);
  CHECK(seals[0].colour == "blue");
}

TEST_CASE("a seal smaller or larger than the size options allow is not reported") {
  PageCanvas page(100);
  letter(page);
  page.company_seal(100, 150, 42, kCompany);
  const Image image = page.image();
  REQUIRE(detect_seals(image).size() == 1);
  SealOptions small_only;
  small_only.max_diameter_mm = 35;
  CHECK(detect_seals(image, small_only).empty());
  SealOptions large_only;
  large_only.min_diameter_mm = 48;
  CHECK(detect_seals(image, large_only).empty());
}

TEST_CASE("grey, empty and malformed images give no seals") {
  PageCanvas page(100);
  page.company_seal(100, 150, 42, kCompany);
  const Image rgb = page.image();
  Image gray;
  gray.width = rgb.width;
  gray.height = rgb.height;
  gray.channels = 1;
  gray.dpi = rgb.dpi;
  gray.pixels.assign(static_cast<size_t>(rgb.width) * rgb.height, 255);
  CHECK(detect_seals(gray).empty());
  CHECK(detect_seals(Image{}).empty());
  Image truncated = rgb;
  truncated.pixels.resize(truncated.pixels.size() / 2);
  CHECK(detect_seals(truncated).empty());
  Image no_dpi = rgb;
  no_dpi.dpi = 0;
  CHECK(detect_seals(no_dpi).empty());
}

TEST_CASE("synthetic set: every seal found and nothing else, on 24 varied pages") {
  // Two rounds of the twelve scene kinds (synthetic_set.h), at 100 and 150 dpi: worn and
  // faded inks, rotated stamps, noise, tilted scans, red headers, grids and logos.
  Score score;
  for (int i = 0; i < 2 * kSceneKinds; ++i) {
    const double dpi = i < kSceneKinds ? 100 : 150;
    const Scene scene = make_scene(i, dpi);
    Score one;
    score_page(scene.seals, detect_seals(scene.image), dpi, one);
    INFO("scene ", i, " (", scene.kind, ") at ", dpi, " dpi");
    CHECK(one.matched == one.truth);
    CHECK(one.found == one.matched);
    CHECK(one.shape_right == one.matched);
    CHECK(one.colour_right == one.matched);
    score.truth += one.truth;
    score.found += one.found;
    score.matched += one.matched;
  }
  MESSAGE("synthetic set: ", score.truth, " seals, ", score.found, " found, ", score.matched,
          " matched; precision ", score.precision(), ", recall ", score.recall());
  CHECK(score.truth >= 14);
}

// The full evaluation behind the figures in the report: 480 scenes at 100/150/200/300 dpi.
// Slow (minutes); run with: test_vision --no-skip -tc="*full synthetic*"
TEST_CASE("full synthetic evaluation, 480 scenes" * doctest::skip()) {
  const double dpis[] = {100, 150, 200, 300};
  Score score;
  double cpu = 0;
  for (int i = 0; i < 480; ++i) {
    const double dpi = dpis[(i / kSceneKinds) % 4];
    const Scene scene = make_scene(i, dpi);
    const double start = cpu_ms();
    const std::vector<Seal> found = detect_seals(scene.image);
    cpu += cpu_ms() - start;
    score_page(scene.seals, found, dpi, score);
  }
  MESSAGE("480 scenes: ", score.truth, " seals, ", score.found, " found, ", score.matched,
          " matched, shape right ", score.shape_right, ", colour right ", score.colour_right,
          "; precision ", score.precision(), ", recall ", score.recall(), "; ", cpu / 480,
          " ms CPU per page");
  CHECK(score.precision() >= 0.98);
  CHECK(score.recall() >= 0.98);
}
