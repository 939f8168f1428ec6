// find_ruled_cells on drawn pages (a ruled investment table scanned at 200 dpi, 1.5° askew;
// a page of text with a big title and no table), and the second reading of the table's
// amounts through read_page_image with the real Tesseract.
#include "pipeline/vision/table_cells.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "extractors/investment.h"
#include "pipeline/load/page_reading.h"
#include "pipeline/vision/scan.h"
#include "tests/tables/table_drawing.h"  // the real schemas, loaded once
#include "tests/vision/page_drawing.h"

using namespace shenbao;
using namespace vision_test;

namespace {

constexpr double kDpi = 200;

const std::vector<std::vector<std::string>> kTable = {
    {"序号", "投资类别", "明细内容", "金额（万元）"},
    {"1", "硬件设施", "GPU服务器", "26.76"},
    {"2", "硬件设施", "存储设备", "12.21"},
    {"3", "开发费用", "算法研发外包服务", "35.98"},
    {"4", "开发费用", "软件及云服务", "13.53"},
    {"5", "测试费用", "第三方测评费", "11.10"},
    {"6", "人员工资", "研发人员工资", "39.23"},
    {"", "合计", "", "138.81"},
};
constexpr double kColumnsMm[] = {20, 38, 70, 110, 185};  // the column rules' x
constexpr double kTopMm = 60, kRowMm = 9;

// The table above, ruled, with a title; amounts right-aligned like a printed table.
void draw_table(PageCanvas& page) {
  page.text(70, 30, "项目投资明细表", 7, kBlack, true);
  page.text(20, 45, "项目名称：松擎大模型推理适配套件研发及推广项目", 3.7, kBlack);
  const int rows = static_cast<int>(kTable.size());
  for (int r = 0; r <= rows; ++r) {
    page.rule(kColumnsMm[0], kTopMm + r * kRowMm, kColumnsMm[4], kTopMm + r * kRowMm, 0.3, kBlack);
  }
  for (double x : kColumnsMm) page.rule(x, kTopMm, x, kTopMm + rows * kRowMm, 0.3, kBlack);
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < 4; ++c) {
      const std::string& cell = kTable[r][c];
      if (cell.empty()) continue;
      const double size = 3.7;
      // Amounts end 3 mm before the column's right rule (digits are about 0.55 em wide);
      // headings are centred in their cells (a CJK character is 1 em wide).
      const double width = static_cast<double>(utf8_to_codepoints(cell).size()) * size;
      const double x = c == 3 && r > 0
                           ? kColumnsMm[4] - 3 - 0.55 * size * static_cast<double>(cell.size())
                           : r == 0 ? (kColumnsMm[c] + kColumnsMm[c + 1] - width) / 2
                                    : kColumnsMm[c] + 2.5;
      page.text(x, kTopMm + r * kRowMm + 2.4, cell, size, kBlack, r == 0);
    }
  }
}

