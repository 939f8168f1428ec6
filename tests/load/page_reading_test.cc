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

namespace {

Word word_at(const std::string& text, double x0, double y0, double x1, double y1, float conf) {
  Word w;
  w.text = text;
  w.box = {x0, y0, x1, y1};
  w.confidence = conf;
  w.source = TextSource::kOcr;
  return w;
}

// A page of one table row per line: a name cell (0..100) and an amount cell (100..200),
// rows 20 high.
Page table_page(const std::vector<std::pair<std::string, std::string>>& rows) {
  Page page;
  double y = 0;
  for (const auto& [name, amount] : rows) {
    Line line;
    if (!name.empty()) line.words.push_back(word_at(name, 5, y + 5, 60, y + 15, 0.9f));
    if (!amount.empty()) line.words.push_back(word_at(amount, 150, y + 5, 195, y + 15, 0.9f));
    line.box = {5, y + 5, 195, y + 15};
    page.lines.push_back(std::move(line));
    y += 20;
  }
  return page;
}

std::vector<Box> table_cells(int rows) {
  std::vector<Box> cells;
  for (int r = 0; r < rows; ++r) {
    cells.push_back({0, 20.0 * r, 100, 20.0 * r + 20});
    cells.push_back({100, 20.0 * r, 200, 20.0 * r + 20});
  }
  return cells;
}

}  // namespace

TEST_CASE("number cells: digits, or a column of them; a Chinese header is text") {
  const Page page = table_page(
      {{"投资类别", "金额（万元）"}, {"硬件设施", "26.76"}, {"开发费用", "Ta0"}, {"测试费用", ""},
       {"人员工资", "1353"}});
  const std::vector<bool> numeric = number_cells(page, table_cells(5));
  REQUIRE(numeric.size() == 10);
  CHECK_FALSE(numeric[0]);  // 投资类别
  CHECK_FALSE(numeric[1]);  // 金额（万元）: mostly Chinese
  CHECK(numeric[3]);        // 26.76
  CHECK(numeric[5]);        // Ta0: misread, but its column holds numbers
  CHECK(numeric[7]);        // empty, in a column of numbers
  CHECK(numeric[9]);        // 1353
  for (int r = 1; r < 5; ++r) CHECK_FALSE(numeric[2 * r]);  // the names
}

TEST_CASE("put_cell_word replaces a cell's words in their line, or joins the row's line") {
  Page page = table_page({{"硬件设施", ""}, {"开发费用", "Ta0"}});
  page.lines[1].words.push_back(word_at("0", 180, 25, 190, 35, 0.2f));  // a second fragment
  put_cell_word(page, {100, 20, 200, 40}, "11.10", 0.96);
  REQUIRE(page.lines.size() == 2);
  REQUIRE(page.lines[1].words.size() == 2);
  CHECK(page.lines[1].words[1].text == "11.10");
  CHECK(page.lines[1].words[1].box.x0 == 150);  // the union of what it replaces
  CHECK(page.lines[1].words[1].box.x1 == 195);
  CHECK(page.lines[1].words[1].confidence == doctest::Approx(0.96));
  // Nothing was read in the first row's amount cell: the number joins that row's line.
  put_cell_word(page, {100, 0, 200, 20}, "26.76", 0.95);
  REQUIRE(page.lines[0].words.size() == 2);
  CHECK(page.lines[0].words[0].text == "硬件设施");
  CHECK(page.lines[0].words[1].text == "26.76");
  // A cell beside no line at all gets a line of its own.
  put_cell_word(page, {100, 200, 200, 220}, "6.80", 0.9);
  CHECK(page.lines.size() == 3);
}

TEST_CASE("restore_decimal_point follows the column's format, and only a consistent one") {
  const std::vector<std::string> column = {"26.76", "6.79", "35.98", "18.16"};
  CHECK(restore_decimal_point("1221", column) == std::optional<std::string>("12.21"));
  CHECK(restore_decimal_point("1353", column) == std::optional<std::string>("13.53"));
  CHECK_FALSE(restore_decimal_point("12.21", column));          // has its point
  CHECK_FALSE(restore_decimal_point("7", column));              // too short for 2 decimals
  CHECK_FALSE(restore_decimal_point("1221", {"26.76", "6.79"}));  // too few to tell
  CHECK_FALSE(restore_decimal_point("1221", {"26.76", "6.8", "35.98"}));  // mixed formats
  CHECK_FALSE(restore_decimal_point("1221", {"2676", "679", "3598"}));    // whole numbers
  CHECK(restore_decimal_point("123456", {"1,000.5", "3.2", "9.9"}) ==
        std::optional<std::string>("12345.6"));
}