bool has_word(const Page& page, const std::string& text) {
  for (const Line& line : page.lines) {
    for (const Word& word : line.words) {
      if (word.text == text) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("the cells of a ruled table scanned 1.5 degrees askew are found, rules painted out") {
  PageCanvas page(kDpi, 1.5);
  draw_table(page);
  page.scan_noise(12, 7);
  const Image gray = suppress_red(page.image());  // what the OCR reads: gray
  const RuledCells found = find_ruled_cells(gray);
  CHECK(found.cells.size() == kTable.size() * 4);
  REQUIRE_FALSE(found.clean.empty());
  CHECK(found.clean.width == gray.width);
  CHECK(found.clean.dpi == kDpi);
  // Every cell is about a row high and at least a narrow column wide.
  for (const Box& cell : found.cells) {
    CHECK(cell.height() > 0.7 * kRowMm / 25.4 * kDpi);
    CHECK(cell.height() < 1.3 * kRowMm / 25.4 * kDpi);
    CHECK(cell.width() > 14 / 25.4 * kDpi);
  }
  // Sorted by their top edges: the header row comes first.
  CHECK(found.cells.front().y0 <= found.cells.back().y0);
}

TEST_CASE("a page of text with a big title and no table has no cells") {
  PageCanvas page(kDpi);
  page.text(40, 25, "回国品目图", 14, kBlack, true);  // big glyphs with closed counters
  for (int i = 0; i < 20; ++i) {
    page.text(20, 60 + i * 8, "本单位承诺所填内容及提交材料真实有效，项目实施地位于松江区。", 3.7, kBlack);
  }
  page.rule(20, 240, 120, 240, 0.3, kBlack);  // a signature line is a rule, not a table
  const RuledCells found = find_ruled_cells(suppress_red(page.image()));
  CHECK(found.cells.empty());
  CHECK(found.clean.empty());
}

TEST_CASE("find_ruled_cells refuses a malformed image") {
  Image bad;
  bad.width = 10;
  bad.height = 10;
  bad.channels = 1;
  bad.pixels.assign(5, 0);  // too short
  CHECK(find_ruled_cells(bad).cells.empty());
  CHECK(find_ruled_cells(Image{}).cells.empty());
}

TEST_CASE("a skewed scanned table's amounts are read cell by cell: each one exactly") {
  PageCanvas page(kDpi, 1.5);
  draw_table(page);
  page.scan_noise(12, 11);
  const Image scan = page.image();
  OcrEngine ocr;
  PageImageHooks hooks;
  hooks.prepare_for_ocr = [](const Image& image, const std::vector<Seal>&) {
    return suppress_red(image);
  };
  hooks.find_cells = [](const Image& prepared) { return find_ruled_cells(prepared); };
  std::map<std::string, double> seconds;
  const PageReading r = read_page_image(scan, 1, ocr, hooks, PageReadOptions{}, &seconds);
  REQUIRE(r.status.ok());
  CHECK(seconds.count("ocr_cells") == 1);
  for (size_t row = 1; row < kTable.size(); ++row) {
    CAPTURE(kTable[row][3]);
    CHECK(has_word(r.page, kTable[row][3]));
  }
  // Each amount cell read alone, from the page with its rules painted out, is exact.
  const RuledCells found = find_ruled_cells(suppress_red(scan));
  REQUIRE(found.cells.size() == kTable.size() * 4);
  for (size_t row = 1; row < kTable.size(); ++row) {
    const Box& cell = found.cells[row * 4 + 3];
    const Image crop = crop_image(found.clean, static_cast<int>(cell.x0), static_cast<int>(cell.y0),
                                  static_cast<int>(cell.x1), static_cast<int>(cell.y1));
    const auto number = ocr.recognise_number(crop);
    REQUIRE(number.ok());
    CAPTURE(row);
    CHECK(number->text == kTable[row][3]);
    CHECK(number->confidence > 0.8);
  }
  // The words keep their places: each amount sits in the amount column.
  for (const Line& line : r.page.lines) {
    for (const Word& word : line.words) {
      if (word.text == "26.76" || word.text == "138.81") {
        CHECK(word.box.x0 > (kColumnsMm[3] - 5) / 25.4 * kDpi);
      }
    }
  }
  MESSAGE("cells re-read: " << r.numbers_reread);

  // And on into the investment table: six rows in 万元, their categories, the 合计.
  Document doc;
  doc.path = "项目投资明细表.pdf";
  doc.format = Format::kPdf;
  doc.pages.push_back(r.page);
  Extracted x;
  extract_investment({&doc}, shenbao::tables_test::patterns(), shenbao::tables_test::rules(), x);
  REQUIRE(x.investment.rows.size() == kTable.size() - 2);  // not the header, not 合计
  // Amounts in 万元 as the table prints them: fen = the digits × 100 (two decimals) × 10,000.
  auto fen = [](const std::string& wan) {
    std::string digits = wan;
    std::erase(digits, '.');
    return std::stoll(digits) * 10'000;
  };
  const std::vector<std::string> categories = {"hardware", "hardware", "development",
                                               "development", "testing", "personnel"};
  int64_t sum = 0;
  for (size_t i = 0; i < categories.size(); ++i) {
    CAPTURE(i);
    CHECK(x.investment.rows[i].category == categories[i]);
    CHECK(x.investment.rows[i].amount_fen == fen(kTable[i + 1][3]));
    sum += fen(kTable[i + 1][3]);
  }
  CHECK(sum == fen(kTable.back()[3]));  // the drawn 合计 is the rows' sum
  CHECK(x.investment.total_fen == sum);
  CHECK(x.investment.stated_total_fen == fen(kTable.back()[3]));
}
